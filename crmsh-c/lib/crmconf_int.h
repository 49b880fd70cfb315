/*
 * Internals of libcrmconf shared by its files: the token stream of one
 * command line, the parser state, the command table entry, id generation
 * and the nvpair-set builders.
 */
#ifndef CRMCONF_INT_H
#define CRMCONF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <libxml/tree.h>

#include "crmconf.h"

struct tok {
	char *text; /* unquoted */
	size_t pos; /* byte offset in the line */
};

struct parser {
	const char *line;
	struct tok *toks;
	size_t n;
	size_t i;
	const char *cmd; /* the command's name, for error messages */
	xmlDoc *cib;     /* ids are unique against it (may be NULL) */
	GHashTable *ids; /* ids generated for this command */
	struct crmconf_error *err;
	struct crmconf_msgs *msgs;
};

struct crmconf_cmd;

/* One configure command: how its line is parsed and how it is applied. */
struct cmd_def {
	const char *name;
	int (*parse)(struct parser *p, struct crmconf_cmd *cmd);
	int (*apply)(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		     struct crmconf_msgs *msgs);
};

struct crmconf_cmd {
	const struct cmd_def *def;
	xmlNode *xml;    /* the element defined, root of its own document */
	GPtrArray *args; /* char *, for edits (delete, rename ...) */
	char *line;      /* the command line, for messages */
};

/* lexer.c */
int lex_line(const char *line, struct tok **toks, size_t *n);
void lex_free(struct tok *toks, size_t n);

/* parse.c: the token stream */
const char *p_peek(const struct parser *p);
const char *p_peek_at(const struct parser *p, size_t ahead);
const char *p_next(struct parser *p);
bool p_end(const struct parser *p);
bool p_accept(struct parser *p, const char *word);
/* Record a syntax error at the current token; returns -EINVAL. */
int p_fail(struct parser *p, const char *expected);
/* A new id unique in the CIB and in this command: @base, else
 * @base-0, @base-1 ... (caller frees). */
char *p_new_id(struct parser *p, const char *base);
/* Mark an id given by the user as used in this command. */
void p_claim_id(struct parser *p, const char *id);

/* nvset.c: name=value lists */
bool nv_is_pair(const char *tok);
/* Parse name=value tokens into a new set element @tag under @parent with
 * id @set_id (nvpair ids @set_id-NAME).  Stops at the first other token.
 * Returns the set or NULL when there was no pair. */
xmlNode *nv_parse_set(struct parser *p, xmlNode *parent, const char *tag, const char *set_id);
/* Add name=value (token @tok) to @set. */
int nv_add_pair(struct parser *p, xmlNode *set, const char *tok);
/* Set @name=@value in @set (element with nvpair children), replacing an
 * existing value; a new nvpair gets id SETID-NAME made unique in @doc. */
void nv_set(xmlDoc *doc, xmlNode *set, const char *name, const char *value);
/* Value of nvpair @name in @set or NULL. */
const char *nv_get(const xmlNode *set, const char *name);

/* ids.c */
bool id_in_doc(xmlDoc *doc, const char *id);
char *id_unique(xmlDoc *doc, GHashTable *taken, const char *base);
/* The <configuration> element (the root when the document is one). */
xmlNode *cib_config(xmlDoc *cib);
xmlNode *cib_section(xmlDoc *cib, const char *name, bool create);
/* The top-level configuration object with id @id (resource, constraint,
 * node, tag ...), or NULL. */
xmlNode *cib_find_object(xmlDoc *cib, const char *id);
bool cib_is_resource(const xmlNode *node);
/* crmsh's word for an element's kind ("primitive", "location" ...). */
const char *cib_kind(const xmlNode *node);

/* The attribute lists of a resource (params, meta, utilization, and op
 * when @with_ops) up to the end of the line. */
int parse_rsc_attrs(struct parser *p, xmlNode *rsc, bool with_ops);

/* Per-family command parsers and appliers. */
int parse_primitive(struct parser *p, struct crmconf_cmd *cmd);
int parse_template(struct parser *p, struct crmconf_cmd *cmd);
int parse_monitor(struct parser *p, struct crmconf_cmd *cmd);
int apply_monitor(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		  struct crmconf_msgs *msgs);
int parse_group(struct parser *p, struct crmconf_cmd *cmd);
int parse_clone(struct parser *p, struct crmconf_cmd *cmd);
int parse_ms(struct parser *p, struct crmconf_cmd *cmd);
int parse_tag(struct parser *p, struct crmconf_cmd *cmd);
int apply_container(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		    struct crmconf_msgs *msgs);
int parse_location(struct parser *p, struct crmconf_cmd *cmd);
int parse_colocation(struct parser *p, struct crmconf_cmd *cmd);
int parse_order(struct parser *p, struct crmconf_cmd *cmd);
int parse_rule(struct parser *p, xmlNode *parent, const char *owner_id);
int parse_score(const char *tok, xmlNode *elem, const char *attr);
int parse_sets(struct parser *p, xmlNode *cons, bool with_actions);
int parse_property(struct parser *p, struct crmconf_cmd *cmd);
int parse_rsc_defaults(struct parser *p, struct crmconf_cmd *cmd);
int parse_op_defaults(struct parser *p, struct crmconf_cmd *cmd);
int apply_nvset(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		struct crmconf_msgs *msgs);
int parse_node(struct parser *p, struct crmconf_cmd *cmd);
int parse_fencing_topology(struct parser *p, struct crmconf_cmd *cmd);
int parse_alert(struct parser *p, struct crmconf_cmd *cmd);
int apply_define(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		 struct crmconf_msgs *msgs);
int parse_args(struct parser *p, struct crmconf_cmd *cmd);
int apply_delete(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		 struct crmconf_msgs *msgs);
int apply_rename(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		 struct crmconf_msgs *msgs);
int apply_modgroup(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		   struct crmconf_msgs *msgs);

/* render_*.c */
void render_nvs(GString *out, const xmlNode *set, const char *sep, bool hide);
void render_value(GString *out, const char *value);
void render_score(GString *out, const char *score);
void render_rule(GString *out, const xmlNode *rule, bool with_score);
char *render_raw_xml(const xmlNode *elem);
bool render_constraint(GString *out, const xmlNode *cons);
void render_resource(GString *out, const xmlNode *rsc);
void render_misc(GString *out, const xmlNode *elem);

/* agents.c: resource agent meta-data */
struct agent_meta;
/* Meta-data of the agent of primitive @prim (class/provider/type), or
 * NULL when there is none; *@exists says whether the agent exists at all.
 * Cached for the process. */
const struct agent_meta *agent_meta_get(const char *cls, const char *provider, const char *type,
					bool *exists);
bool agent_meta_has_param(const struct agent_meta *m, const char *name);
/* NULL-terminated names of the required parameters (static to @m). */
const char *const *agent_meta_required(const struct agent_meta *m);
/* Advised timeout of action @name as written ("" when none), NULL when
 * the agent has no such action; a monitor (of @role, or NULL) is always
 * known, as crmsh knows it. */
const char *agent_meta_action_timeout(const struct agent_meta *m, const char *name,
				      const char *role);
/* "ocf:heartbeat:IPaddr2" / "stonith:fence_ipmilan" (caller frees). */
char *agent_spec(const char *cls, const char *provider, const char *type);

#endif /* CRMCONF_INT_H */
