/*
 * The resource level: what crm_resource does, written straight into the
 * CIB (meta attributes target-role and is-managed, instance attributes,
 * cli-prefer / cli-ban location constraints, the status history for a
 * cleanup), with crm_resource's and crmsh's messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include <crm/pengine/iso8601.h>
#include <crm/pengine/status.h>
#include <crm/pengine/status_text.h>

#include "crm.h"

static const char *const rsc_tags[] = { "primitive", "group", "clone", "master", "bundle" };

/* The resource @id in @doc's resources section, or NULL. */
static xmlNode *find_rsc(xmlDoc *doc, const char *id)
{
	xmlNode *conf = pcmk_xml_first_child(xmlDocGetRootElement(doc), "configuration");
	xmlNode *rscs = pcmk_xml_first_child(conf, "resources");

	for (size_t i = 0; i < G_N_ELEMENTS(rsc_tags); i++) {
		xmlNode *r = cibx_find(rscs, rsc_tags[i], id);

		if (r != NULL) {
			return r;
		}
	}
	return NULL;
}

/* Run @fn on each resource named in argv[1..]; write the configuration
 * back when every one was found. */
typedef void (*rsc_fn)(xmlNode *rsc, const void *data);

static void change_each(struct shell *sh, int argc, char **argv, rsc_fn fn, const void *data)
{
	xmlDoc *doc = NULL;

	if (argc < 2) {
		shell_fail(sh, "resource.%s: a resource is needed", argv[0]);
		return;
	}
	if ((doc = cibx_query(sh)) == NULL) {
		return;
	}
	for (int i = 1; i < argc; i++) {
		xmlNode *rsc = find_rsc(doc, argv[i]);

		if (rsc == NULL) {
			shell_fail(sh, "Resource not found: %s", argv[i]);
			xmlFreeDoc(doc);
			return;
		}
		fn(rsc, data);
	}
	cibx_replace(sh, doc, "configuration");
	xmlFreeDoc(doc);
}

/* Set a meta attribute as crm_resource --meta does. */
static void set_meta(xmlNode *rsc, const void *data)
{
	const char *const *nv = data;
	char *set_id = g_strdup_printf("%s-meta_attributes", pcmk_xml_attr(rsc, "id"));

	cibx_nv_set(cibx_set(rsc, "meta_attributes", set_id, true), nv[0], nv[1]);
	g_free(set_id);
}

static void do_start(struct shell *sh, int argc, char **argv, const char *line)
{
	static const char *const nv[] = { "target-role", "Started" };

	(void)line;
	change_each(sh, argc, argv, set_meta, nv);
}

static void do_stop(struct shell *sh, int argc, char **argv, const char *line)
{
	static const char *const nv[] = { "target-role", "Stopped" };

	(void)line;
	change_each(sh, argc, argv, set_meta, nv);
}

/* Stop, then start: on a running cluster the second change follows the
 * first as a new transition. */
static void do_restart(struct shell *sh, int argc, char **argv, const char *line)
{
	bool failed = sh->failed;

	for (int i = 1; i < argc; i++) {
		out_msgf(CRMCONF_INFO, "ordering %s to stop", argv[i]);
	}
	sh->failed = false;
	do_stop(sh, argc, argv, line);
	if (!sh->failed) {
		for (int i = 1; i < argc; i++) {
			out_msgf(CRMCONF_INFO, "ordering %s to start", argv[i]);
		}
		do_start(sh, argc, argv, line);
	}
	sh->failed = sh->failed || failed;
}

static void do_manage(struct shell *sh, int argc, char **argv, const char *line)
{
	static const char *const nv[] = { "is-managed", "true" };

	(void)line;
	change_each(sh, argc, argv, set_meta, nv);
}

static void do_unmanage(struct shell *sh, int argc, char **argv, const char *line)
{
	static const char *const nv[] = { "is-managed", "false" };

	(void)line;
	change_each(sh, argc, argv, set_meta, nv);
}

