/*
 * crm_resource's command line: pacemaker 2.1.5's flags, each looked up in
 * a table that says whether it picks the command, stores a string or sets
 * a flag.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "crm_resource.h"

enum {
	OPT_OUTPUT_AS = 256,
	OPT_OUTPUT_TO,
	OPT_TEXT_FANCY,
	OPT_HELP_ALL,
	OPT_LIST_STANDARDS,
	OPT_LIST_PROVIDERS,
	OPT_LIST_AGENTS,
	OPT_LIST_ALTERNATIVES,
	OPT_SHOW_METADATA,
	OPT_FORCE_START,
	OPT_FORCE_STOP,
	OPT_FORCE_CHECK,
	OPT_FORCE_PROMOTE,
	OPT_FORCE_DEMOTE,
	OPT_PROMOTED,
	OPT_RECURSIVE,
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "help-all", no_argument, NULL, OPT_HELP_ALL },
	{ "help-output", no_argument, NULL, OPT_HELP_ALL },
	{ "help-queries", no_argument, NULL, OPT_HELP_ALL },
	{ "help-commands", no_argument, NULL, OPT_HELP_ALL },
	{ "help-locations", no_argument, NULL, OPT_HELP_ALL },
	{ "help-advanced", no_argument, NULL, OPT_HELP_ALL },
	{ "help-additional", no_argument, NULL, OPT_HELP_ALL },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "quiet", no_argument, NULL, 'Q' },
	{ "output-as", required_argument, NULL, OPT_OUTPUT_AS },
	{ "output-to", required_argument, NULL, OPT_OUTPUT_TO },
	{ "text-fancy", no_argument, NULL, OPT_TEXT_FANCY },
	{ "resource", required_argument, NULL, 'r' },
	{ "list", no_argument, NULL, 'L' },
	{ "list-raw", no_argument, NULL, 'l' },
	{ "locate", no_argument, NULL, 'W' },
	{ "query-xml", no_argument, NULL, 'q' },
	{ "query-xml-raw", no_argument, NULL, 'w' },
	{ "get-parameter", required_argument, NULL, 'g' },
	{ "set-parameter", required_argument, NULL, 'p' },
	{ "delete-parameter", required_argument, NULL, 'd' },
	{ "parameter-value", required_argument, NULL, 'v' },
	{ "meta", no_argument, NULL, 'm' },
	{ "utilization", no_argument, NULL, 'z' },
	{ "set-name", required_argument, NULL, 's' },
	{ "nvpair", required_argument, NULL, 'i' },
	{ "resource-type", required_argument, NULL, 't' },
	{ "delete", no_argument, NULL, 'D' },
	{ "move", no_argument, NULL, 'M' },
	{ "ban", no_argument, NULL, 'B' },
	{ "clear", no_argument, NULL, 'U' },
	{ "un-move", no_argument, NULL, 'U' },
	{ "node", required_argument, NULL, 'N' },
	{ "lifetime", required_argument, NULL, 'u' },
	{ "expired", no_argument, NULL, 'e' },
	{ "promoted", no_argument, NULL, OPT_PROMOTED },
	{ "master", no_argument, NULL, OPT_PROMOTED },
	{ "recursive", no_argument, NULL, OPT_RECURSIVE },
	{ "cleanup", no_argument, NULL, 'C' },
	{ "operation", required_argument, NULL, 'n' },
	{ "interval", required_argument, NULL, 'I' },
	{ "why", no_argument, NULL, 'Y' },
	{ "force", no_argument, NULL, 'f' },
	{ "timeout", required_argument, NULL, 'T' },
	{ "list-standards", no_argument, NULL, OPT_LIST_STANDARDS },
	{ "list-ocf-providers", no_argument, NULL, OPT_LIST_PROVIDERS },
	{ "list-agents", required_argument, NULL, OPT_LIST_AGENTS },
	{ "list-ocf-alternatives", required_argument, NULL, OPT_LIST_ALTERNATIVES },
	{ "show-metadata", required_argument, NULL, OPT_SHOW_METADATA },
	{ "force-start", no_argument, NULL, OPT_FORCE_START },
	{ "force-stop", no_argument, NULL, OPT_FORCE_STOP },
	{ "force-check", optional_argument, NULL, OPT_FORCE_CHECK },
	{ "force-promote", no_argument, NULL, OPT_FORCE_PROMOTE },
	{ "force-demote", no_argument, NULL, OPT_FORCE_DEMOTE },
	{ NULL, 0, NULL, 0 },
};

/* Options that choose the command; those with an argument store it. */
static const struct {
	int opt;
	enum rsc_cmd cmd;
	size_t arg; /* offset of the field for the argument, 0 for none */
} command_opts[] = {
	{ 'L', RSC_CMD_LIST, 0 },
	{ 'l', RSC_CMD_LIST_RAW, 0 },
	{ 'W', RSC_CMD_LOCATE, 0 },
	{ 'q', RSC_CMD_QUERY_XML, 0 },
	{ 'w', RSC_CMD_QUERY_XML_RAW, 0 },
	{ 'g', RSC_CMD_GET_PARAM, offsetof(struct rsc_opts, param) },
	{ 'p', RSC_CMD_SET_PARAM, offsetof(struct rsc_opts, param) },
	{ 'd', RSC_CMD_DEL_PARAM, offsetof(struct rsc_opts, param) },
	{ 'D', RSC_CMD_DELETE, 0 },
	{ 'M', RSC_CMD_MOVE, 0 },
	{ 'B', RSC_CMD_BAN, 0 },
	{ 'U', RSC_CMD_CLEAR, 0 },
	{ 'C', RSC_CMD_CLEANUP, 0 },
	{ 'Y', RSC_CMD_WHY, 0 },
	{ OPT_LIST_STANDARDS, RSC_CMD_LIST_STANDARDS, 0 },
	{ OPT_LIST_PROVIDERS, RSC_CMD_LIST_PROVIDERS, 0 },
	{ OPT_LIST_AGENTS, RSC_CMD_LIST_AGENTS, offsetof(struct rsc_opts, agent_spec) },
	{ OPT_LIST_ALTERNATIVES, RSC_CMD_LIST_ALTERNATIVES, offsetof(struct rsc_opts, agent_spec) },
	{ OPT_SHOW_METADATA, RSC_CMD_METADATA, offsetof(struct rsc_opts, agent_spec) },
	{ OPT_FORCE_START, RSC_CMD_FORCE_START, 0 },
	{ OPT_FORCE_STOP, RSC_CMD_FORCE_STOP, 0 },
	{ OPT_FORCE_CHECK, RSC_CMD_FORCE_CHECK, offsetof(struct rsc_opts, check_level) },
	{ OPT_FORCE_PROMOTE, RSC_CMD_FORCE_PROMOTE, 0 },
	{ OPT_FORCE_DEMOTE, RSC_CMD_FORCE_DEMOTE, 0 },
};

