/*
 * The crm front-end: options, input lines, the level dispatcher and the
 * configure session (the working copy of the CIB and its commit).
 */
#ifndef CRM_H
#define CRM_H

#include <stdbool.h>
#include <stdio.h>
#include <libxml/tree.h>

#include "crmconf.h"

struct cib;

struct crm_opts {
	const char *file; /* -f FILE ("-" = stdin) */
	bool force;       /* -F */
	bool wait;        /* -w */
	bool plain;       /* -D plain: no colours */
	bool ignore_missing_metadata;
	char **commands; /* the rest of argv, as one command line */
	int ncommands;
};

/* What -h / bad options ask for. */
enum crm_opts_result { CRM_OPTS_RUN, CRM_OPTS_HELP, CRM_OPTS_VERSION, CRM_OPTS_BAD };

/* Parse argv.  Returns what to do; on CRM_OPTS_BAD *@error says why. */
enum crm_opts_result crm_opts_parse(int argc, char **argv, struct crm_opts *o, char **error);

/* output.c: messages as crmsh prints them (INFO/WARNING on stdout,
 * ERROR on stderr, the level word coloured unless plain). */
void out_set_plain(bool plain);
void out_msg(enum crmconf_level level, const char *text);
void out_msgs(struct crmconf_msgs *msgs);

/* The configure session. */
struct session {
	struct cib *cib;
	xmlDoc *work; /* the whole CIB as it will be committed */
	bool dirty;   /* changes not committed yet */
	struct crmconf_options copts;
	bool force;
};

int session_open(struct session *s);
void session_close(struct session *s);
/* Verify and commit the working copy.  Returns 0, or -1 when declined or
 * refused (messages printed). */
int session_commit(struct session *s, bool force);
/* crm_verify's and the shell's checks of the working copy, printed.
 * Returns 0 when clean enough to commit. */
int session_verify(struct session *s);
/* Throw the working copy away and read the CIB again. */
int session_refresh(struct session *s);

/* verify.c: run pacemaker's checks on @doc and relay them as crmsh
 * relays crm_verify's output.  Returns 0 when the CIB passes. */
int verify_relay(xmlDoc *doc);

/* input.c: the next logical line of @in (backslash continuations joined,
 * comments and blank lines skipped).  Returns a malloc'd line or NULL at
 * the end. */
char *input_next_line(FILE *in);

/* levels.c: the dispatcher. */
struct shell {
	struct session session;
	int level; /* 0 top, 1 configure */
	bool failed;
	bool quit;
	bool session_open;
};

/* Run one command line at the current level. */
void shell_run_line(struct shell *sh, const char *line);
/* End of input: commit what is pending, as crmsh does on exit. */
void shell_finish(struct shell *sh);

#endif /* CRM_H */