/* The constraints section of @doc (made when missing). */
static xmlNode *constraints(xmlDoc *doc)
{
	xmlNode *conf = pcmk_xml_first_child(xmlDocGetRootElement(doc), "configuration");
	xmlNode *cons = pcmk_xml_first_child(conf, "constraints");

	return (cons != NULL) ? cons : pcmk_xml_add_child(conf, "constraints");
}

/* Remove the location constraint @id, if any. */
static bool drop_location(xmlNode *cons, const char *id)
{
	xmlNode *old = cibx_find(cons, "rsc_location", id);

	if (old != NULL) {
		pcmk_xml_free(old);
	}
	return old != NULL;
}

static void add_rule(xmlNode *loc, const char *rsc, const char *node, const char *end)
{
	xmlNode *rule = pcmk_xml_add_child(loc, "rule");
	xmlNode *expr = NULL;
	char *id = g_strdup_printf("cli-prefer-rule-%s", rsc);

	pcmk_xml_set_attr(rule, "id", id);
	pcmk_xml_set_attr(rule, "score", "INFINITY");
	pcmk_xml_set_attr(rule, "boolean-op", "and");
	g_free(id);
	expr = pcmk_xml_add_child(rule, "expression");
	id = g_strdup_printf("cli-prefer-expr-%s", rsc);
	pcmk_xml_set_attr(expr, "id", id);
	pcmk_xml_set_attr(expr, "attribute", "#uname");
	pcmk_xml_set_attr(expr, "operation", "eq");
	pcmk_xml_set_attr(expr, "value", node);
	pcmk_xml_set_attr(expr, "type", "string");
	g_free(id);
	expr = pcmk_xml_add_child(rule, "date_expression");
	id = g_strdup_printf("cli-prefer-lifetime-end-%s", rsc);
	pcmk_xml_set_attr(expr, "id", id);
	pcmk_xml_set_attr(expr, "operation", "lt");
	pcmk_xml_set_attr(expr, "end", end);
	g_free(id);
}

/* The end of a lifetime ("PT1H") from now, as crm_resource writes it. */
static char *lifetime_end(const char *lifetime)
{
	struct pcmk_duration d;

	if (pcmk_duration_parse(lifetime, &d) < 0) {
		return NULL;
	}
	return pe_time_format(pe_time_add(pe_time_now(), &d, 1));
}

/* cli-prefer-RSC for @node, with a lifetime rule when @end is set. */
static void add_prefer(xmlDoc *doc, const char *rsc, const char *node, const char *end)
{
	xmlNode *cons = constraints(doc);
	xmlNode *loc = NULL;
	char *id = g_strdup_printf("cli-prefer-%s", rsc);

	drop_location(cons, id);
	loc = pcmk_xml_add_child(cons, "rsc_location");
	pcmk_xml_set_attr(loc, "id", id);
	pcmk_xml_set_attr(loc, "rsc", rsc);
	pcmk_xml_set_attr(loc, "role", "Started");
	if (end == NULL) {
		pcmk_xml_set_attr(loc, "node", node);
		pcmk_xml_set_attr(loc, "score", "INFINITY");
	} else {
		add_rule(loc, rsc, node, end);
	}
	g_free(id);
}

/* move RSC NODE [LIFETIME] [force] */
static void do_move(struct shell *sh, int argc, char **argv, const char *line)
{
	xmlDoc *doc = NULL;
	char *end = NULL;
	int n = argc;

	(void)line;
	n -= ((argc > 2) && (strcmp(argv[argc - 1], "force") == 0)) ? 1 : 0;
	if (n < 3) {
		shell_fail(sh, "resource.move: No target node: Move requires either a target node "
			       "or 'force'");
		return;
	}
	if ((n > 3) && ((end = lifetime_end(argv[3])) == NULL)) {
		shell_fail(sh, "resource.move: bad lifetime: %s", argv[3]);
		return;
	}
	if ((doc = cibx_query(sh)) == NULL) {
		free(end);
		return;
	}
	if (find_rsc(doc, argv[1]) == NULL) {
		shell_fail(sh, "Resource not found: %s", argv[1]);
	} else {
		add_prefer(doc, argv[1], argv[2], end);
		if (cibx_replace(sh, doc, "configuration") == 0) {
			out_msgf(CRMCONF_INFO, "Move constraint created for %s to %s", argv[1],
				 argv[2]);
			out_msgf(CRMCONF_INFO,
				 "Use `crm resource clear %s` to remove this constraint", argv[1]);
		}
	}
	free(end);
	xmlFreeDoc(doc);
}

