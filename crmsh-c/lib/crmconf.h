/*
 * libcrmconf: the crm shell's configure language.
 *
 * One command line ("primitive vip IPaddr2 params ip=10.0.0.1") is parsed
 * into a command (crmconf_parse()) and applied to a CIB document
 * (crmconf_apply()); a CIB element is rendered back as crm syntax
 * (crmconf_render()) and a whole configuration as `show` prints it
 * (crmconf_show()).  crmconf_check() runs the semantic checks the crm
 * shell makes before a commit (references, agent meta-data).
 *
 * Messages for the user (INFO/WARNING/ERROR, worded as crmsh 4.4 words
 * them) are collected in a struct crmconf_msgs; the library never prints.
 * Ownership: every returned string and object is the caller's; *_free(NULL)
 * is a no-op.
 */
#ifndef CRMCONF_H
#define CRMCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <libxml/tree.h>

enum crmconf_level { CRMCONF_INFO, CRMCONF_WARNING, CRMCONF_ERROR };

struct crmconf_msg {
	enum crmconf_level level;
	char *text;
};

/* An ordered list of messages. */
struct crmconf_msgs {
	GPtrArray *list; /* struct crmconf_msg * */
	unsigned int errors;
};

struct crmconf_msgs *crmconf_msgs_new(void);
void crmconf_msgs_free(struct crmconf_msgs *msgs);
void crmconf_msgs_add(struct crmconf_msgs *msgs, enum crmconf_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Move every message of @from to the end of @to. */
void crmconf_msgs_take(struct crmconf_msgs *to, struct crmconf_msgs *from);
/* "INFO", "WARNING" or "ERROR". */
const char *crmconf_level_name(enum crmconf_level level);

/* A syntax error: where it is and what was expected there. */
struct crmconf_error {
	char *command;  /* "location" */
	char *token;    /* the offending token ("" at the end of the line) */
	size_t pos;     /* its byte offset in the line */
	char *expected; /* "expected <score>: <node> or <rule> [<rule> ...]" */
	char *line;     /* the whole line */
};

/* "syntax in location: expected ... near <100> parsing 'location ...'"
 * (caller frees). */
char *crmconf_error_text(const struct crmconf_error *err);
void crmconf_error_clear(struct crmconf_error *err);

/* Options of the configure session that change what is accepted. */
struct crmconf_options {
	bool ignore_missing_metadata; /* core.ignore_missing_metadata */
	bool replace_existing;        /* load update: a definition replaces */
};

/* A parsed command (the model): what it is and the CIB XML it carries. */
struct crmconf_cmd;

/* Parse one configure command.  @cib (may be NULL) is the document the
 * command will be applied to: ids are generated unique against it.
 * Returns 0 with *@cmd set (free with crmconf_cmd_free()); -EINVAL with
 * @err filled on a syntax error; -ENOENT when the first word is no
 * configure command (@err names it).  Fuzzy-accepted command words add an
 * INFO to @msgs. */
int crmconf_parse(const char *line, xmlDoc *cib, struct crmconf_msgs *msgs,
		  struct crmconf_cmd **cmd, struct crmconf_error *err);

/* Whether @word is a configure command (or a near miss of one). */
bool crmconf_is_command(const char *word);

/* The command's name as the table knows it ("primitive"). */
const char *crmconf_cmd_name(const struct crmconf_cmd *cmd);

/* The element a defining command creates (NULL for edits such as delete).
 * It belongs to @cmd. */
const xmlNode *crmconf_cmd_xml(const struct crmconf_cmd *cmd);

/* Apply @cmd to @cib.  Returns 0, or a negative errno with an ERROR in
 * @msgs (-EEXIST duplicate id, -ENOENT missing object, -EINVAL refused
 * change); @cib is unchanged on failure. */
int crmconf_apply(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		  struct crmconf_msgs *msgs);

void crmconf_cmd_free(struct crmconf_cmd *cmd);

/* Render one configuration element (primitive, group, rsc_location,
 * cluster_property_set ...) as crm syntax, with TAB-indented " \"
 * continuation lines and no final newline (caller frees).  Elements the
 * language cannot express exactly come back as "xml <...>". */
char *crmconf_render(const xmlNode *elem);

/* The configuration of @cib as `crm configure show` prints it: objects in
 * crmsh's order, one per line group, each ending with a newline.  With
 * @ids (NULL-terminated, may be NULL) only those objects; an unknown id
 * gives an ERROR in @msgs.  Returns a malloc'd string. */
char *crmconf_show(xmlDoc *cib, const char *const *ids, struct crmconf_msgs *msgs);

/* The crm shell's semantic checks of @cib (references to missing
 * resources and nodes, agent meta-data: unknown agents, parameters,
 * actions, timeouts; unknown meta attributes and properties).  Adds the
 * findings to @msgs in object-id order; returns the number of ERRORs. */
int crmconf_check(xmlDoc *cib, const struct crmconf_options *opts, struct crmconf_msgs *msgs);

/* Agent meta-data checks made when a primitive is defined ("got no
 * meta-data"), for @cmd; adds ERRORs to @msgs. */
void crmconf_check_new(const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		       struct crmconf_msgs *msgs);

/* Erase the configuration of @cib: resources, constraints, properties,
 * defaults, tags, fencing topology; nodes too when @nodes. */
void crmconf_erase(xmlDoc *cib, bool nodes);

/* Free the agent meta-data cache (for leak checkers). */
void crmconf_agents_cleanup(void);

/* The directories holding OCF providers, in search order: $OCF_RA_PATH's,
 * $OCF_ROOT/resource.d, this installation's.  Free with
 * g_ptr_array_unref(). */
GPtrArray *crmconf_ocf_dirs(void);

#endif /* CRMCONF_H */
