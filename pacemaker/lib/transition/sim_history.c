/*
 * Operation history in the CIB status, recorded the way the controller
 * records executor results (and crm_simulate fakes them): which
 * lrm_rsc_op entry a result lands in, its transition key and magic, the
 * call id that orders it after the older entries, and the digest of the
 * parameters it ran with.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include <crm/cib/digest.h>
#include <crm/cib/ops.h>
#include <crm/common/xml.h>

#include "sim_private.h"

/* The transition UUID of results no transition engine produced. */
#define FAKE_TE_ID "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"

static xmlNode *child_or_new(xmlNode *parent, const char *name, const char *id)
{
	xmlNode *c = pcmk_xml_first_child(parent, name);

	if (c == NULL) {
		c = sim_add_child(parent, name);
		if (c != NULL && id != NULL) {
			pcmk_xml_set_attr(c, "id", id);
		}
	}
	return c;
}

xmlNode *sim_lrm_resource(struct sim_lrm_index *index, xmlNode *state, const char *id,
			  const char *alt_id, const char *rclass, const char *provider,
			  const char *type, const char **why)
{
	xmlNode *rsc = sim_lrm_index_find(index, state, id);
	xmlNode *list = NULL;

	if (rsc == NULL && strcmp(id, alt_id) != 0) {
		rsc = sim_lrm_index_find(index, state, alt_id);
	}
	if (rsc != NULL) {
		return rsc;
	}
	if (rclass == NULL || type == NULL) {
		*why = "class and type of the agent are unknown";
		return NULL;
	}
	if (provider == NULL && strcmp(rclass, "ocf") == 0) {
		*why = "an ocf agent needs a provider";
		return NULL;
	}
	list = child_or_new(child_or_new(state, "lrm", pcmk_xml_attr(state, "id")), "lrm_resources",
			    NULL);
	rsc = sim_add_child(list, "lrm_resource");
	if (rsc == NULL) {
		*why = "out of memory";
		return NULL;
	}
	pcmk_xml_set_attr(rsc, "id", alt_id);
	pcmk_xml_set_attr(rsc, "class", rclass);
	if (provider != NULL) {
		pcmk_xml_set_attr(rsc, "provider", provider);
	}
	pcmk_xml_set_attr(rsc, "type", type);
	sim_lrm_index_add(index, state, rsc);
	return rsc;
}

/* Attributes that never enter the parameter digest besides CRM_meta_*. */
static const char *const digest_skip[] = {
	"id", "crm_feature_set", "op-digest", "on_node", "on_node_uuid", "pcmk_external_ip",
};

static bool digest_keeps(const char *name, bool recurring)
{
	if (strncmp(name, "CRM_meta_", 9) == 0) {
		/* A recurring op's timeout is part of what it checks. */
		return recurring && strcmp(name, "CRM_meta_timeout") == 0;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(digest_skip); i++) {
		if (strcmp(name, digest_skip[i]) == 0) {
			return false;
		}
	}
	return true;
}

static void add_param(GTree *sorted, const char *name, const char *value, bool recurring)
{
	if (name != NULL && value != NULL && digest_keeps(name, recurring)) {
		g_tree_replace(sorted, (gpointer)name, (gpointer)value);
	}
}

static gboolean set_param(gpointer name, gpointer value, gpointer element)
{
	/* xmlSetProp(), not pcmk_xml_set_attr(): old graphs carry parameters
	 * named "1", "2", ... that pacemaker hashes although they are no XML
	 * names. */
	return xmlSetProp(element, name, value) == NULL;
}

/* md5 of the parameters as <parameters a="..".../>, names sorted, as
 * pacemaker computes op-digest.  The parameters are the attributes of
 * <attributes> and, from old graphs, its <param name= value=> children. */
static int params_digest(const xmlNode *params, unsigned int interval_ms, char out[CIB_DIGEST_SIZE])
{
	GTree *sorted = g_tree_new((GCompareFunc)strcmp);
	xmlNode *p = pcmk_xml_new_root("parameters");
	int rc = -ENOMEM;

	for (xmlAttr *a = params->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;

		add_param(sorted, name, pcmk_xml_attr(params, name), interval_ms > 0);
	}
	for (xmlNode *c = pcmk_xml_first_child(params, "param"); c != NULL;
	     c = pcmk_xml_next(c, true)) {
		add_param(sorted, pcmk_xml_attr(c, "name"), pcmk_xml_attr(c, "value"),
			  interval_ms > 0);
	}
	if (p != NULL) {
		g_tree_foreach(sorted, set_param, p);
		rc = cib_digest_on_disk(p, out);
	}
	g_tree_destroy(sorted);
	pcmk_xml_free(p);
	return rc;
}

/* Highest call-id among the entries of @rsc, plus one. */
static int next_call_id(const xmlNode *rsc)
{
	long long max = 0;

	for (xmlNode *op = pcmk_xml_first_child(rsc, NULL); op != NULL;
	     op = pcmk_xml_next(op, false)) {
		long long v = 0;

		if (pcmk_xml_attr_int(op, "call-id", &v) == 0 && v > max) {
			max = v;
		}
	}
	return (int)max + 1;
}

static char *op_key(const char *rsc, const char *task, unsigned int interval_ms)
{
	char *key = NULL;

	return (asprintf(&key, "%s_%s_%u", rsc, task, interval_ms) < 0) ? NULL : key;
}

