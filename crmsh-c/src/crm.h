/*
 * The crm front-end: options, input lines, the levels and their command
 * tables, the configure session (the working copy of the CIB and its
 * commit), and the interactive shell (readline, completion, questions).
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
void out_msgf(enum crmconf_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_msgs(struct crmconf_msgs *msgs);

/* The configure session. */
struct session {
	struct cib *cib; /* shared by every level: a file CIB is read once */
	xmlDoc *work;    /* the CIB as it will be committed */
	bool has_status; /* work holds the status section too */
	bool dirty;      /* changes not committed yet */
	struct crmconf_options copts;
	bool force;
};

/* Connect to the CIB (CIB_file, CIB_shadow or the daemon) when not yet
 * connected; errors printed.  Returns 0 or -errno. */
int session_connect(struct session *s);
int session_open(struct session *s);
/* Drop the working copy and the connection (a `cib use` reconnects). */
void session_close(struct session *s);
/* Verify and commit the working copy.  Returns 0, or -1 when declined or
 * refused (messages printed). */
int session_commit(struct session *s, bool force);
/* crm_verify's and the shell's checks of the working copy, printed.
 * Returns 0 when clean enough to commit. */
int session_verify(struct session *s);
/* Add the CIB's status to the working copy, for what needs the cluster's
 * state (verify, ptest); errors printed.  Returns 0 or -errno. */
int session_load_status(struct session *s);
/* Throw the working copy away and read the CIB again. */
int session_refresh(struct session *s);

/* verify.c: run pacemaker's checks on @doc's configuration (its status
 * left out, as crmsh's commit pipes it) and relay them as crmsh relays
 * crm_verify's output.  Returns 0 when the CIB passes. */
int verify_relay(xmlDoc *doc);
/* As verify_relay() for the whole of a live CIB, status included. */
int verify_relay_live(xmlDoc *doc);

/* input.c: the next logical line of @in (backslash continuations joined,
 * comments and blank lines skipped).  Returns a malloc'd line or NULL at
 * the end. */
char *input_next_line(FILE *in);

/* The levels.  Only the top level leads to the others. */
enum crm_level {
	LVL_TOP,
	LVL_CONFIGURE,
	LVL_RESOURCE,
	LVL_NODE,
	LVL_CIB,
	LVL_RA,
	LVL_OPTIONS,
	LVL_COUNT
};

/* User preferences (the options level). */
struct crm_prefs {
	char *editor;
	char *pager;
	char *user;
};

struct shell {
	struct session session;
	enum crm_level level;
	bool failed;
	bool quit;
	bool session_open;
	bool interactive;
	struct crm_prefs prefs;
};

typedef void (*cmd_fn)(struct shell *sh, int argc, char **argv, const char *line);

/* A command of a level.  @args says what each argument is, for
 * completion: words separated by spaces, one per position, each either a
 * kind ("%rsc" resource id, "%node" node name, "%agent" agent name,
 * "%shadow" shadow CIB, "%id" configuration object, "%cmd" a command of
 * this level, "%level" a level, "%class" an agent class) or choices
 * separated by "|"; "*" repeats the last one. */
struct level_cmd {
	const char *name;
	cmd_fn fn;
	const char *help;  /* one line for `help` and `ls` */
	const char *usage; /* `help NAME` */
	const char *args;
};

struct level_def {
	const char *name;
	const char *help;
	const struct level_cmd *cmds;
	size_t ncmds;
};

extern const struct level_def level_top, level_configure, level_resource, level_node, level_cib,
	level_ra, level_options;

/* The level @l's table. */
const struct level_def *level_get(enum crm_level l);
/* The command @name of @def (also the commands every level has), or NULL. */
const struct level_cmd *level_find(const struct level_def *def, const char *name);
/* Each command name of @def and the common ones, sorted, NULL-terminated
 * (caller frees the array with g_free(), not the names). */
const char **level_names(const struct level_def *def);

/* levels.c: the dispatcher. */
/* Run one command line at the current level.  A level word followed by a
 * command runs the command there and comes back, as crmsh does. */
