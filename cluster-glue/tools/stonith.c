/*
 * stonith: operate a fencing device from the command line through
 * libstonith, with the options, output and exit codes of cluster-glue's
 * stonith command. Exit codes: 0 success, 1 usage or configuration errors,
 * otherwise the S_* code of the failed request.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "stonith_cli.h"

#define ST_EXIT_USAGE 1

static const char *const st_levels[] = {
	[LOG_EMERG] = "EMERG",  [LOG_ALERT] = "ALERT",   [LOG_CRIT] = "CRIT", [LOG_ERR] = "ERROR",
	[LOG_WARNING] = "WARN", [LOG_NOTICE] = "notice", [LOG_INFO] = "info", [LOG_DEBUG] = "debug",
};

/* Plugin and tool messages: to syslog, and to stderr as far as -v/-d ask. */
static void st_log(int priority, const char *msg, void *arg)
{
	const struct st_cli *cli = arg;
	int shown = cli->verbosity >= 2 ? LOG_DEBUG : (cli->verbosity ? LOG_INFO : LOG_CRIT);
	char stamp[32], host[64] = "";
	time_t now = time(NULL);

	priority &= LOG_PRIMASK;
	if (priority <= LOG_INFO || cli->verbosity >= 2) {
		syslog(priority, "%s", msg);
	}
	if (priority > shown) {
		return;
	}
	strftime(stamp, sizeof(stamp), "%b %d %H:%M:%S", localtime(&now));
	gethostname(host, sizeof(host) - 1);
	fprintf(stderr, "%s %s stonith: [%d]: %s: %s\n", stamp, host, (int)getpid(),
		st_levels[priority], msg);
}

