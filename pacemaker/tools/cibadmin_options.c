/*
 * cibadmin's command line: one table names every option, its short and
 * long form and what it sets; getopt_long's option list and short-option
 * string are built from it.  The table's order is the long options' order
 * in pacemaker's cibadmin, so getopt's "is ambiguous; possibilities: ..."
 * lists them as the real tool does.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cibadmin.h"

enum opt_kind {
	KIND_CMD,         /* sets the command (and maybe danger, multiple) */
	KIND_FLAG,        /* sets a bool field */
	KIND_STRING,      /* stores the value in a string field */
	KIND_SCOPE,       /* -o: the section, xpath mode unchanged */
	KIND_XPATH,       /* -A: the section as an XPath */
	KIND_TIMEOUT,     /* -t seconds, read as atoi() reads them */
	KIND_VERBOSE,     /* -V, counted */
	KIND_SHOW_ACCESS, /* -S[how] */
	KIND_DANGER,      /* --no-bcast: only makes --force necessary */
	KIND_STOP,        /* ends parsing at once with opt_def.next */
	KIND_EMPTY,       /* -a [schema]: ends parsing at once */
};

/* Long-only options get values above any character. */
#define LONG_HELP 0x100

struct opt_def {
	const char *name;
	int short_opt; /* 0 for long only */
	int has_arg;   /* no_argument, required_argument, optional_argument */
	enum opt_kind kind;
	int value;     /* KIND_CMD: the command; KIND_STOP: enum cibadmin_next */
	size_t field;  /* KIND_FLAG, KIND_STRING: offsetof the field */
	bool danger;   /* KIND_CMD: needs --force */
	bool multiple; /* KIND_CMD: every xpath match */
};

#define CMD(n, s, c)                                            \
	{                                                       \
		n, s, no_argument, KIND_CMD, c, 0, false, false \
	}
#define FLAG(n, s, f)                                                                            \
	{                                                                                        \
		n, s, no_argument, KIND_FLAG, 0, offsetof(struct cibadmin_opts, f), false, false \
	}
#define STR(n, s, f)                                                                               \
	{                                                                                          \
		n, s, required_argument, KIND_STRING, 0, offsetof(struct cibadmin_opts, f), false, \
			false                                                                      \
	}

static const struct opt_def opt_table[] = {
	{ "help", LONG_HELP, no_argument, KIND_STOP, CIBADMIN_HELP, 0, false, false },
	{ "version", '$', no_argument, KIND_STOP, CIBADMIN_VERSION, 0, false, false },
	{ "verbose", 'V', no_argument, KIND_VERBOSE, 0, 0, false, false },
	{ "upgrade", 'u', no_argument, KIND_CMD, CIBADMIN_CMD_UPGRADE, 0, true, false },
	CMD("query", 'Q', CIBADMIN_CMD_QUERY),
	{ "erase", 'E', no_argument, KIND_CMD, CIBADMIN_CMD_ERASE, 0, true, false },
	CMD("bump", 'B', CIBADMIN_CMD_BUMP),
	CMD("create", 'C', CIBADMIN_CMD_CREATE),
	CMD("modify", 'M', CIBADMIN_CMD_MODIFY),
	CMD("patch", 'P', CIBADMIN_CMD_PATCH),
	CMD("replace", 'R', CIBADMIN_CMD_REPLACE),
	CMD("delete", 'D', CIBADMIN_CMD_DELETE),
	{ "delete-all", 'd', no_argument, KIND_CMD, CIBADMIN_CMD_DELETE, 0, true, true },
	{ "empty", 'a', no_argument, KIND_EMPTY, 0, 0, false, false },
	CMD("md5-sum", '5', CIBADMIN_CMD_MD5),
	CMD("md5-sum-versioned", '6', CIBADMIN_CMD_MD5_VERSIONED),
	{ "show-access", 'S', optional_argument, KIND_SHOW_ACCESS, 0, 0, false, false },
	FLAG("force", 'f', force),
	{ "timeout", 't', required_argument, KIND_TIMEOUT, 0, 0, false, false },
	STR("user", 'U', user),
	STR("host", 'h', host),
	FLAG("sync-call", 's', sync_call),
	FLAG("local", 'l', local),
	FLAG("allow-create", 'c', allow_create),
	FLAG("no-children", 'n', no_children),
	{ "no-bcast", 'b', no_argument, KIND_DANGER, 0, 0, false, false },
	STR("xml-text", 'X', xml_text),
	STR("xml-file", 'x', xml_file),
	FLAG("xml-pipe", 'p', xml_pipe),
	{ "scope", 'o', required_argument, KIND_SCOPE, 0, 0, false, false },
	{ "xpath", 'A', required_argument, KIND_XPATH, 0, 0, false, false },
	FLAG("node-path", 'e', node_path),
	STR("node", 'N', host),
	/* short only: -! prints the version with the build's features */
	{ NULL, '!', no_argument, KIND_STOP, CIBADMIN_VERSION_LONG, 0, false, false },
};

#define N_OPTS (sizeof(opt_table) / sizeof(opt_table[0]))

