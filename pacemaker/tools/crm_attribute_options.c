/*
 * crm_attribute's command line, pacemaker 2.1.5's flags (with the old
 * long names it still accepts).
 */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "crm_attribute.h"

enum { OPT_OUTPUT_AS = 256, OPT_OUTPUT_TO, OPT_TEXT_FANCY, OPT_HELP_ALL };

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "help-all", no_argument, NULL, OPT_HELP_ALL },
	{ "help-output", no_argument, NULL, OPT_HELP_ALL },
	{ "help-selections", no_argument, NULL, OPT_HELP_ALL },
	{ "help-command", no_argument, NULL, OPT_HELP_ALL },
	{ "help-additional", no_argument, NULL, OPT_HELP_ALL },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "output-as", required_argument, NULL, OPT_OUTPUT_AS },
	{ "output-to", required_argument, NULL, OPT_OUTPUT_TO },
	{ "text-fancy", no_argument, NULL, OPT_TEXT_FANCY },
	{ "id", required_argument, NULL, 'i' },
	{ "attr-id", required_argument, NULL, 'i' },
	{ "name", required_argument, NULL, 'n' },
	{ "attr-name", required_argument, NULL, 'n' },
	{ "pattern", required_argument, NULL, 'P' },
	{ "promotion", optional_argument, NULL, 'p' },
	{ "set-name", required_argument, NULL, 's' },
	{ "delete", no_argument, NULL, 'D' },
	{ "delete-attr", no_argument, NULL, 'D' },
	{ "query", no_argument, NULL, 'G' },
	{ "get-value", no_argument, NULL, 'G' },
	{ "update", required_argument, NULL, 'v' },
	{ "attr-value", required_argument, NULL, 'v' },
	{ "default", required_argument, NULL, 'd' },
	{ "lifetime", required_argument, NULL, 'l' },
	{ "node", required_argument, NULL, 'N' },
	{ "node-uname", required_argument, NULL, 'N' },
	{ "type", required_argument, NULL, 't' },
	{ "section", required_argument, NULL, 't' },
	{ "utilization", no_argument, NULL, 'z' },
	{ NULL, 0, NULL, 0 },
};

static const char short_opts[] = ":h$Vqi:n:P:p::s:DGv:d:l:N:U:t:zQ";

void attr_usage(FILE *out)
{
	fputs("Usage:\n"
	      "  crm_attribute [OPTION?]\n\n"
	      "crm_attribute - query and update Pacemaker cluster options and node attributes\n\n"
	      "Output Options:\n"
	      "  --output-as=FORMAT           Specify output format as one of: text (default), "
	      "xml\n"
	      "  --output-to=DEST             Specify file name for output (or \"-\" for "
	      "stdout)\n\n"
	      "Selecting attributes:\n"
	      "  -i, --id=XML_ID              (Advanced) The XML id of the attribute's nvpair\n"
	      "  -n, --name=NAME              The attribute or option; queries without it list "
	      "all\n"
	      "  -P, --pattern=PATTERN        Every attribute whose name matches this regular\n"
	      "                               expression (with -G, or with -v/-D and -l reboot)\n"
	      "  -p, --promotion=RESOURCE     The promotion score of RESOURCE (default:\n"
	      "                               $OCF_RESOURCE_INSTANCE); implies -l reboot\n"
	      "  -s, --set-name=NAME          (Advanced) The XML id of the attribute's set\n\n"
	      "Commands:\n"
	      "  -D, --delete                 Delete the attribute/option\n"
	      "  -G, --query                  Show the value (the default command)\n"
	      "  -v, --update=VALUE           Set the value\n\n"
	      "Additional options:\n"
	      "  -d, --default=VALUE          (Advanced) What a query shows when nothing is set\n"
	      "  -l, --lifetime=LIFETIME      Lifetime of the node attribute: reboot, forever\n"
	      "  -N, --node=NODE              A node attribute of NODE (instead of a cluster "
	      "option)\n"
	      "  -t, --type=SECTION           Where: crm_config, rsc_defaults, op_defaults, "
	      "tickets\n"
	      "  -z, --utilization            A utilization attribute of the node\n\n"
	      "Application Options:\n"
	      "  -$, --version                Display software version and exit\n"
	      "  -V, --verbose                Increase debug output (may be specified multiple "
	      "times)\n"
	      "  -q, --quiet                  Print only the value on stdout\n",
	      out);
}

/* Options that store their argument. */
static const char **string_field(struct attr_opts *o, int c)
{
	static const struct {
		int opt;
		size_t offset;
	} fields[] = {
		{ 'i', offsetof(struct attr_opts, attr_id) },
		{ 'n', offsetof(struct attr_opts, name) },
		{ 'P', offsetof(struct attr_opts, pattern) },
		{ 's', offsetof(struct attr_opts, set_id) },
		{ 'd', offsetof(struct attr_opts, dflt) },
		{ 'l', offsetof(struct attr_opts, type) },
		{ 't', offsetof(struct attr_opts, type) },
		{ 'N', offsetof(struct attr_opts, node) },
		{ 'U', offsetof(struct attr_opts, node) },
		{ OPT_OUTPUT_AS, offsetof(struct attr_opts, output_as) },
		{ OPT_OUTPUT_TO, offsetof(struct attr_opts, output_to) },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].opt == c) {
			return (const char **)((char *)o + fields[i].offset);
		}
	}
	return NULL;
}

/* -p takes its resource as "-pRSC", "--promotion=RSC" or the next word. */
static void take_promotion(struct attr_opts *o, int argc, char **argv)
{
	if (optarg != NULL) {
		o->promote = optarg;
	} else if (optind < argc && argv[optind][0] != '-') {
		o->promote = argv[optind++];
	} else {
		o->promote = "";
	}
}

static int apply_option(struct attr_opts *o, int c, int argc, char **argv)
{
	const char **str = string_field(o, c);

	if (str != NULL) {
		*str = optarg;
	} else if (c == 'G' || c == 'D') {
		o->command = (char)c;
	} else if (c == 'v') {
		o->command = 'v';
		o->value = optarg;
	} else if (c == 'p') {
		take_promotion(o, argc, argv);
	} else if (c == 'q' || c == 'Q') {
		o->quiet = true;
	} else if (c == 'z') {
		o->utilization = true;
	} else if (c == 'h' || c == OPT_HELP_ALL) {
		o->help = true;
	} else if (c == '$') {
		o->version = true;
	} else if (c == ':') {
		fprintf(stderr, "crm_attribute: Missing argument for %s\n", argv[optind - 1]);
		return -1;
	} else if (c != 'V' && c != OPT_TEXT_FANCY) {
		fprintf(stderr, "crm_attribute: Unknown option %s\n", argv[optind - 1]);
		return -1;
	}
	return 0;
}

int attr_opts_parse(int argc, char **argv, struct attr_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->command = 'G';
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
		if (apply_option(o, c, argc, argv) != 0) {
			return -1;
		}
	}
	if (o->output_as != NULL && strcmp(o->output_as, "text") != 0 &&
	    strcmp(o->output_as, "xml") != 0) {
		fprintf(stderr, "crm_attribute: Invalid output format: %s\n", o->output_as);
		return -1;
	}
	return 0;
}
