/*
 * crm_mon's command line: pacemaker 2.1's flags, in a table of what each
 * sets.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <crm/common/duration.h>

#include "crm_mon.h"

enum {
	OPT_OUTPUT_AS = 256,
	OPT_OUTPUT_TO,
	OPT_HTML_TITLE,
	OPT_IGNORED,
	OPT_IGNORED_ARG,
	OPT_HELP_ALL,
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, OPT_HELP_ALL },
	{ "help-all", no_argument, NULL, OPT_HELP_ALL },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "quiet", no_argument, NULL, 'Q' },
	{ "one-shot", no_argument, NULL, '1' },
	{ "interval", required_argument, NULL, 'i' },
	{ "inactive", no_argument, NULL, 'r' },
	{ "failcounts", no_argument, NULL, 'f' },
	{ "operations", no_argument, NULL, 'o' },
	{ "timing-details", no_argument, NULL, 't' },
	{ "show-node-attributes", no_argument, NULL, 'A' },
	{ "group-by-node", no_argument, NULL, 'n' },
	{ "hide-headers", no_argument, NULL, 'D' },
	{ "simple-status", no_argument, NULL, 's' },
	{ "pending", no_argument, NULL, 'j' },
	{ "show-detail", no_argument, NULL, 'R' },
	{ "brief", no_argument, NULL, 'b' },
	{ "tickets", no_argument, NULL, 'c' },
	{ "neg-locations", optional_argument, NULL, 'L' },
	{ "fence-history", optional_argument, NULL, 'm' },
	{ "as-xml", no_argument, NULL, 'X' },
	{ "as-html", required_argument, NULL, 'h' },
	{ "disable-ncurses", no_argument, NULL, 'N' },
	{ "output-as", required_argument, NULL, OPT_OUTPUT_AS },
	{ "output-to", required_argument, NULL, OPT_OUTPUT_TO },
	{ "html-title", required_argument, NULL, OPT_HTML_TITLE },
	{ "text-fancy", no_argument, NULL, OPT_IGNORED },
	{ "html-cgi", no_argument, NULL, OPT_IGNORED },
	{ "html-stylesheet", required_argument, NULL, OPT_IGNORED_ARG },
	{ NULL, 0, NULL, 0 },
};

void mon_usage(FILE *out)
{
	fputs("Usage:\n"
	      "  crm_mon [OPTION?]\n\n"
	      "Show the cluster's state: nodes, resources and failures.\n\n"
	      "Output Options:\n"
	      "  --output-as=FORMAT                One of: console (default), html, text, xml\n"
	      "  --output-to=DEST                  Write to this file (\"-\": standard output)\n"
	      "  --html-title=TITLE                Title of the HTML page\n\n"
	      "Display Options:\n"
	      "  -n, --group-by-node               List the resources under each node\n"
	      "  -r, --inactive                    Include inactive resources\n"
	      "  -f, --failcounts                  Show fail counts (Migration Summary)\n"
	      "  -o, --operations                  Show each resource's operation history\n"
	      "  -t, --timing-details              Show the operation history with times\n"
	      "  -A, --show-node-attributes        Show node attributes\n"
	      "  -D, --hide-headers                Leave out the cluster summary\n"
	      "  -s, --simple-status               One line for monitoring systems (nagios)\n\n"
	      "Additional Options:\n"
	      "  -i, --interval=TIMESPEC           Refresh interval (default 5 seconds)\n"
	      "  -1, --one-shot                    Show the state once and exit\n\n"
	      "Deprecated Options:\n"
	      "  -h, --as-html=FILE                Same as --output-as=html --output-to=FILE\n"
	      "  -X, --as-xml                      Same as --output-as=xml (implies -1)\n"
	      "  -N, --disable-ncurses             Same as --output-as=text\n\n"
	      "Application Options:\n"
	      "  -$, --version                     Show the version and exit\n"
	      "  -V, --verbose                     More debug output\n"
	      "  -Q, --quiet                       Less descriptive output\n\n"
	      "The CIB is the live cluster's, or the file named by CIB_file.\n",
	      out);
}

/* Options that only set a flag. */
static bool *flag_field(struct mon_opts *o, int c)
{
	static const struct {
		int opt;
		size_t offset;
	} fields[] = {
		{ '1', offsetof(struct mon_opts, one_shot) },
		{ 'r', offsetof(struct mon_opts, inactive) },
		{ 'f', offsetof(struct mon_opts, failcounts) },
		{ 'o', offsetof(struct mon_opts, operations) },
		{ 'A', offsetof(struct mon_opts, attributes) },
		{ 'n', offsetof(struct mon_opts, by_node) },
		{ 'D', offsetof(struct mon_opts, hide_headers) },
		{ 's', offsetof(struct mon_opts, simple) },
		{ '?', offsetof(struct mon_opts, help) },
		{ OPT_HELP_ALL, offsetof(struct mon_opts, help) },
		{ '$', offsetof(struct mon_opts, version) },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
		if (fields[i].opt == c) {
			return (bool *)((char *)o + fields[i].offset);
		}
	}
	return NULL;
}