static void ban_warning(const char *rsc, const char *node)
{
	printf("WARNING: Creating rsc_location constraint 'cli-ban-%s-on-%s' with a score of "
	       "-INFINITY for resource %s on %s.\n"
	       "\tThis will prevent %s from running on %s until the constraint is removed using "
	       "the clear option or by editing the CIB with an appropriate tool\n"
	       "\tThis will be the case even if %s is the last node in the cluster\n",
	       rsc, node, rsc, node, rsc, node, node);
	fflush(stdout);
}

/* ban RSC NODE */
static void do_ban(struct shell *sh, int argc, char **argv, const char *line)
{
	xmlDoc *doc = NULL;
	xmlNode *loc = NULL;
	char *id = NULL;

	(void)line;
	if (argc < 3) {
		shell_fail(sh, "resource.ban: No target node: Ban requires a node");
		return;
	}
	if ((doc = cibx_query(sh)) == NULL) {
		return;
	}
	if (find_rsc(doc, argv[1]) == NULL) {
		shell_fail(sh, "Resource not found: %s", argv[1]);
		xmlFreeDoc(doc);
		return;
	}
	id = g_strdup_printf("cli-ban-%s-on-%s", argv[1], argv[2]);
	drop_location(constraints(doc), id);
	loc = pcmk_xml_add_child(constraints(doc), "rsc_location");
	pcmk_xml_set_attr(loc, "id", id);
	pcmk_xml_set_attr(loc, "rsc", argv[1]);
	pcmk_xml_set_attr(loc, "role", "Started");
	pcmk_xml_set_attr(loc, "node", argv[2]);
	pcmk_xml_set_attr(loc, "score", "-INFINITY");
	ban_warning(argv[1], argv[2]);
	if (cibx_replace(sh, doc, "configuration") == 0) {
		out_msgf(CRMCONF_INFO, "Ban constraint created for %s to %s", argv[1], argv[2]);
		out_msgf(CRMCONF_INFO, "Use `crm resource clear %s` to remove this constraint",
			 argv[1]);
	}
	g_free(id);
	xmlFreeDoc(doc);
}

/* Whether @loc is one of the constraints move/ban made for @rsc. */
static bool is_cli_constraint(const xmlNode *loc, const char *rsc)
{
	const char *id = pcmk_xml_attr(loc, "id");
	char *prefer = g_strdup_printf("cli-prefer-%s", rsc);
	char *ban = g_strdup_printf("cli-ban-%s-on-", rsc);
	bool yes = (id != NULL) && ((strcmp(id, prefer) == 0) || g_str_has_prefix(id, ban));

	g_free(prefer);
	g_free(ban);
	return yes;
}

static void do_clear(struct shell *sh, int argc, char **argv, const char *line)
{
	xmlDoc *doc = NULL;
	xmlNode *next = NULL;

	(void)line;
	if (argc < 2) {
		shell_fail(sh, "resource.clear: a resource is needed");
		return;
	}
	if ((doc = cibx_query(sh)) == NULL) {
		return;
	}
	for (xmlNode *loc = pcmk_xml_first_child(constraints(doc), "rsc_location"); loc != NULL;
	     loc = next) {
		next = pcmk_xml_next(loc, true);
		if (is_cli_constraint(loc, argv[1])) {
			pcmk_xml_free(loc);
		}
	}
	if (cibx_replace(sh, doc, "configuration") == 0) {
		out_msgf(CRMCONF_INFO, "Removed migration constraints for %s", argv[1]);
	}
	xmlFreeDoc(doc);
}

