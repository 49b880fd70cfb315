/*
 * crm_attribute: query, set and delete cluster options and node
 * attributes, with pacemaker 2.1.5's flags, output and exit codes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "crm_attribute.h"
#include "tool_version.h"

#define TOOL "crm_attribute"

struct run {
	struct attr_opts *o;
	struct attr_target t;
	struct cib *cib;
	xmlDoc *doc;
	char *node;    /* the node name used (malloc'd) */
	char *promote; /* "master-RSC" (malloc'd) */
};

static int fail(int rc)
{
	fprintf(stderr, TOOL ": Error performing operation: %s\n", pcmk_strerror(rc));
	return pcmk_result_to_exit(rc);
}

/* -t/-l: "reboot" and "forever" are lifetimes, anything else a section;
 * no value: the promotion score's status, a node's nodes, else crm_config. */
static const char *scope_of(const struct attr_opts *o)
{
	static const char *const known[] = { "crm_config",   "nodes",       "status",
					     "rsc_defaults", "op_defaults", "tickets" };

	if (o->type == NULL) {
		return o->promote != NULL ? "status" : (o->node != NULL ? "nodes" : "crm_config");
	}
	if (strcasecmp(o->type, "reboot") == 0) {
		return "status";
	}
	if (strcasecmp(o->type, "forever") == 0) {
		return "nodes";
	}
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcasecmp(o->type, known[i]) == 0) {
			return known[i];
		}
	}
	return o->type;
}

static void print_match(const struct run *r, const char *name, const char *value)
{
	if (r->o->quiet) {
		printf("%s\n", value != NULL ? value : "");
	} else if (r->o->attr_id != NULL) {
		printf("scope=%s id=%s name=%s value=%s\n", r->t.scope, r->o->attr_id,
		       name != NULL ? name : "", value != NULL ? value : "");
	} else {
		printf("scope=%s  name=%s value=%s\n", r->t.scope, name != NULL ? name : "",
		       value != NULL ? value : "");
	}
}

static int do_query(struct run *r)
{
	struct attr_match *m = NULL;
	int n = attr_find(r->doc, &r->t, &m);

	if (n < 0) {
		return fail(n);
	}
	for (int i = 0; i < n; i++) {
		print_match(r, m[i].name, m[i].value);
	}
	free(m);
	if (n == 0 && r->o->dflt != NULL) {
		print_match(r, r->t.name, r->o->dflt);
	} else if (n == 0 && r->t.pattern == NULL) {
		return fail(-ENXIO);
	}
	return PCMK_EX_OK;
}

static void list_matches(const struct attr_match *m, int n, const char *name)
{
	printf("Multiple attributes match name=%s\n", name != NULL ? name : "");
	for (int i = 0; i < n; i++) {
		printf("  Value: %s \t(id=%s)\n", m[i].value != NULL ? m[i].value : "",
		       m[i].id != NULL ? m[i].id : "");
	}
}

static int update_one(struct run *r, const struct attr_target *t)
{
	char *set = NULL, *error = NULL;
	int rc = attr_update(r->cib, r->doc, t, r->o->value, &set, &error);

	if (rc == -ENOTUNIQ) {
		struct attr_match *m = NULL;
		int n = attr_find(r->doc, t, &m);

		list_matches(m, n, t->name);
		free(m);
		fprintf(stderr, TOOL ": Please choose from one of the matches below and supply "
				     "the 'id' with --attr-id\n");
	} else if (rc < 0) {
		fprintf(stderr, "Error setting %s=%s (section=%s, set=%s): %s\n",
			t->name != NULL ? t->name : "", r->o->value, t->scope,
			set != NULL ? set : "", pcmk_strerror(rc));
	}
	free(set);
	free(error);
	return rc;
}

static int delete_one(struct run *r, const struct attr_match *m)
{
	char *error = NULL;
	int rc = attr_delete(r->cib, &r->t, m->id, &error);

	free(error);
	if (rc == 0 && !r->o->quiet) {
		printf("Deleted %s %s: id=%s%s%s\n", r->t.scope, r->node ? "attribute" : "option",
		       m->id, r->t.name ? " name=" : "", r->t.name ? r->t.name : "");
	}
	return rc;
}

/* -P with -v or -D: every attribute whose name matches. */
static int for_each_pattern_match(struct run *r)
{
	struct attr_match *m = NULL;
	int n = attr_find(r->doc, &r->t, &m);
	int rc = n < 0 ? n : 0;

	for (int i = 0; rc == 0 && i < n; i++) {
		struct attr_target one = r->t;

		one.pattern = NULL;
		one.name = m[i].name;
		one.attr_id = m[i].id;
		rc = r->o->command == 'v' ? update_one(r, &one) : delete_one(r, &m[i]);
	}
	free(m);
	return rc < 0 ? fail(rc) : PCMK_EX_OK;
}