void shell_run_line(struct shell *sh, const char *line);
/* Run one command at @lvl without changing level (configure's `cib`). */
void shell_run_at(struct shell *sh, enum crm_level lvl, int argc, char **argv, const char *line);
/* End of input: commit what is pending, as crmsh does on exit. */
void shell_finish(struct shell *sh);
/* Record a failed command and print ERROR: text. */
void shell_fail(struct shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "configure" ... "crm(live/node1)configure# " (caller frees). */
char *shell_prompt(const struct shell *sh);
/* Enter configure: open the session or re-read a clean one. */
int shell_enter_configure(struct shell *sh);
/* Leave configure, asking (interactive) or committing (batch) when
 * changes are pending.  Returns false when the user stays. */
bool shell_leave_configure(struct shell *sh);
/* Make the shell's configure session see the CIB again after a level
 * changed it directly (nothing pending is lost). */
void shell_cib_changed(struct shell *sh);

/* cibx.c: direct changes of the CIB for the resource and node levels. */
/* The whole CIB (caller frees), or NULL with an ERROR printed. */
xmlDoc *cibx_query(struct shell *sh);
/* Write @section ("configuration", "status") of @doc back.  Returns 0
 * or -1 with an ERROR printed. */
int cibx_replace(struct shell *sh, xmlDoc *doc, const char *section);
/* The nvpair set @tag of @parent with id @set_id, made when @create. */
xmlNode *cibx_set(xmlNode *parent, const char *tag, const char *set_id, bool create);
/* Set @name=@value in @set (nvpair id SETID-NAME).  Returns true when the
 * nvpair is new. */
bool cibx_nv_set(xmlNode *set, const char *name, const char *value);
/* The nvpair @name of @set, or NULL. */
xmlNode *cibx_nv_find(const xmlNode *set, const char *name);
/* The element with @id below @root (any depth), or NULL. */
xmlNode *cibx_find(xmlNode *root, const char *element, const char *id);

/* interactive.c */
/* The readline loop on a terminal. */
void interactive_run(struct shell *sh);
/* Ask @question until the answer is y or n (interactive only).  In batch
 * mode returns @batch_answer without asking. */
bool ui_ask(const char *question, bool batch_answer);
/* Whether the shell talks to a terminal user. */
bool ui_interactive(void);
void ui_set_interactive(bool on);
/* Print @text through the pager when it is longer than the screen. */
void ui_page(struct shell *sh, const char *text);

/* complete.c: the candidates for the word being typed at the end of
 * @line (before the cursor), NULL-terminated, caller frees (g_strfreev).
 * *@no_space is set when the candidates continue (class "ocf:", "ip="). */
char **complete_line(struct shell *sh, const char *line, const char *word, bool *no_space);

/* ra.c: resource agents on this host. */
/* "lsb", "ocf", "service", "stonith" (static). */
const char *const *ra_classes(void);
/* Providers of the OCF agents (caller frees). */
char **ra_providers(const char *type);
/* Agent names of @cls (and @provider for ocf), sorted (caller frees).  */
char **ra_list(const char *cls, const char *provider);
/* Every "class:provider:type" / "class:type" (caller frees). */
char **ra_all_specs(void);
/* The meta-data XML of "class:provider:type" (or short "Dummy" =
 * ocf:heartbeat:Dummy), or NULL; caller frees with xmlFreeDoc. */
xmlDoc *ra_metadata(const char *spec);
/* The parameter names of @spec (caller frees). */
char **ra_param_names(const char *spec);
/* `ra info` text (caller frees). */
char *ra_info_text(const char *spec, xmlDoc *meta);

/* ptest.c: what the scheduler would do with @doc, as crm_simulate -S. */
int ptest_print(xmlDoc *doc);

/* lvl_options.c: a preference ("editor", "pager", "user"): set, else
 * from the environment, else the default. */
const char *options_get(struct shell *sh, const char *name);
void options_free(struct shell *sh);

/* lvl_configure.c: an object command (primitive, location ...) parsed,
 * checked and applied to the working copy. */
void configure_object(struct shell *sh, const char *line);

/* edit.c: `edit [ID...]` in configure. */
void edit_objects(struct shell *sh, int argc, char **argv);

#endif /* CRM_H */
