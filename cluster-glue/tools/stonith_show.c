/*
 * What the stonith command prints about types: the usage text, the type list
 * (-L), config names (-n), meta-data (-m) and the descriptions of -h, laid
 * out as the established stonith command lays them out.
 */
#include <stdlib.h>
#include <string.h>

#include "stonith_cli.h"

void st_show_usage(FILE *out)
{
	static const char *const cfg = "{-p stonith-device-parameters | -F "
				       "stonith-device-parameters-file | -E | name=value...}";

	fprintf(out, "usage:\n");
	fprintf(out, "\t stonith [-svh] -L\n");
	fprintf(out, "\t stonith [-svh] -t stonith-device-type -n\n");
	fprintf(out, "\t stonith [-svh] -t stonith-device-type -m\n");
	fprintf(out, "\t stonith [-svh] -t stonith-device-type %s [-c count] -lS\n", cfg);
	fprintf(out,
		"\t stonith [-svh] -t stonith-device-type %s [-c count] -T {reset|on|off} "
		"nodename\n",
		cfg);
	fprintf(out, "\nwhere:\n"
		     "\t-L\tlist supported stonith device types\n"
		     "\t-l\tlist hosts controlled by this stonith device\n"
		     "\t-S\treport stonith device status\n"
		     "\t-s\tsilent\n"
		     "\t-v\tverbose\n"
		     "\t-n\toutput the config names of stonith-device-parameters\n"
		     "\t-m\tdisplay meta-data of the stonith device type\n"
		     "\t-h\tdisplay detailed help message with stonith device description(s)\n");
}

int st_show_types(void)
{
	char **types = stonith_types();

	if (types == NULL) {
		return S_OOPS;
	}
	for (char **t = types; *t != NULL; t++) {
		printf("%s\n", *t);
	}
	stonith_free_hostlist(types);
	return S_OK;
}

int st_show_names(Stonith *s)
{
	const char *const *names = stonith_get_confignames(s);

	if (names == NULL) {
		return S_OOPS;
	}
	for (; *names != NULL; names++) {
		printf("%s  ", *names);
	}
	printf("\n");
	return S_OK;
}

/* One type's -h block; the text after "- " is the device's description. */
static void st_show_type_help(const char *type)
{
	Stonith *s = stonith_new(type);
	const char *const *names;
	const char *url;

	if (s == NULL) {
		return;
	}
	printf("\n\nSTONITH Device: %s - %s\n", type, stonith_get_info(s, ST_DEVICEDESCR) ?: "");
	url = stonith_get_info(s, ST_DEVICEURL);
	if (url != NULL) {
		printf("For more information see %s\n", url);
	}
	printf("List of valid parameter names for %s STONITH device:\n", type);
	for (names = stonith_get_confignames(s); names && *names; names++) {
		printf("\t%s\n", *names);
	}
	printf("For Config info [-p] syntax, give each of the above parameters in order as\n"
	       "the -p value.\n"
	       "Arguments are separated by white space.\n"
	       "Config file [-F] syntax is the same as -p, except # at the start of a line\n"
	       "denotes a comment\n");
	stonith_delete(s);
}

int st_show_help(const char *type)
{
	char **types;

	if (type != NULL) {
		st_show_type_help(type);
		return S_OK;
	}
	st_show_usage(stdout);
	printf("\nSTONITH -t device types and associated configuration details:\n");
	types = stonith_types();
	for (char **t = types; t && *t; t++) {
		st_show_type_help(*t);
	}
	stonith_free_hostlist(types);
	return S_OK;
}

int st_show_metadata(Stonith *s)
{
	const char *xml = stonith_get_info(s, ST_CONF_XML);
	char *params = xml ? strdup(xml) : NULL;
	const char *id = stonith_get_info(s, ST_DEVICEID);
	char *shortdesc = id ? strdup(id) : NULL;
	const char *descr = stonith_get_info(s, ST_DEVICEDESCR);

	if (params == NULL || shortdesc == NULL || descr == NULL) {
		free(params);
		free(shortdesc);
		return S_OOPS;
	}
	printf("<?xml version=\"1.0\"?>\n<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n");
	printf("<resource-agent name=\"%s\">\n<version>1.0</version>\n", stonith_type(s));
	printf("<longdesc lang=\"en\">\n%s\n</longdesc>\n", descr);
	printf("<shortdesc lang=\"en\">%s</shortdesc>\n%s\n", shortdesc, params);
	printf("<actions>\n"
	       "<action name=\"start\"   timeout=\"20\" />\n"
	       "<action name=\"stop\"    timeout=\"15\" />\n"
	       "<action name=\"status\"  timeout=\"20\" />\n"
	       "<action name=\"monitor\" timeout=\"20\" interval=\"3600\" />\n"
	       "<action name=\"meta-data\"  timeout=\"15\" />\n"
	       "</actions>\n"
	       "<special tag=\"heartbeat\">\n<version>2.0</version>\n</special>\n"
	       "</resource-agent>\n");
	free(params);
	free(shortdesc);
	return S_OK;
}
