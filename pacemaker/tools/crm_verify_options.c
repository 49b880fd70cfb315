/*
 * crm_verify's command line, pacemaker 2.1's flags.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "crm_verify.h"

enum { OPT_OUTPUT_AS = 256, OPT_OUTPUT_TO, OPT_TEXT_FANCY, OPT_HELP_ALL };

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "help-all", no_argument, NULL, OPT_HELP_ALL },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "live-check", no_argument, NULL, 'L' },
	{ "xml-file", required_argument, NULL, 'x' },
	{ "xml-pipe", no_argument, NULL, 'p' },
	{ "xml-text", required_argument, NULL, 'X' },
	{ "save-xml", required_argument, NULL, 'S' },
	{ "output-as", required_argument, NULL, OPT_OUTPUT_AS },
	{ "output-to", required_argument, NULL, OPT_OUTPUT_TO },
	{ "text-fancy", no_argument, NULL, OPT_TEXT_FANCY },
	{ NULL, 0, NULL, 0 },
};

void verify_usage(FILE *out)
{
	fputs("Usage:\n"
	      "  crm_verify [OPTION?]\n\n"
	      "Check a Pacemaker configuration for errors\n\n"
	      "Checks that a CIB is well-formed XML, conforms to the schema it names,\n"
	      "and is free of the misconfigurations the scheduler recognises.  Errors\n"
	      "must be fixed before the cluster can work properly; warnings are worth\n"
	      "a look.\n\n"
	      "Output Options:\n"
	      "  --output-as=FORMAT      Specify output format as one of: text (default), xml\n"
	      "  --output-to=DEST        Specify file name for output (or \"-\" for stdout)\n\n"
	      "Data sources:\n"
	      "  -L, --live-check        Check the configuration used by the running cluster\n"
	      "  -x, --xml-file=FILE     Check the configuration in the named file\n"
	      "  -p, --xml-pipe          Check the configuration piped in via stdin\n"
	      "  -X, --xml-text=XML      Check the configuration in the supplied string\n\n"
	      "Additional options:\n"
	      "  -S, --save-xml=FILE     Save verified XML to named file (most useful with -L)\n\n"
	      "Application Options:\n"
	      "  -$, --version           Display software version and exit\n"
	      "  -V, --verbose           Increase debug output (may be specified multiple times)\n",
	      out);
}

/* Options that store their argument. */
static const char **string_field(struct verify_opts *o, int c)
{
	static const struct {
		int opt;
		size_t offset;
	} fields[] = {
		{ 'x', offsetof(struct verify_opts, xml_file) },
		{ 'X', offsetof(struct verify_opts, xml_text) },
		{ 'S', offsetof(struct verify_opts, save_xml) },
		{ OPT_OUTPUT_AS, offsetof(struct verify_opts, output_as) },
		{ OPT_OUTPUT_TO, offsetof(struct verify_opts, output_to) },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].opt == c) {
			return (const char **)((char *)o + fields[i].offset);
		}
	}
	return NULL;
}

/* Options that set a flag. */
static bool *flag_field(struct verify_opts *o, int c)
{
	static const struct {
		int opt;
		size_t offset;
	} fields[] = {
		{ 'L', offsetof(struct verify_opts, live) },
		{ 'p', offsetof(struct verify_opts, xml_pipe) },
		{ 'h', offsetof(struct verify_opts, help) },
		{ OPT_HELP_ALL, offsetof(struct verify_opts, help) },
		{ '$', offsetof(struct verify_opts, version) },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].opt == c) {
			return (bool *)((char *)o + fields[i].offset);
		}
	}
	return NULL;
}

static int apply_option(struct verify_opts *o, int c, char **argv)
{
	const char **str = string_field(o, c);
	bool *flag = flag_field(o, c);

	if (str != NULL) {
		*str = optarg;
	} else if (flag != NULL) {
		*flag = true;
	} else if (c == 'V') {
		o->verbose++;
	} else if (c == OPT_TEXT_FANCY) {
		/* accepted for compatibility; the text output has one style */
	} else {
		fprintf(stderr, "crm_verify: Unknown option %s\n", argv[optind - 1]);
		return -1;
	}
	return 0;
}

static int check_format(const struct verify_opts *o)
{
	if (o->output_as == NULL || strcmp(o->output_as, "text") == 0 ||
	    strcmp(o->output_as, "xml") == 0) {
		return 0;
	}
	fprintf(stderr, "crm_verify: Invalid output format: %s\n", o->output_as);
	return -1;
}

int verify_opts_parse(int argc, char **argv, struct verify_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 0; /* a full restart of GNU getopt (the tests parse repeatedly) */
	while ((c = getopt_long(argc, argv, "h$VLx:pX:S:", long_opts, NULL)) != -1) {
		if (apply_option(o, c, argv) != 0) {
			return -1;
		}
	}
	return check_format(o);
}