static int do_update(struct run *r)
{
	int rc;

	if (r->t.name == NULL && r->t.attr_id == NULL) {
		return fail(-EINVAL);
	}
	rc = update_one(r, &r->t);
	if (rc == -ENOTUNIQ) {
		return PCMK_EX_MULTIPLE; /* the matches were listed instead */
	}
	return rc < 0 ? fail(rc) : PCMK_EX_OK;
}

static int do_delete(struct run *r)
{
	struct attr_match *m = NULL;
	int n = attr_find(r->doc, &r->t, &m);
	int rc = n < 0 ? n : 0;

	if (n > 1) {
		list_matches(m, n, r->t.name); /* as pacemaker: nothing deleted, no failure */
	} else if (n == 1) {
		rc = delete_one(r, &m[0]);
	}
	free(m);
	return rc < 0 ? fail(rc) : PCMK_EX_OK;
}

/* What the command line asks that makes no sense, worded as pacemaker. */
static int check_usage(const struct attr_opts *o, const char *scope)
{
	if (o->command == 'D' && o->name == NULL && o->pattern == NULL && o->attr_id == NULL &&
	    o->promote == NULL) {
		fputs(TOOL ": Error: must specify attribute name or pattern to delete\n", stderr);
		return PCMK_EX_USAGE;
	}
	if (o->pattern != NULL && o->command != 'G' && strcmp(scope, "status") != 0) {
		fputs(TOOL ": Error: pattern can only be used with query, or with till-reboot "
			   "update or delete\n",
		      stderr);
		return PCMK_EX_USAGE;
	}
	return PCMK_EX_OK;
}

static int promotion_name(struct run *r)
{
	const char *rsc = r->o->promote;

	if (rsc == NULL) {
		return PCMK_EX_OK;
	}
	if (rsc[0] == '\0') {
		rsc = getenv("OCF_RESOURCE_INSTANCE");
	}
	if (rsc == NULL || rsc[0] == '\0') {
		fputs(TOOL ": Error: -p needs a resource name (or OCF_RESOURCE_INSTANCE set)\n",
		      stderr);
		return PCMK_EX_USAGE;
	}
	r->promote = malloc(strlen(rsc) + sizeof("master-"));
	if (r->promote == NULL) {
		return fail(-ENOMEM);
	}
	sprintf(r->promote, "master-%s", rsc);
	r->t.name = r->promote;
	return PCMK_EX_OK;
}

/* The node of a node attribute: -N, or this node. */
static int resolve_node(struct run *r)
{
	if (!attr_scope_needs_node(r->t.scope)) {
		return PCMK_EX_OK;
	}
	r->node = r->o->node != NULL ? strdup(r->o->node) : attr_local_node();
	if (r->node == NULL) {
		return fail(-ENOMEM);
	}
	r->t.node = r->node;
	r->t.node_uuid = attr_node_uuid(r->doc, r->node);
	if (r->t.node_uuid == NULL) {
		fprintf(stderr, TOOL ": Could not map name=%s to a UUID\n", r->node);
		return PCMK_EX_NOSUCH;
	}
	return PCMK_EX_OK;
}

static int run_command(struct run *r)
{
	int code = check_usage(r->o, r->t.scope);

	if (code == PCMK_EX_OK) {
		code = promotion_name(r);
	}
	if (code == PCMK_EX_OK) {
		code = resolve_node(r);
	}
	if (code != PCMK_EX_OK) {
		return code;
	}
	if (r->o->pattern != NULL && r->o->command != 'G') {
		return for_each_pattern_match(r);
	}
	switch (r->o->command) {
	case 'v':
		return do_update(r);
	case 'D':
		return do_delete(r);
	default:
		return do_query(r);
	}
}

int main(int argc, char **argv)
{
	struct attr_opts o;
	struct run r = { .o = &o };
	int rc, code;

	if (attr_opts_parse(argc, argv, &o) != 0) {
		return PCMK_EX_USAGE;
	}
	if (o.help || o.version) {
		if (o.help) {
			attr_usage(stdout);
		} else {
			tool_print_version(stdout);
		}
		return PCMK_EX_OK;
	}
	r.t = (struct attr_target){ .scope = scope_of(&o),
				    .set_id = o.set_id,
				    .attr_id = o.attr_id,
				    .name = o.name,
				    .pattern = o.pattern,
				    .utilization = o.utilization };
	rc = attr_open(TOOL, &r.cib, &r.doc);
	if (rc < 0) {
		fprintf(stderr, TOOL ": Could not connect to the CIB: %s\n", pcmk_strerror(rc));
		return pcmk_result_to_exit(rc);
	}
	code = run_command(&r);
	xmlFreeDoc(r.doc);
	cib_close(r.cib);
	free(r.t.node_uuid);
	free(r.node);
	free(r.promote);
	return code;
}
