/*
 * The crm shell's semantic checks before a commit.  Findings are sorted
 * by the id of the object they concern (crmsh checks objects in id
 * order), keeping the order found within one object.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/xml.h>

#include "crmconf_int.h"

struct finding {
	char *key;
	guint seq;
	enum crmconf_level level;
	char *text;
};

struct checker {
	xmlDoc *cib;
	const struct crmconf_options *opts;
	GPtrArray *found; /* struct finding * */
};

static void add(struct checker *c, const char *key, enum crmconf_level level, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(struct checker *c, const char *key, enum crmconf_level level, const char *fmt, ...)
{
	struct finding *f = g_new0(struct finding, 1);
	va_list ap;

	f->key = g_strdup(key);
	f->seq = c->found->len;
	f->level = level;
	va_start(ap, fmt);
	f->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(c->found, f);
}

/* Meta attributes crmsh knows for resources. */
static const char *const rsc_meta[] = {
	"allow-migrate",
	"allow-unhealthy-nodes",
	"container-attribute-target",
	"critical",
	"description",
	"failure-timeout",
	"is-managed",
	"maintenance",
	"migration-threshold",
	"multiple-active",
	"priority",
	"remote-addr",
	"remote-connect-timeout",
	"remote-node",
	"remote-port",
	"requires",
	"resource-stickiness",
	"restart-type",
	"target-role",
	"notify",
	"globally-unique",
	"clone-max",
	"clone-node-max",
	"clone-min",
	"interleave",
	"ordered",
	"promotable",
	"promoted-max",
	"promoted-node-max",
	"master-max",
	"master-node-max",
	"record-pending",
	"trace_ra",
	"trace_file",
	NULL,
};

/* Cluster options of pacemaker 2.1. */
static const char *const cluster_options[] = {
	"batch-limit",
	"cluster-delay",
	"cluster-infrastructure",
	"cluster-ipc-limit",
	"cluster-name",
	"cluster-recheck-interval",
	"concurrent-fencing",
	"dc-deadtime",
	"dc-version",
	"election-timeout",
	"enable-acl",
	"enable-startup-probes",
	"fence-reaction",
	"have-watchdog",
	"join-finalization-timeout",
	"join-integration-timeout",
	"last-lrm-refresh",
	"load-threshold",
	"maintenance-mode",
	"migration-limit",
	"no-quorum-policy",
	"node-action-limit",
	"node-health-base",
	"node-health-green",
	"node-health-red",
	"node-health-strategy",
	"node-health-yellow",
	"pe-error-series-max",
	"pe-input-series-max",
	"pe-warn-series-max",
	"placement-strategy",
	"priority-fencing-delay",
	"remove-after-stop",
	"shutdown-escalation",
	"shutdown-lock",
	"shutdown-lock-limit",
	"start-failure-is-fatal",
	"startup-fencing",
	"stonith-action",
	"stonith-enabled",
	"stonith-max-attempts",
	"stonith-timeout",
	"stonith-watchdog-timeout",
	"stop-all-resources",
	"stop-orphan-actions",
	"stop-orphan-resources",
	"symmetric-cluster",
	"transition-delay",
	NULL,
};

static bool in_list(const char *const *list, const char *w)
{
	for (size_t i = 0; (w != NULL) && (list[i] != NULL); i++) {
		if (strcmp(list[i], w) == 0) {
			return true;
		}
	}
	return false;
}

static bool node_exists(xmlDoc *cib, const char *uname)
{
	for (xmlNode *n = pcmk_xml_first_child(cib_section(cib, "nodes", false), "node"); n != NULL;
	     n = pcmk_xml_next(n, true)) {
		if (g_strcmp0(pcmk_xml_attr(n, "uname"), uname) == 0) {
			return true;
		}
	}
	return false;
}

static bool rsc_exists(xmlDoc *cib, const char *id)
{
	xmlNode *o = cib_find_object(cib, id);

	return cib_is_resource(o) || pcmk_xml_is(o, "tag") || pcmk_xml_is(o, "template");
}

static void check_node_ref(struct checker *c, const char *id, const char *node)
{
	if ((node != NULL) && !node_exists(c->cib, node)) {
		add(c, id, CRMCONF_WARNING, "%s: referenced node %s does not exist", id, node);
	}
}

static void check_rsc_ref(struct checker *c, const char *id, const char *rsc)
{
	if ((rsc != NULL) && !rsc_exists(c->cib, rsc)) {
		add(c, id, CRMCONF_WARNING, "%s: resource %s does not exist", id, rsc);
	}
}

static void check_location(struct checker *c, const xmlNode *loc)
{
	const char *id = pcmk_xml_attr(loc, "id");

	check_node_ref(c, id, pcmk_xml_attr(loc, "node"));
	for (xmlNode *r = pcmk_xml_first_child(loc, "rule"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		for (xmlNode *e = pcmk_xml_first_child(r, "expression"); e != NULL;
		     e = pcmk_xml_next(e, true)) {
			if ((g_strcmp0(pcmk_xml_attr(e, "attribute"), "#uname") == 0) &&
			    (g_strcmp0(pcmk_xml_attr(e, "operation"), "eq") == 0)) {
				check_node_ref(c, id, pcmk_xml_attr(e, "value"));
			}
		}
	}
	check_rsc_ref(c, id, pcmk_xml_attr(loc, "rsc"));
}

static void check_constraint(struct checker *c, const xmlNode *cons)
{
	static const char *const ends[] = { "rsc", "with-rsc", "first", "then", NULL };
	const char *id = pcmk_xml_attr(cons, "id");

	if (pcmk_xml_is(cons, "rsc_location")) {
		check_location(c, cons);
		return;
	}
	for (size_t i = 0; ends[i] != NULL; i++) {
		check_rsc_ref(c, id, pcmk_xml_attr(cons, ends[i]));
	}
	for (xmlNode *s = pcmk_xml_first_child(cons, "resource_set"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		for (xmlNode *r = pcmk_xml_first_child(s, "resource_ref"); r != NULL;
		     r = pcmk_xml_next(r, true)) {
			check_rsc_ref(c, id, pcmk_xml_attr(r, "id"));
		}
	}
}

static void check_meta(struct checker *c, const xmlNode *rsc)
{
	const char *id = pcmk_xml_attr(rsc, "id");

	for (xmlNode *s = pcmk_xml_first_child(rsc, "meta_attributes"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		for (xmlNode *nv = pcmk_xml_first_child(s, "nvpair"); nv != NULL;
		     nv = pcmk_xml_next(nv, true)) {
			if (!in_list(rsc_meta, pcmk_xml_attr(nv, "name"))) {
				add(c, id, CRMCONF_WARNING, "%s: unknown attribute '%s'", id,
				    pcmk_xml_attr(nv, "name"));
			}
		}
	}
}

static void check_op(struct checker *c, const char *id, const struct agent_meta *m,
		     const xmlNode *op)
{
	const char *name = pcmk_xml_attr(op, "name");
	const char *advised = agent_meta_action_timeout(m, name, pcmk_xml_attr(op, "role"));
	const char *timeout = pcmk_xml_attr(op, "timeout");
	long long want = 0, have = 0;

	if (advised == NULL) {
		add(c, id, CRMCONF_WARNING, "%s: action '%s' not found in Resource Agent meta-data",
		    id, name);
		return;
	}
	if ((timeout != NULL) && (pcmk_parse_ms(timeout, &have) == 0) &&
	    (pcmk_parse_ms(advised, &want) == 0) && (have < want)) {
		add(c, id, CRMCONF_WARNING,
		    "%s: specified timeout %s for %s is smaller than the advised %s", id, timeout,
		    name, advised);
	}
}

static void check_params(struct checker *c, const char *id, const struct agent_meta *m,
			 const xmlNode *prim, bool stonith)
{
	const xmlNode *set = pcmk_xml_first_child(prim, "instance_attributes");

	for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
	     nv = pcmk_xml_next(nv, true)) {
		const char *name = pcmk_xml_attr(nv, "name");

		if (!agent_meta_has_param(m, name) &&
		    !(stonith && g_str_has_prefix(name, "pcmk_"))) {
			add(c, id, CRMCONF_ERROR, "%s: parameter \"%s\" is not known", id, name);
		}
	}
	for (const char *const *r = agent_meta_required(m); *r != NULL; r++) {
		if (nv_get(set, *r) == NULL) {
			add(c, id, CRMCONF_ERROR, "%s: required parameter \"%s\" not defined", id,
			    *r);
		}
	}
}

static void check_primitive(struct checker *c, const xmlNode *prim)
{
	const char *id = pcmk_xml_attr(prim, "id");
	const char *cls = pcmk_xml_attr(prim, "class");
	char *spec = NULL;
	bool exists = false;
	const struct agent_meta *m = NULL;

	if (cls == NULL) {
		return; /* from a template */
	}
	m = agent_meta_get(cls, pcmk_xml_attr(prim, "provider"), pcmk_xml_attr(prim, "type"),
			   &exists);
	check_meta(c, prim);
	spec = agent_spec(cls, pcmk_xml_attr(prim, "provider"), pcmk_xml_attr(prim, "type"));
	if (!exists && !c->opts->ignore_missing_metadata) {
		/* crmsh asks for the meta-data twice before it gives up */
		add(c, id, CRMCONF_ERROR, "%s: got no meta-data, does this RA exist?", spec);
		add(c, id, CRMCONF_ERROR, "%s: got no meta-data, does this RA exist?", spec);
		add(c, id, CRMCONF_ERROR, "%s: no such resource agent", spec);
	}
	g_free(spec);
	if (m == NULL) {
		return;
	}
	for (xmlNode *op = pcmk_xml_first_child(pcmk_xml_first_child(prim, "operations"), "op");
	     op != NULL; op = pcmk_xml_next(op, true)) {
		check_op(c, id, m, op);
	}
	check_params(c, id, m, prim, g_strcmp0(cls, "stonith") == 0);
}

static void check_resources(struct checker *c, xmlNode *parent)
{
	for (xmlNode *r = pcmk_xml_first_child(parent, NULL); r != NULL;
	     r = pcmk_xml_next(r, false)) {
		if (pcmk_xml_is(r, "primitive")) {
			check_primitive(c, r);
		} else if (cib_is_resource(r)) {
			check_meta(c, r);
			check_resources(c, r);
		}
	}
}

static void check_properties(struct checker *c)
{
	for (xmlNode *s = pcmk_xml_first_child(cib_section(c->cib, "crm_config", false),
					       "cluster_property_set");
	     s != NULL; s = pcmk_xml_next(s, true)) {
		for (xmlNode *nv = pcmk_xml_first_child(s, "nvpair"); nv != NULL;
		     nv = pcmk_xml_next(nv, true)) {
			if (!in_list(cluster_options, pcmk_xml_attr(nv, "name"))) {
				add(c, pcmk_xml_attr(s, "id"), CRMCONF_WARNING,
				    "%s: unknown attribute '%s'", pcmk_xml_attr(s, "id"),
				    pcmk_xml_attr(nv, "name"));
			}
		}
	}
}

static void check_topology(struct checker *c)
{
	for (xmlNode *l = pcmk_xml_first_child(cib_section(c->cib, "fencing-topology", false),
					       "fencing-level");
	     l != NULL; l = pcmk_xml_next(l, true)) {
		const char *t = pcmk_xml_attr(l, "target");

		if ((t != NULL) && !node_exists(c->cib, t)) {
			add(c, "fencing_topology", CRMCONF_WARNING,
			    "fencing_topology: target %s not a node", t);
		}
	}
}

static gint by_key(gconstpointer a, gconstpointer b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int r = strcmp(x->key, y->key);

	return (r != 0) ? r : ((x->seq < y->seq) ? -1 : (x->seq > y->seq));
}

static void finding_free(gpointer data)
{
	struct finding *f = data;

	g_free(f->key);
	g_free(f->text);
	g_free(f);
}

int crmconf_check(xmlDoc *cib, const struct crmconf_options *opts, struct crmconf_msgs *msgs)
{
	static const struct crmconf_options none = { 0 };
	struct checker c = { cib, (opts != NULL) ? opts : &none,
			     g_ptr_array_new_with_free_func(finding_free) };
	int errors = 0;

	check_properties(&c);
	check_resources(&c, cib_section(cib, "resources", false));
	for (xmlNode *k = pcmk_xml_first_child(cib_section(cib, "constraints", false), NULL);
	     k != NULL; k = pcmk_xml_next(k, false)) {
		check_constraint(&c, k);
	}
	check_topology(&c);
	g_ptr_array_sort(c.found, by_key);
	for (guint i = 0; i < c.found->len; i++) {
		struct finding *f = g_ptr_array_index(c.found, i);

		crmconf_msgs_add(msgs, f->level, "%s", f->text);
		errors += (f->level == CRMCONF_ERROR);
	}
	g_ptr_array_free(c.found, TRUE);
	return errors;
}

void crmconf_check_new(const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		       struct crmconf_msgs *msgs)
{
	const xmlNode *x = cmd->xml;
	bool exists = false;
	char *spec = NULL;

	if (!pcmk_xml_is(x, "primitive") || (pcmk_xml_attr(x, "class") == NULL) ||
	    opts->ignore_missing_metadata) {
		return;
	}
	agent_meta_get(pcmk_xml_attr(x, "class"), pcmk_xml_attr(x, "provider"),
		       pcmk_xml_attr(x, "type"), &exists);
	if (!exists) {
		spec = agent_spec(pcmk_xml_attr(x, "class"), pcmk_xml_attr(x, "provider"),
				  pcmk_xml_attr(x, "type"));
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "%s: got no meta-data, does this RA exist?",
				 spec);
		g_free(spec);
	}
}