/* The unpacked cluster of @doc, or NULL with an ERROR. */
static struct pe_cluster *unpack(struct shell *sh, xmlDoc *doc)
{
	struct pe_cluster *c = NULL;
	struct pe_time now = pe_time_now();
	char *error = NULL;

	if (pe_cluster_unpack(xmlDocGetRootElement(doc), &now, &c, &error) < 0) {
		shell_fail(sh, "cannot read the cluster status: %s", error ? error : "");
		g_free(error);
		return NULL;
	}
	return c;
}

static void rsc_where(struct shell *sh, const struct pe_cluster *c, const char *id)
{
	const struct pe_resource *r = pe_resource_find(c, id);
	GString *nodes = g_string_new(NULL);

	if (r == NULL) {
		shell_fail(sh, "Resource not found: %s", id);
		g_string_free(nodes, TRUE);
		return;
	}
	for (guint i = 0; (r->running_on != NULL) && (i < r->running_on->len); i++) {
		const struct pe_node *n = g_ptr_array_index(r->running_on, i);

		g_string_append_printf(nodes, " %s", n->uname);
	}
	if (nodes->len == 0) {
		printf("resource %s is NOT running\n", id);
	} else {
		printf("resource %s is running on:%s\n", id, nodes->str);
	}
	g_string_free(nodes, TRUE);
}

/* status [RSC...]: where they run, or crm_mon's resource list. */
static void do_status(struct shell *sh, int argc, char **argv, const char *line)
{
	xmlDoc *doc = cibx_query(sh);
	struct pe_cluster *c = (doc != NULL) ? unpack(sh, doc) : NULL;
	GString *out = g_string_new(NULL);

	(void)line;
	if (c != NULL && argc > 1) {
		for (int i = 1; i < argc; i++) {
			rsc_where(sh, c, argv[i]);
		}
	} else if (c != NULL) {
		g_string_append(out, "Full List of Resources:\n");
		if (pe_status_text_resources(c, 1, PE_ST_INACTIVE, out) == 0) {
			g_string_append(out, "  * No resources\n");
		}
	}
	fputs(out->str, stdout);
	fflush(stdout);
	g_string_free(out, TRUE);
	pe_cluster_free(c);
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
}

/* param/meta/utilization RSC set|delete|show NAME [VALUE], worded as
 * crm_resource words it. */
struct attr_kind {
	const char *tag;
	const char *suffix;
};

static void attr_set(xmlNode *rsc, const struct attr_kind *k, const char *name, const char *value)
{
	const char *rid = pcmk_xml_attr(rsc, "id");
	char *set_id = g_strdup_printf("%s-%s", rid, k->suffix);
	xmlNode *set = cibx_set(rsc, k->tag, set_id, true);
	bool created = cibx_nv_set(set, name, value);
	xmlNode *nv = cibx_nv_find(set, name);

	if (created) {
		printf("Set '%s' option: id=%s set=%s name=%s value=%s\n", rid,
		       pcmk_xml_attr(nv, "id"), pcmk_xml_attr(set, "id"), name, value);
	} else {
		printf("Set '%s' option: id=%s name=%s value=%s\n", rid, pcmk_xml_attr(nv, "id"),
		       name, value);
	}
	g_free(set_id);
}