static int set_format(struct mon_opts *o, const char *name)
{
	static const struct {
		const char *name;
		enum mon_format format;
	} formats[] = {
		{ "console", MON_CONSOLE },
		{ "text", MON_TEXT },
		{ "xml", MON_XML },
		{ "html", MON_HTML },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
		if (strcmp(formats[i].name, name) == 0) {
			o->format = formats[i].format;
			return 0;
		}
	}
	fprintf(stderr, "crm_mon: Invalid --output-as: %s (console, html, text or xml)\n", name);
	return -1;
}

static int set_interval(struct mon_opts *o, const char *text)
{
	long long ms = 0;

	if (pcmk_parse_ms(text, &ms) != 0 || ms <= 0) {
		fprintf(stderr, "crm_mon: Invalid interval: %s\n", text);
		return -1;
	}
	o->interval_s = (int)((ms + 999) / 1000);
	return 0;
}

/* Options with an argument or more than one effect. */
static int apply_special(struct mon_opts *o, int c)
{
	switch (c) {
	case 'i':
		return set_interval(o, optarg);
	case 't':
		o->timing = o->operations = true;
		return 0;
	case 'X':
		o->one_shot = true;
		o->format = MON_XML;
		return 0;
	case 'h':
		o->output_to = optarg;
		o->format = MON_HTML;
		return 0;
	case 'N':
		o->format = MON_TEXT;
		return 0;
	case OPT_OUTPUT_AS:
		return set_format(o, optarg);
	case OPT_OUTPUT_TO:
		o->output_to = optarg;
		return 0;
	case OPT_HTML_TITLE:
		o->html_title = optarg;
		return 0;
	default:
		/* -V -Q -j -R -b -c -L -m and the HTML extras are accepted;
		 * the sections they add are not shown by this crm_mon. */
		return 0;
	}
}

static char *join_args(int argc, char **argv)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < argc; i++) {
		g_string_append_printf(s, "%s%s", i > 0 ? " " : "", argv[i]);
	}
	return g_string_free(s, FALSE);
}

int mon_opts_parse(int argc, char **argv, struct mon_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->interval_s = 5;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "?$VQ1i:rfotAnDsjRbcL::m::Xh:N", long_opts, NULL)) !=
	       -1) {
		bool *flag = flag_field(o, c);

		/* getopt reports unknown options as '?', which is also -?. */
		if (c == '?' && strcmp(argv[optind - 1], "-?") != 0) {
			fprintf(stderr, "crm_mon: Unknown option %s\n", argv[optind - 1]);
			return -1;
		}
		if (flag != NULL) {
			*flag = true;
		} else if (apply_special(o, c) != 0) {
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "crm_mon: Unexpected argument: %s\n", argv[optind]);
		return -1;
	}
	o->request = join_args(argc, argv);
	return 0;
}
