/*
 * cibadmin's parts: the command line (cibadmin_options.c), its help
 * (cibadmin_usage.c), the XML a command takes (cibadmin_input.c) and what
 * it prints (cibadmin_output.c).  cibadmin.c runs a parsed command
 * against the CIB through the client library.
 */
#ifndef CIBADMIN_H
#define CIBADMIN_H

#include <stdbool.h>
#include <stdio.h>
#include <libxml/tree.h>

/* The commands; the last one given wins, as in pacemaker's cibadmin. */
enum cibadmin_cmd {
	CIBADMIN_CMD_NONE,
	CIBADMIN_CMD_QUERY,
	CIBADMIN_CMD_CREATE,
	CIBADMIN_CMD_MODIFY,
	CIBADMIN_CMD_REPLACE,
	CIBADMIN_CMD_DELETE,
	CIBADMIN_CMD_ERASE,
	CIBADMIN_CMD_BUMP,
	CIBADMIN_CMD_UPGRADE,
	CIBADMIN_CMD_PATCH,
	CIBADMIN_CMD_MD5,
	CIBADMIN_CMD_MD5_VERSIONED,
};

/* What the command line asks for once it is read. */
enum cibadmin_next {
	CIBADMIN_RUN,          /* perform opts->cmd */
	CIBADMIN_HELP,         /* help on stdout, exit 0 */
	CIBADMIN_USAGE,        /* help on stderr, exit 64 */
	CIBADMIN_VERSION,      /* version on stdout, exit 0 */
	CIBADMIN_VERSION_LONG, /* version with build features, exit 0 */
	CIBADMIN_EMPTY,        /* an empty CIB on stdout, exit 0 */
	CIBADMIN_EXTRA_ARGS,   /* arguments left over: named, then usage, 64 */
	CIBADMIN_BAD_VALUE,    /* a value not allowed: named, then usage, 64 */
};

struct cibadmin_opts {
	enum cibadmin_cmd cmd;
	bool dangerous; /* needs --force: erase, upgrade, delete-all, ... */
	bool force;
	bool multiple;       /* --delete-all: every xpath match */
	bool xpath;          /* section is an XPath (-A) */
	bool allow_create;   /* -c */
	bool no_children;    /* -n */
	bool node_path;      /* -e */
	bool local;          /* -l */
	bool sync_call;      /* -s: requests are synchronous anyway */
	bool xml_pipe;       /* -p */
	bool show_access;    /* -S */
	const char *section; /* -o or -A's value (strings point into argv) */
	const char *xml_text;
	const char *xml_file;
	const char *user;         /* -U */
	const char *host;         /* -N: accepted; requests go to the local daemon */
	const char *show_how;     /* -S's value, NULL when none given */
	const char *empty_schema; /* -a's validate-with, NULL for the newest */
	const char *bad_value;    /* CIBADMIN_BAD_VALUE: the value refused */
	int first_extra;          /* CIBADMIN_EXTRA_ARGS: argv index of the first */
	int timeout_s;            /* -t, 0 = the default */
	int verbose;              /* -V count */
};

/* Read @argv into @opts (zeroed first).  getopt's own complaints about
 * unknown options or missing values go to stderr as getopt prints them.
 * Returns what to do next; @opts' strings point into @argv. */
enum cibadmin_next cibadmin_parse(int argc, char **argv, struct cibadmin_opts *opts);

/* Whether @name is a section cibadmin knows for -o (others, as in
 * pacemaker, quietly mean the whole CIB). */
bool cibadmin_section_known(const char *name);

/* The help text. */
void cibadmin_usage(FILE *out);

/* The version lines (@extended: with the build's features). */
void cibadmin_version(FILE *out, bool extended);

/* The XML input opts asks for (-x file, -X text, -p stdin), parsed as
 * pacemaker's tools parse it: well-formed XML, or failing that what
 * libxml2's recovery makes of it.  Returns 0 with *@doc set (NULL when no
 * input was asked for; caller frees with xmlFreeDoc()), or -EINVAL when
 * nothing usable could be read, with *@source naming where from ("input
 * string", the file name or "STDIN") and *@error (caller frees) saying
 * what was wrong. */
int cibadmin_read_input(const struct cibadmin_opts *opts, xmlDoc **doc, const char **source,
			char **error);

/* Print a command's output: pretty-printed XML, or with @node_path the
 * paths of the matches (the id of each <xpath-query-path> element), one
 * a line.  Returns 0 or -errno. */
int cibadmin_print_output(FILE *out, const xmlNode *output, bool node_path);

/* Print @xml pretty-printed with numbered lines ("   1 <cib ..."), as
 * pacemaker shows a CIB that failed validation.  Returns 0 or -errno. */
int cibadmin_print_numbered(FILE *out, const xmlNode *xml);

#endif /* CIBADMIN_H */