static void st_error(const struct st_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void st_error(const struct st_cli *cli, const char *fmt, ...)
{
	va_list ap;

	if (cli->silent) {
		return;
	}
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static int st_usage_error(void)
{
	st_show_usage(stderr);
	return ST_EXIT_USAGE;
}

struct st_opname {
	const char *name;
	int operation;
};

static const struct st_opname st_opnames[] = {
	{ "reset", ST_GENERIC_RESET },
	{ "on", ST_POWERON },
	{ "off", ST_POWEROFF },
};

static const char *st_operation_name(int operation)
{
	for (size_t i = 0; i < sizeof(st_opnames) / sizeof(st_opnames[0]); i++) {
		if (st_opnames[i].operation == operation) {
			return st_opnames[i].name;
		}
	}
	return "?";
}

static int st_operation(const char *name)
{
	for (size_t i = 0; i < sizeof(st_opnames) / sizeof(st_opnames[0]); i++) {
		if (strcmp(name, st_opnames[i].name) == 0) {
			return st_opnames[i].operation;
		}
	}
	return 0;
}

/* Options without an argument that only set a flag. */
struct st_flag {
	char opt;
	size_t offset; /* of the bool in struct st_cli */
};

static const struct st_flag st_flags[] = {
	{ 'E', offsetof(struct st_cli, use_env) },    { 'h', offsetof(struct st_cli, help) },
	{ 'l', offsetof(struct st_cli, list_hosts) }, { 'L', offsetof(struct st_cli, list_types) },
	{ 'm', offsetof(struct st_cli, metadata) },   { 'n', offsetof(struct st_cli, names) },
	{ 's', offsetof(struct st_cli, silent) },     { 'S', offsetof(struct st_cli, status) },
};

static bool st_parse_flag(struct st_cli *cli, int opt)
{
	for (size_t i = 0; i < sizeof(st_flags) / sizeof(st_flags[0]); i++) {
		if (st_flags[i].opt == opt) {
			*(bool *)((char *)cli + st_flags[i].offset) = true;
			return true;
		}
	}
	return false;
}

/* One option into CLI; ST_EXIT_USAGE for a bad one. */
static int st_parse_option(struct st_cli *cli, int opt, const char *arg)
{
	if (st_parse_flag(cli, opt)) {
		return 0;
	}
	switch (opt) {
	case 'c':
		cli->count = strtol(arg, NULL, 10);
		return cli->count > 0 ? 0 : st_usage_error();
	case 'd':
		cli->verbosity = 2;
		return 0;
	case 'v':
		cli->verbosity = cli->verbosity ? cli->verbosity : 1;
		return 0;
	case 'F':
		cli->file = arg;
		return 0;
	case 'p':
		cli->params = arg;
		return 0;
	case 't':
		cli->type = arg;
		return 0;
	case 'T':
		cli->operation = st_operation(arg);
		if (cli->operation == 0) {
			fprintf(stderr, "bad reset type [%s]\n", arg);
			return st_usage_error();
		}
		return 0;
	default:
		return st_usage_error();
	}
}

/* Arguments after the options: name=value pairs, and the node for -T. */
static int st_parse_operands(struct st_cli *cli, int argc, char **argv)
{
	size_t nodes = 0;

	cli->pairs = argv;
	for (int i = 0; i < argc; i++) {
		if (strchr(argv[i], '=') != NULL) {
			argv[cli->npairs++] = argv[i];
		} else {
			cli->node = argv[i];
			nodes++;
		}
	}
	if (nodes != (cli->operation ? 1u : 0u)) {
		return st_usage_error();
	}
	return 0;
}

static int st_parse(struct st_cli *cli, int argc, char **argv)
{
	int opt, rc;

	cli->count = 1;
	while ((opt = getopt(argc, argv, "c:dEF:hlLmnp:sSt:T:v")) != -1) {
		rc = st_parse_option(cli, opt, optarg);
		if (rc != 0) {
			return rc;
		}
	}
	/* The node of -T is read after the pairs, wherever it stands. */
	return st_parse_operands(cli, argc - optind, argv + optind);
}

/* name=value arguments as a pair list (names and values point into argv). */
static int st_config_pairs(struct st_cli *cli, Stonith *s)
{
	StonithNVpair *list = calloc(cli->npairs + 1, sizeof(*list));
	int rc;

	if (list == NULL) {
		return S_OOPS;
	}
	for (size_t i = 0; i < cli->npairs; i++) {
		char *eq = strchr(cli->pairs[i], '=');

		*eq = '\0';
		list[i].s_name = cli->pairs[i];
		list[i].s_value = eq + 1;
	}
	rc = stonith_set_config(s, list);
	free(list);
	return rc;
}

static void st_report_bad_config(const struct st_cli *cli, Stonith *s, bool list_names)
{
	const char *bad = stonith_config_error(s);
	const char *const *names = stonith_get_confignames(s);

	st_error(cli, "Invalid config info for %s device\n", cli->type);
	if (bad != NULL) {
		st_error(cli, "Missing or invalid parameter: %s\n", bad);
	}
	if (list_names) {
		st_error(cli, "Valid config names are:\n");
		for (; names && *names; names++) {
			st_error(cli, "\t%s\n", *names);
		}
	}
}

static int st_config_env(struct st_cli *cli, Stonith *s)
{
	StonithNVpair *list = stonith_env_to_NVpair(s);
	int rc = list ? stonith_set_config(s, list) : -1;

	stonith_free_NVpair(list);
	if (rc != S_OK) {
		st_report_bad_config(cli, s, false);
		/* As the established command: -1 for a device it could not configure. */
		return 255;
	}
	return S_OK;
}

/* Configure S from -p, -F, -E or the pairs; 0 or the exit code. */
static int st_configure(struct st_cli *cli, Stonith *s)
{
	int rc;

	if (cli->params != NULL) {
		if (stonith_set_config_info(s, cli->params) != S_OK) {
			st_error(cli, "Invalid STONITH -p parameter [%s]\n", cli->params);
			return ST_EXIT_USAGE;
		}
		return S_OK;
	}
	if (cli->file != NULL) {
		if (stonith_set_config_file(s, cli->file) != S_OK) {
			st_error(cli, "Invalid STONITH -F parameter file [%s]\n", cli->file);
			return ST_EXIT_USAGE;
		}
		return S_OK;
	}
	if (cli->use_env) {
		return st_config_env(cli, s);
	}
	if (cli->npairs == 0) {
		fprintf(stderr, "Must specify either -p option, -F option, -E option, or "
				"name=value style arguments\n");
		return st_usage_error();
	}
	rc = st_config_pairs(cli, s);
	if (rc != S_OK) {
		st_report_bad_config(cli, s, true);
	}
	return rc;
}

static int st_do_status(struct st_cli *cli, Stonith *s)
{
	int rc = stonith_get_status(s);

	if (rc == S_OK) {
		char msg[256];

		snprintf(msg, sizeof(msg), "%s device OK.", cli->type);
		st_log(LOG_DEBUG, msg, cli);
		return S_OK;
	}
	st_error(cli, "%s device not accessible: %s\n", cli->type, stonith_result_text(rc));
	return ST_EXIT_USAGE;
}

static int st_do_list(struct st_cli *cli, Stonith *s)
{
	char **hosts = stonith_get_hostlist(s);

	if (hosts == NULL) {
		st_error(cli, "Could not list the hosts of the %s device\n", cli->type);
		return ST_EXIT_USAGE;
	}
	for (char **h = hosts; *h != NULL; h++) {
		printf("%s\n", *h);
	}
	stonith_free_hostlist(hosts);
	return S_OK;
}

static int st_do_reset(struct st_cli *cli, Stonith *s)
{
	int rc = S_OK;

	for (long i = 0; i < cli->count && rc == S_OK; i++) {
		rc = stonith_req_reset(s, cli->operation, cli->node);
	}
	if (rc != S_OK) {
		st_error(cli, "%s: %s of %s failed: %s (%s)\n", cli->type,
			 st_operation_name(cli->operation), cli->node, stonith_result_name(rc),
			 stonith_result_text(rc));
	}
	return rc;
}

/* -S, -l and -T in that order, stopping at the first failure. */
static int st_act(struct st_cli *cli, Stonith *s)
{
	int rc = st_configure(cli, s);

	if (rc == S_OK && cli->status) {
		rc = st_do_status(cli, s);
	}
	if (rc == S_OK && cli->list_hosts) {
		rc = st_do_list(cli, s);
	}
	if (rc == S_OK && cli->operation) {
		rc = st_do_reset(cli, s);
	}
	return rc;
}

static int st_run(struct st_cli *cli)
{
	Stonith *s;
	int rc;

	if (cli->type == NULL) {
		return st_usage_error();
	}
	s = stonith_new(cli->type);
	if (s == NULL) {
		st_error(cli, "Unknown or unusable stonith device type %s\n", cli->type);
		return S_OOPS;
	}
	stonith_set_log(s, st_log, cli);
	if (cli->names) {
		rc = st_show_names(s);
	} else if (cli->metadata) {
		rc = st_show_metadata(s);
	} else if (!cli->status && !cli->list_hosts && !cli->operation) {
		rc = st_usage_error();
	} else {
		rc = st_act(cli, s);
	}
	stonith_delete(s);
	return rc;
}

int main(int argc, char **argv)
{
	struct st_cli cli = { 0 };
	int rc = st_parse(&cli, argc, argv);

	if (rc != 0) {
		return rc;
	}
	openlog("stonith", LOG_PID, LOG_DAEMON);
	if (cli.help) {
		rc = st_show_help(cli.type);
	} else if (cli.list_types) {
		rc = st_show_types();
	} else {
		rc = st_run(&cli);
	}
	closelog();
	return rc;
}