/* Where a result is kept: notifications and migrations under their own
 * key, failures as last_failure (one-time ops also as last), recurring
 * ops under their key, other one-time ops as last. */
static int entry_ids(const struct sim_op *op, int rc, char *ids[2])
{
	const char *type = pcmk_xml_attr(op->params, "CRM_meta_notify_type");
	const char *n_op = pcmk_xml_attr(op->params, "CRM_meta_notify_operation");
	int n = 0;

	if (strcmp(op->task, "notify") == 0) {
		n = asprintf(&ids[0], "%s_%s_notify_%s_0", op->rsc, type ? type : "",
			     n_op ? n_op : "");
	} else if (strcmp(op->task, "migrate_to") == 0 || strcmp(op->task, "migrate_from") == 0 ||
		   (rc == op->target_rc && op->interval_ms > 0)) {
		ids[0] = op_key(op->rsc, op->task, op->interval_ms);
	} else if (rc != op->target_rc) {
		ids[0] = op_key(op->rsc, "last_failure", 0);
		ids[1] = (op->interval_ms == 0) ? op_key(op->rsc, "last", 0) : NULL;
	} else {
		ids[0] = op_key(op->rsc, "last", 0);
	}
	return (n < 0 || ids[0] == NULL) ? -ENOMEM : 0;
}

static xmlNode *entry(xmlNode *rsc, const char *id)
{
	for (xmlNode *op = pcmk_xml_first_child(rsc, "lrm_rsc_op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		const char *v = pcmk_xml_attr(op, "id");

		if (v != NULL && strcmp(v, id) == 0) {
			return op;
		}
	}
	return sim_add_child(rsc, "lrm_rsc_op");
}

static void set_fmt(xmlNode *node, const char *name, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void set_fmt(xmlNode *node, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *v = NULL;

	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) >= 0) {
		pcmk_xml_set_attr(node, name, v);
		free(v);
	}
	va_end(ap);
}

static void fill_entry(xmlNode *e, const char *id, const struct sim_op *op, int rc, int call_id,
		       const char *digest)
{
	char *key = op_key(op->rsc, op->task, op->interval_ms);
	char tkey[128];

	snprintf(tkey, sizeof(tkey), "%d:-1:%d:" FAKE_TE_ID, call_id, op->target_rc);
	pcmk_xml_set_attr(e, "id", id);
	pcmk_xml_set_attr(e, "operation_key", key);
	pcmk_xml_set_attr(e, "operation", op->task);
	pcmk_xml_set_attr(e, "crm-debug-origin", SIM_ORIGIN);
	pcmk_xml_set_attr(e, "crm_feature_set", CIB_FEATURE_SET);
	pcmk_xml_set_attr(e, "transition-key", tkey);
	set_fmt(e, "transition-magic", "0:%d;%s", rc, tkey);
	pcmk_xml_set_attr(e, "exit-reason",
			  (rc != op->target_rc && op->exit_reason) ? op->exit_reason : "");
	pcmk_xml_set_attr_int(e, "call-id", call_id);
	pcmk_xml_set_attr_int(e, "rc-code", rc);
	pcmk_xml_set_attr(e, "op-status", "0");
	pcmk_xml_set_attr_int(e, "interval", op->interval_ms);
	pcmk_xml_set_attr_int(e, "last-rc-change", (long long)op->now);
	pcmk_xml_set_attr(e, "exec-time", "0");
	pcmk_xml_set_attr(e, "queue-time", "0");
	if (strncmp(op->task, "migrate_", 8) == 0) {
		const char *src = pcmk_xml_attr(op->params, "CRM_meta_migrate_source");
		const char *dst = pcmk_xml_attr(op->params, "CRM_meta_migrate_target");

		if (src != NULL) {
			pcmk_xml_set_attr(e, "migrate_source", src);
		}
		if (dst != NULL) {
			pcmk_xml_set_attr(e, "migrate_target", dst);
		}
	}
	if (digest != NULL) {
		pcmk_xml_set_attr(e, "op-digest", digest);
	}
	free(key);
}

/* A completed reload leaves the resource as a start would, and is
 * recorded as one. */
static const char *recorded_task(const char *task)
{
	return (strcmp(task, "reload") == 0 || strcmp(task, "reload-agent") == 0) ? "start" : task;
}

int sim_history_record(xmlNode *lrm_resource, const struct sim_op *result)
{
	char digest[CIB_DIGEST_SIZE];
	char *ids[2] = { NULL, NULL };
	struct sim_op rec = *result;
	const struct sim_op *op = &rec;
	int call_id = next_call_id(lrm_resource);
	/* Failed notifications are not held against the resource. */
	int rc = (strcmp(op->task, "notify") == 0) ? 0 : op->rc;
	bool has_digest =
		(op->params != NULL && params_digest(op->params, op->interval_ms, digest) == 0);

	rec.task = recorded_task(result->task);
	if (entry_ids(op, rc, ids) < 0) {
		free(ids[0]);
		return -ENOMEM;
	}
	for (int i = 0; i < 2 && ids[i] != NULL; i++) {
		xmlNode *e = entry(lrm_resource, ids[i]);

		if (e == NULL) {
			free(ids[0]);
			free(ids[1]);
			return -ENOMEM;
		}
		fill_entry(e, ids[i], op, rc, call_id, has_digest ? digest : NULL);
	}
	free(ids[0]);
	free(ids[1]);
	return 0;
}