/* Options that store their argument. */
static const struct {
	int opt;
	size_t offset;
} string_opts[] = {
	{ 'r', offsetof(struct rsc_opts, rsc_id) },
	{ 'N', offsetof(struct rsc_opts, node) },
	{ 'v', offsetof(struct rsc_opts, value) },
	{ 'u', offsetof(struct rsc_opts, lifetime) },
	{ 's', offsetof(struct rsc_opts, set_name) },
	{ 'i', offsetof(struct rsc_opts, nvpair_id) },
	{ 't', offsetof(struct rsc_opts, rsc_type) },
	{ 'n', offsetof(struct rsc_opts, operation) },
	{ 'I', offsetof(struct rsc_opts, interval) },
	{ 'T', offsetof(struct rsc_opts, timeout) },
	{ OPT_OUTPUT_AS, offsetof(struct rsc_opts, output_as) },
};

/* Options that set a flag. */
static const struct {
	int opt;
	size_t offset;
} flag_opts[] = {
	{ 'f', offsetof(struct rsc_opts, force) },
	{ 'Q', offsetof(struct rsc_opts, quiet) },
	{ 'e', offsetof(struct rsc_opts, expired) },
	{ OPT_PROMOTED, offsetof(struct rsc_opts, promoted) },
	{ 'h', offsetof(struct rsc_opts, help) },
	{ OPT_HELP_ALL, offsetof(struct rsc_opts, help) },
	{ '$', offsetof(struct rsc_opts, version) },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool apply_command(struct rsc_opts *o, int c)
{
	for (size_t i = 0; i < COUNT(command_opts); i++) {
		if (command_opts[i].opt != c) {
			continue;
		}
		o->cmd = command_opts[i].cmd;
		o->commands++;
		if (command_opts[i].arg != 0) {
			*(const char **)((char *)o + command_opts[i].arg) = optarg;
		}
		return true;
	}
	return false;
}

static bool apply_setting(struct rsc_opts *o, int c)
{
	for (size_t i = 0; i < COUNT(string_opts); i++) {
		if (string_opts[i].opt == c) {
			*(const char **)((char *)o + string_opts[i].offset) = optarg;
			return true;
		}
	}
	for (size_t i = 0; i < COUNT(flag_opts); i++) {
		if (flag_opts[i].opt == c) {
			*(bool *)((char *)o + flag_opts[i].offset) = true;
			return true;
		}
	}
	return false;
}

static int apply_option(struct rsc_opts *o, int c, char **argv)
{
	if (apply_command(o, c) || apply_setting(o, c)) {
		return 0;
	}
	switch (c) {
	case 'V':
		o->verbose++;
		return 0;
	case 'm':
		o->attr_kind = RSC_ATTR_META;
		return 0;
	case 'z':
		o->attr_kind = RSC_ATTR_UTILIZATION;
		return 0;
	case OPT_OUTPUT_TO:
	case OPT_TEXT_FANCY:
	case OPT_RECURSIVE:
		/* accepted for compatibility: one text style, stdout only */
		return 0;
	default:
		fprintf(stderr, "crm_resource: Unknown option %s\n", argv[optind - 1]);
		return -1;
	}
}

int rsc_opts_parse(int argc, char **argv, struct rsc_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 0; /* a full restart of GNU getopt (tests parse repeatedly) */
	while ((c = getopt_long(argc, argv, "h$VQr:LlWqwg:p:d:Dv:mzs:i:t:MBUN:u:eCn:I:YfT:",
				long_opts, NULL)) != -1) {
		if (apply_option(o, c, argv) != 0) {
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "crm_resource: Unexpected argument %s\n", argv[optind]);
		return -1;
	}
	if (o->output_as != NULL && strcmp(o->output_as, "text") != 0) {
		fprintf(stderr, "crm_resource: Unsupported output format: %s\n", o->output_as);
		return -1;
	}
	return 0;
}

void rsc_usage(FILE *out)
{
	fputs("Usage:\n"
	      "  crm_resource [OPTION?]\n\n"
	      "crm_resource - perform tasks related to Pacemaker cluster resources\n\n"
	      "Queries:\n"
	      "  -L, --list                 Every resource and its state (the default)\n"
	      "  -l, --list-raw             The ids of all primitive resources and instances\n"
	      "  -W, --locate               Where the resource (-r) is active\n"
	      "  -q, --query-xml            The resource's XML, with its state\n"
	      "  -w, --query-xml-raw        The resource's XML as configured\n"
	      "  -g, --get-parameter=PARAM  A parameter's value (-m: meta, -z: utilization)\n"
	      "  -Y, --why                  Why resources run or do not (with -r and/or -N)\n"
	      "  --list-standards           The resource agent standards available\n"
	      "  --list-ocf-providers       The OCF providers installed\n"
	      "  --list-agents=STD[:PROV]   The agents of a standard (and provider)\n"
	      "  --list-ocf-alternatives=AGENT  The providers that have an OCF agent\n"
	      "  --show-metadata=SPEC       An agent's meta-data (class:provider:agent)\n\n"
	      "Commands:\n"
	      "  -p, --set-parameter=PARAM  Set a parameter to the value of -v\n"
	      "  -d, --delete-parameter=PARAM  Remove a parameter\n"
	      "  -C, --cleanup              Forget failures (-r, -N, -n, -I narrow it)\n"
	      "  -D, --delete               Remove the resource (-r) of element type -t\n\n"
	      "Locations:\n"
	      "  -M, --move                 Prefer node -N, or ban the current node\n"
	      "  -B, --ban                  Keep the resource off node -N (or its current one)\n"
	      "  -U, --clear                Remove the constraints -M and -B created\n"
	      "  -e, --expired              With -U: only constraints whose lifetime is over\n"
	      "  -u, --lifetime=TIMESPEC    How long -M/-B constraints last (ISO 8601 duration)\n"
	      "  --promoted                 Only the promoted role (with -M, -B, -U)\n\n"
	      "Advanced:\n"
	      "  --force-start, --force-stop, --force-promote, --force-demote,\n"
	      "  --force-check[=LEVEL]      Run the agent's action here, outside the cluster\n\n"
	      "Additional Options:\n"
	      "  -r, --resource=ID          Resource id\n"
	      "  -N, --node=NAME            Node name\n"
	      "  -v, --parameter-value=VAL  Value for -p\n"
	      "  -m, --meta                 Meta attributes instead of instance attributes\n"
	      "  -z, --utilization          Utilization instead of instance attributes\n"
	      "  -s, --set-name=ID          Id of the attribute set to use (with -p, -d)\n"
	      "  -i, --nvpair=ID            Id of the nvpair to use (with -p, -d)\n"
	      "  -t, --resource-type=ELEMENT  Resource element (primitive, group, ...)\n"
	      "  -n, --operation=OP         Operation whose failures -C forgets\n"
	      "  -I, --interval=N           Its interval (default 0)\n"
	      "  -T, --timeout=N            Timeout of --force-* actions\n"
	      "  -f, --force                Override the safety checks\n"
	      "  -Q, --quiet                Less descriptive output\n"
	      "  -V, --verbose              More debug output\n"
	      "  -$, --version              Version and exit\n",
	      out);
}
