/*
 * crm_simulate's command line, pacemaker 2.1's flags.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_simulate.h"

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, '?' },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "quiet", no_argument, NULL, 'Q' },
	{ "run", no_argument, NULL, 'R' },
	{ "simulate", no_argument, NULL, 'S' },
	{ "show-scores", no_argument, NULL, 's' },
	{ "show-utilization", no_argument, NULL, 'U' },
	{ "show-attrs", no_argument, NULL, 'A' },
	{ "show-failcounts", no_argument, NULL, 'c' },
	{ "live-check", no_argument, NULL, 'L' },
	{ "xml-file", required_argument, NULL, 'x' },
	{ "xml-text", required_argument, NULL, 'X' },
	{ "xml-pipe", no_argument, NULL, 'p' },
	{ "save-graph", required_argument, NULL, 'G' },
	{ "save-dotfile", required_argument, NULL, 'D' },
	{ "save-output", required_argument, NULL, 'O' },
	{ "save-input", required_argument, NULL, 'I' },
	{ "set-datetime", required_argument, NULL, 't' },
	{ "quorum", required_argument, NULL, 'q' },
	{ "node-up", required_argument, NULL, 'u' },
	{ "node-down", required_argument, NULL, 'd' },
	{ "node-fail", required_argument, NULL, 'f' },
	{ "op-inject", required_argument, NULL, 'i' },
	{ "op-fail", required_argument, NULL, 'F' },
	{ NULL, 0, NULL, 0 },
};

void simulate_usage(FILE *out)
{
	fputs("Usage: crm_simulate [OPTION...]\n"
	      "Run the cluster's scheduler on a CIB and show what it would do.\n\n"
	      "Operations:\n"
	      "  -R, --run                 Show the actions the cluster would take\n"
	      "  -S, --simulate            Simulate the transition's execution\n"
	      "  -s, --show-scores         Show allocation scores\n"
	      "  -U, --show-utilization    Show utilization information\n"
	      "Synthetic cluster events:\n"
	      "  -u, --node-up=NODE        Bring a node online\n"
	      "  -d, --node-down=NODE      Take a node offline\n"
	      "  -f, --node-fail=NODE      Mark a node as failed\n"
	      "  -i, --op-inject=OP        rsc_task_interval@node=rc: inject a result\n"
	      "  -F, --op-fail=OP          rsc_task_interval@node=rc: fail that action\n"
	      "  -t, --set-datetime=DATE   Evaluate as of this date\n"
	      "  -q, --quorum=BOOL         Specify a value for quorum\n"
	      "Output:\n"
	      "  -G, --save-graph=FILE     Save the transition graph\n"
	      "  -D, --save-dotfile=FILE   Save the graph in dot format\n"
	      "  -O, --save-output=FILE    Save the resulting CIB\n"
	      "  -I, --save-input=FILE     Save the input CIB\n"
	      "  -Q, --quiet               Display only essential output\n"
	      "Data source:\n"
	      "  -L, --live-check          Use the live cluster's CIB\n"
	      "  -x, --xml-file=FILE       Read the CIB from FILE\n"
	      "  -X, --xml-text=XML        Read the CIB from the argument\n"
	      "  -p, --xml-pipe            Read the CIB from standard input\n",
	      out);
}

static void list_add(GPtrArray **list, const char *value)
{
	if (*list == NULL) {
		*list = g_ptr_array_new();
	}
	g_ptr_array_add(*list, (gpointer)value);
}

/* Options that store their value in a string field. */
static const char **string_field(struct simulate_opts *o, int c)
{
	switch (c) {
	case 'x':
		return &o->xml_file;
	case 'X':
		return &o->xml_text;
	case 'G':
		return &o->graph;
	case 'D':
		return &o->dot;
	case 'O':
		return &o->output;
	case 'I':
		return &o->save_input;
	case 't':
		return &o->date;
	case 'q':
		return &o->quorum;
	default:
		return NULL;
	}
}

/* Options that set a flag. */
static bool *flag_field(struct simulate_opts *o, int c)
{
	switch (c) {
	case '$':
		return &o->version;
	case 'Q':
		return &o->quiet;
	case 'R':
		return &o->run;
	case 'S':
		return &o->simulate;
	case 's':
		return &o->scores;
	case 'U':
		return &o->utilization;
	case 'A':
		return &o->show_attrs;
	case 'c':
		return &o->show_failcounts;
	case 'L':
		return &o->live;
	case 'p':
		return &o->xml_pipe;
	default:
		return NULL;
	}
}

static int apply_option(struct simulate_opts *o, int c, char **argv)
{
	const char **str = string_field(o, c);
	bool *flag = flag_field(o, c);

	if (str != NULL) {
		*str = optarg;
	} else if (flag != NULL) {
		*flag = true;
	} else if (c == 'V') {
		o->verbose++;
	} else if (c == 'u') {
		list_add(&o->node_up, optarg);
	} else if (c == 'd') {
		list_add(&o->node_down, optarg);
	} else if (c == 'f') {
		list_add(&o->node_fail, optarg);
	} else if (c == 'i') {
		list_add(&o->op_inject, optarg);
	} else if (c == 'F') {
		o->op_fail = g_list_append(o->op_fail, optarg);
	} else if (c == '?' && optopt == 0) {
		o->help = true;
	} else {
		fprintf(stderr, "crm_simulate: invalid option or missing value: '%s'\n",
			argv[optind - 1]);
		return -1;
	}
	return 0;
}

int simulate_opts_parse(int argc, char **argv, struct simulate_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "?$VQRSsUAcLx:X:pG:D:O:I:t:q:u:d:f:i:F:", long_opts,
				NULL)) != -1) {
		if (apply_option(o, c, argv) != 0) {
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "crm_simulate: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return 0;
}

void simulate_opts_free(struct simulate_opts *o)
{
	GPtrArray *lists[] = { o->node_up, o->node_down, o->node_fail, o->op_inject };

	for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
		if (lists[i] != NULL) {
			g_ptr_array_free(lists[i], TRUE);
		}
	}
	g_list_free(o->op_fail);
}