/* Returns 1 when the CIB changed. */
static int attr_op(xmlNode *rsc, const struct attr_kind *k, char **argv, int argc)
{
	const char *rid = pcmk_xml_attr(rsc, "id");
	xmlNode *nv = cibx_nv_find(pcmk_xml_first_child(rsc, k->tag), argv[3]);

	if (strcmp(argv[2], "set") == 0) {
		attr_set(rsc, k, argv[3], argc > 4 ? argv[4] : "");
		return 1;
	}
	if (nv == NULL) {
		fprintf(stderr, "Attribute '%s' not found for '%s'\n", argv[3], rid);
		return 0;
	}
	if (strcmp(argv[2], "show") == 0) {
		printf("%s\n", pcmk_xml_attr(nv, "value"));
		return 0;
	}
	printf("Deleted '%s' option: id=%s name=%s\n", rid, pcmk_xml_attr(nv, "id"), argv[3]);
	pcmk_xml_free(nv);
	return 1;
}

static void attr_cmd(struct shell *sh, const struct attr_kind *k, int argc, char **argv)
{
	xmlDoc *doc = NULL;
	xmlNode *rsc = NULL;

	if ((argc < 4) || ((strcmp(argv[2], "set") == 0) && (argc < 5)) ||
	    (strstr("set delete show", argv[2]) == NULL)) {
		shell_fail(sh, "resource.%s: Expected (rsc set|delete|show name [value])", argv[0]);
		return;
	}
	if ((doc = cibx_query(sh)) == NULL) {
		return;
	}
	if ((rsc = find_rsc(doc, argv[1])) == NULL) {
		shell_fail(sh, "Resource not found: %s", argv[1]);
	} else if (attr_op(rsc, k, argv, argc) > 0) {
		fflush(stdout);
		cibx_replace(sh, doc, "configuration");
	}
	fflush(stdout);
	xmlFreeDoc(doc);
}

static void do_param(struct shell *sh, int argc, char **argv, const char *line)
{
	static const struct attr_kind k = { "instance_attributes", "instance_attributes" };

	(void)line;
	attr_cmd(sh, &k, argc, argv);
}

static void do_meta(struct shell *sh, int argc, char **argv, const char *line)
{
	static const struct attr_kind k = { "meta_attributes", "meta_attributes" };

	(void)line;
	attr_cmd(sh, &k, argc, argv);
}

static void do_utilization(struct shell *sh, int argc, char **argv, const char *line)
{
	static const struct attr_kind k = { "utilization", "utilization" };

	(void)line;
	attr_cmd(sh, &k, argc, argv);
}

/* Whether status attribute @name is a fail count or last failure of @rsc
 * (any operation): "fail-count-RSC#monitor_10000". */
static bool is_failure_attr(const char *name, const char *rsc)
{
	static const char *const prefix[] = { "fail-count-", "last-failure-" };

	for (size_t i = 0; i < G_N_ELEMENTS(prefix); i++) {
		size_t l = strlen(prefix[i]);

		if ((strncmp(name, prefix[i], l) == 0) &&
		    ((rsc == NULL) || ((strncmp(name + l, rsc, strlen(rsc)) == 0) &&
				       (strchr("#:", name[l + strlen(rsc)]) != NULL)))) {
			return true;
		}
	}
	return false;
}

/* Whether lrm_resource id @id is @rsc or one of its clone instances. */
static bool is_rsc_history(const char *id, const char *rsc)
{
	size_t l = strlen(rsc);

	return (rsc == NULL) || (strcmp(id, rsc) == 0) ||
	       ((strncmp(id, rsc, l) == 0) && (id[l] == ':'));
}

/* Forget @rsc (NULL: every resource) on node_state @ns.  Returns true
 * when something was removed. */
static bool clean_node(xmlNode *ns, const char *rsc)
{
	bool any = false;
	xmlNode *lrm = pcmk_xml_first_child(pcmk_xml_first_child(ns, "lrm"), "lrm_resources");
	xmlNode *next = NULL;

	for (xmlNode *r = pcmk_xml_first_child(lrm, "lrm_resource"); r != NULL; r = next) {
		next = pcmk_xml_next(r, true);
		if (is_rsc_history(pcmk_xml_attr(r, "id"), rsc)) {
			pcmk_xml_free(r);
			any = true;
		}
	}
	for (xmlNode *ta = pcmk_xml_first_child(ns, "transient_attributes"); ta != NULL;
	     ta = pcmk_xml_next(ta, true)) {
		for (xmlNode *set = pcmk_xml_first_child(ta, "instance_attributes"); set != NULL;
		     set = pcmk_xml_next(set, true)) {
			for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
			     nv = next) {
				next = pcmk_xml_next(nv, true);
				if (is_failure_attr(pcmk_xml_attr(nv, "name"), rsc)) {
					pcmk_xml_free(nv);
					any = true;
				}
			}
		}
	}
	return any;
}

