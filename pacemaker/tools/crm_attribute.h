/*
 * Node attributes and cluster options in the CIB, as crm_attribute,
 * crm_standby and crm_failcount read and change them (pacemaker 2.1.5's
 * rules for where an attribute lives and what its ids are).
 *
 * An attribute lives in a set (cluster_property_set, instance_attributes,
 * meta_attributes or utilization) inside a scope:
 *   crm_config    /cib/configuration/crm_config, set cib-bootstrap-options
 *   nodes         /cib/configuration/nodes/node[@id=UUID], set nodes-UUID
 *   status        /cib/status/node_state[@id=UUID]/transient_attributes,
 *                 set status-UUID (the "reboot" lifetime)
 *   rsc_defaults  meta_attributes rsc_defaults-options
 *   op_defaults   meta_attributes op_defaults-options
 *   tickets       /cib/status/tickets, set status-tickets
 * A new nvpair gets the id SET-NAME with ':' and '#' made '.'.
 *
 * Transient (status) attributes belong to attrd in a running cluster; it
 * is not part of this suite yet, so they are written to the status section
 * through libcib directly, which is also what pacemaker does on a CIB file.
 *
 * Functions return 0 or a negative result (crm/common/results.h) and never
 * print; what a tool says is up to it.
 */
#ifndef CRM_ATTRIBUTE_H
#define CRM_ATTRIBUTE_H

#include <stdbool.h>
#include <stdio.h>
#include <libxml/tree.h>

struct cib;

/* Which attribute(s): filled by the tool, completed by attr_resolve(). */
struct attr_target {
	const char *scope;   /* crm_config, nodes, status, rsc_defaults, ... */
	const char *node;    /* node name (nodes/status scopes) */
	char *node_uuid;     /* set by attr_resolve() */
	const char *set_id;  /* -s; NULL: any set when reading, the default when writing */
	const char *attr_id; /* -i */
	const char *name;    /* -n; NULL: every attribute (queries) */
	const char *pattern; /* -P: extended regex on names (queries) */
	bool utilization;    /* -z: utilization sets instead of instance_attributes */
};

/* One attribute found. */
struct attr_match {
	const char *id, *name, *value; /* point into the document */
	const xmlNode *set;            /* the set holding it */
};

/* Whether @scope needs a node (everything but crm_config and tickets). */
bool attr_scope_needs_node(const char *scope);

/* The node id of node @name in @cib (a <node> of that uname, a remote
 * node's resource, a guest node's remote-node meta attribute, or a
 * node_state of that uname).  Returns a malloc'd id or NULL. */
char *attr_node_uuid(xmlDoc *cib, const char *name);

/* The name of this node: OCF_RESKEY_CRM_meta_on_node when an agent runs
 * us, else corosync's name for it, else the host name.  Malloc'd. */
char *attr_local_node(void);

/* The attributes @t names in @cib (the whole CIB, as a query returns it).
 * Returns how many, with *@matches a malloc'd array (free() it), or a
 * negative result: -ENOMSG for a scope that is not one. */
int attr_find(xmlDoc *cib, const struct attr_target *t, struct attr_match **matches);

/* Set attribute @t->name (or @t->attr_id) to @value through @cib: an
 * existing nvpair found by attr_find() (which must find at most one, else
 * -ENOTUNIQ) gets the value; otherwise one is made in the default set.
 * @doc is the current CIB.  *@set (when not NULL) gets the set used
 * (malloc'd) for messages.  Returns 0 or a negative result from the CIB. */
int attr_update(struct cib *cib, xmlDoc *doc, const struct attr_target *t, const char *value,
		char **set, char **error);

/* Delete the nvpair with id @id in @t's scope through @cib. */
int attr_delete(struct cib *cib, const struct attr_target *t, const char *id, char **error);

/* Open the CIB as @client and read it whole.  Returns 0 with *@cib and
 * *@doc set, or a negative result (both NULL). */
int attr_open(const char *client, struct cib **cib, xmlDoc **doc);

/* crm_attribute's command line. */
struct attr_opts {
	char command;          /* 'G' query (default), 'v' update, 'D' delete */
	const char *value;     /* -v */
	const char *type;      /* -t / -l, last one wins */
	const char *node;      /* -N */
	const char *name;      /* -n */
	const char *attr_id;   /* -i */
	const char *set_id;    /* -s */
	const char *pattern;   /* -P */
	const char *dflt;      /* -d */
	const char *promote;   /* -p RSC ("" when -p came without one) */
	const char *output_as; /* --output-as */
	const char *output_to; /* --output-to */
	bool utilization;      /* -z */
	bool quiet;            /* -q / -Q */
	bool help, version;
};

/* Parse the command line into @o (pointing into @argv).  Returns 0, or -1
 * after saying what is wrong on stderr (exit 64). */
int attr_opts_parse(int argc, char **argv, struct attr_opts *o);

/* The usage text of --help. */
void attr_usage(FILE *out);

#endif /* CRM_ATTRIBUTE_H */