/* -S's values, as pacemaker 2.1.5 takes them. */
static const char *const show_access_values[] = { "auto", "color", "text", "namespace" };

/* Sections -o names without a warning; anything else means the whole CIB. */
static const char *const known_sections[] = {
	"configuration", "nodes", "resources",        "constraints", "crm_config", "rsc_defaults",
	"op_defaults",   "acls",  "fencing-topology", "tags",        "alerts",     "status",
};

bool cibadmin_section_known(const char *name)
{
	for (size_t i = 0; name != NULL && i < sizeof(known_sections) / sizeof(known_sections[0]);
	     i++) {
		if (strcmp(name, known_sections[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* getopt's tables from opt_table.  "?" is in the short string because
 * pacemaker lists -? as help, yet getopt cannot tell it from an error:
 * both end in usage on stderr, as in the real tool. */
static void build_getopt_tables(struct option *longopts, char *shortopts)
{
	size_t n = 0, s = 0;

	shortopts[s++] = '?';
	for (size_t i = 0; i < N_OPTS; i++) {
		const struct opt_def *d = &opt_table[i];

		if (d->name != NULL) {
			longopts[n++] = (struct option){ d->name, d->has_arg, NULL, d->short_opt };
		}
		if (d->short_opt > 0 && d->short_opt < LONG_HELP) {
			shortopts[s++] = (char)d->short_opt;
			for (int colons = 0; colons < d->has_arg; colons++) {
				shortopts[s++] = ':';
			}
		}
	}
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[s] = '\0';
}

static const struct opt_def *find_def(int c)
{
	for (size_t i = 0; i < N_OPTS; i++) {
		if (opt_table[i].short_opt == c) {
			return &opt_table[i];
		}
	}
	return NULL;
}

static bool show_access_ok(const char *how)
{
	for (size_t i = 0; i < sizeof(show_access_values) / sizeof(show_access_values[0]); i++) {
		if (strcmp(how, show_access_values[i]) == 0) {
			return true;
		}
	}
	return false;
}

static void set_cmd(struct cibadmin_opts *opts, const struct opt_def *d)
{
	opts->cmd = (enum cibadmin_cmd)d->value;
	/* both stay set once given, whatever command follows (as pacemaker's) */
	opts->dangerous |= d->danger;
	opts->multiple |= d->multiple;
}

/* Apply option @d with value @arg.  Returns CIBADMIN_RUN to go on, or
 * what ends the parse. */
static enum cibadmin_next apply(struct cibadmin_opts *opts, const struct opt_def *d,
				const char *arg)
{
	char *base = (char *)opts;

	switch (d->kind) {
	case KIND_CMD:
		set_cmd(opts, d);
		break;
	case KIND_FLAG:
		*(bool *)(base + d->field) = true;
		break;
	case KIND_STRING:
		*(const char **)(base + d->field) = arg;
		break;
	case KIND_SCOPE:
	case KIND_XPATH:
		opts->section = arg;
		/* -o after -A keeps the XPath mode, as the real tool does */
		opts->xpath |= d->kind == KIND_XPATH;
		break;
	case KIND_TIMEOUT:
		opts->timeout_s = atoi(arg);
		break;
	case KIND_VERBOSE:
		opts->verbose++;
		break;
	case KIND_SHOW_ACCESS:
		opts->show_access = true;
		opts->show_how = arg;
		if (arg != NULL && !show_access_ok(arg)) {
			opts->bad_value = arg;
			return CIBADMIN_BAD_VALUE;
		}
		break;
	case KIND_DANGER:
		opts->dangerous = true;
		break;
	case KIND_STOP:
		return (enum cibadmin_next)d->value;
	case KIND_EMPTY:
		return CIBADMIN_EMPTY;
	}
	return CIBADMIN_RUN;
}

enum cibadmin_next cibadmin_parse(int argc, char **argv, struct cibadmin_opts *opts)
{
	struct option longopts[N_OPTS + 1];
	char shortopts[3 * N_OPTS + 2];
	enum cibadmin_next next = CIBADMIN_RUN;
	int c;

	memset(opts, 0, sizeof(*opts));
	build_getopt_tables(longopts, shortopts);
	optind = 0; /* a full restart of getopt, for callers that parse twice */
	while (next == CIBADMIN_RUN &&
	       (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const struct opt_def *d = find_def(c);

		if (d == NULL) {
			return CIBADMIN_USAGE; /* '?' or ':' from getopt */
		}
		next = apply(opts, d, optarg);
		if (next == CIBADMIN_EMPTY) {
			/* the schema is whatever argument comes next, option or
			 * not: pacemaker's cibadmin reads it the same way */
			opts->empty_schema = optind < argc ? argv[optind] : NULL;
		}
	}
	if (next != CIBADMIN_RUN) {
		return next;
	}
	if (optind < argc) {
		opts->first_extra = optind;
		return CIBADMIN_EXTRA_ARGS;
	}
	return opts->cmd == CIBADMIN_CMD_NONE ? CIBADMIN_USAGE : CIBADMIN_RUN;
}