/* cleanup [RSC] [NODE]: the resource's operation history and fail counts
 * leave the status section, so the scheduler probes it again. */
static void do_cleanup(struct shell *sh, int argc, char **argv, const char *line)
{
	const char *rsc = (argc > 1) ? argv[1] : NULL;
	const char *node = (argc > 2) ? argv[2] : NULL;
	xmlDoc *doc = cibx_query(sh);
	xmlNode *status = NULL;
	GString *done = g_string_new(NULL);

	(void)line;
	if ((doc != NULL) && (rsc != NULL) && (find_rsc(doc, rsc) == NULL)) {
		shell_fail(sh, "Resource not found: %s", rsc);
	} else if (doc != NULL) {
		status = pcmk_xml_first_child(xmlDocGetRootElement(doc), "status");
		for (xmlNode *ns = pcmk_xml_first_child(status, "node_state"); ns != NULL;
		     ns = pcmk_xml_next(ns, true)) {
			const char *uname = pcmk_xml_attr(ns, "uname");

			if (((node == NULL) || (g_strcmp0(uname, node) == 0)) &&
			    clean_node(ns, rsc)) {
				g_string_append_printf(done, "Cleaned up %s on %s\n",
						       rsc ? rsc : "all resources", uname);
			}
		}
		if ((done->len > 0) && (cibx_replace(sh, doc, "status") == 0)) {
			fputs(done->str, stdout);
		}
	}
	fflush(stdout);
	g_string_free(done, TRUE);
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
}

static const struct level_cmd resource_cmds[] = {
	{ "start", do_start, "Start resources", "start <rsc> [<rsc> ...]", "%rsc *" },
	{ "stop", do_stop, "Stop resources", "stop <rsc> [<rsc> ...]", "%rsc *" },
	{ "restart", do_restart, "Restart resources", "restart <rsc> [<rsc> ...]", "%rsc *" },
	{ "status", do_status, "Show status of resources", "status [<rsc> ...]", "%rsc *" },
	{ "move", do_move, "Move a resource to another node",
	  "move <rsc> <node> [<lifetime>] [force]", "%rsc %node" },
	{ "ban", do_ban, "Ban a resource from a node", "ban <rsc> <node>", "%rsc %node" },
	{ "clear", do_clear, "Clear any relocation constraint", "clear <rsc>", "%rsc" },
	{ "cleanup", do_cleanup, "Cleanup resource status", "cleanup [<rsc>] [<node>]",
	  "%rsc %node" },
	{ "manage", do_manage, "Put a resource into managed mode", "manage <rsc> [<rsc> ...]",
	  "%rsc *" },
	{ "unmanage", do_unmanage, "Put a resource into unmanaged mode",
	  "unmanage <rsc> [<rsc> ...]", "%rsc *" },
	{ "param", do_param, "Manage a parameter of a resource",
	  "param <rsc> set|delete|show <param> [<value>]", "%rsc set|delete|show" },
	{ "meta", do_meta, "Manage a meta attribute", "meta <rsc> set|delete|show <attr> [<value>]",
	  "%rsc set|delete|show" },
	{ "utilization", do_utilization, "Manage a utilization attribute",
	  "utilization <rsc> set|delete|show <attr> [<value>]", "%rsc set|delete|show" },
};

const struct level_def level_resource = { "resource", "Resource management", resource_cmds,
					  G_N_ELEMENTS(resource_cmds) };
