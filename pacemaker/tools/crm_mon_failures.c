/*
 * "Failed Resource Actions": the failed operations recorded in the status
 * section, in its order, one line each.  A failure counts as the
 * scheduler counts it: not a masked probe result, not expired by
 * failure-timeout, and only on nodes that are up.
 */
#include <stdio.h>
#include <string.h>

#include <crm/common/xml.h>
#include <crm/pengine/status_text.h>

#include "crm_mon.h"

/* Operation execution states (op-status) as pacemaker names them. */
enum {
	EXEC_PENDING = -1,
	EXEC_DONE = 0,
	EXEC_CANCELLED = 1,
	EXEC_NOT_SUPPORTED = 3,
	EXEC_ERROR = 4
};

const char *mon_exec_status_text(long long status)
{
	static const char *const texts[] = {
		"complete",      "Cancelled",         "Timed Out",   "NOT SUPPORTED",
		"Error",         "Hard error",        "Fatal error", "NOT INSTALLED",
		"Not connected", "Invalid parameter", "Unsupported", "Not found",
	};

	if (status == EXEC_PENDING) {
		return "pending";
	}
	return (status >= 0 && status < (long long)G_N_ELEMENTS(texts)) ? texts[status] : "UNKNOWN";
}

static long long op_ll(const xmlNode *op, const char *name, long long dflt)
{
	long long v = dflt;

	return pcmk_xml_attr_int(op, name, &v) == 0 ? v : dflt;
}

static bool op_is_probe(const xmlNode *op)
{
	return g_strcmp0(pcmk_xml_attr(op, "operation"), "monitor") == 0 &&
	       op_ll(op, "interval", 0) == 0;
}

/* The rc the controller expected (from the transition key), or -1. */
static long long expected_rc(const xmlNode *op)
{
	const char *key = pcmk_xml_attr(op, "transition-key");
	int action, transition, target;

	if (key != NULL && sscanf(key, "%d:%d:%d:", &action, &transition, &target) == 3) {
		return target;
	}
	return -1;
}

static bool rc_failed(const xmlNode *op)
{
	long long rc = op_ll(op, "rc-code", 0);
	long long target = expected_rc(op);
	bool probe = op_is_probe(op);

	if (probe && (rc == 0 || rc == 7 || rc == 8)) {
		return false;
	}
	if (rc == 7 && g_strcmp0(pcmk_xml_attr(op, "operation"), "stop") == 0) {
		return false;
	}
	return rc != (target >= 0 ? target : (probe ? 7 : 0));
}

static bool op_failed(const xmlNode *op)
{
	long long status = op_ll(op, "op-status", EXEC_DONE);
	long long rc = op_ll(op, "rc-code", 0);
	const char *task = pcmk_xml_attr(op, "operation");

	if (task == NULL || strcmp(task, "notify") == 0 || status == EXEC_PENDING ||
	    status == EXEC_CANCELLED || status == EXEC_NOT_SUPPORTED) {
		return false;
	}
	/* A probe finding the agent or its parameters missing says where the
	 * resource cannot run; it is not shown as a failure. */
	if (op_is_probe(op) && (rc == 5 || rc == 2 || status == 7)) {
		return false;
	}
	if (status == EXEC_DONE || status == EXEC_ERROR) {
		return rc_failed(op);
	}
	return true;
}

static bool op_expired(const struct pe_cluster *c, const struct pe_resource *rsc,
		       const struct pe_node *node, const xmlNode *op)
{
	long long changed = op_ll(op, "last-rc-change", 0);

	return rsc != NULL && rsc->failure_timeout > 0 && changed > 0 &&
	       c->now.seconds >= changed + rsc->failure_timeout &&
	       pe_rsc_fail_count(c, rsc, node, NULL, true) == 0;
}

static bool seen_before(const struct pe_cluster *c, GPtrArray *list, const xmlNode *op,
			const char *node_name)
{
	for (guint i = 0; i < list->len; i++) {
		const xmlNode *o = list->pdata[i];

		if (g_strcmp0(pcmk_xml_attr(o, "operation_key"),
			      pcmk_xml_attr(op, "operation_key")) == 0 &&
		    g_strcmp0(mon_op_node(c, o), node_name) == 0) {
			return true;
		}
	}
	return false;
}

static void node_failures(const struct pe_cluster *c, const struct pe_node *node, xmlNode *state,
			  GPtrArray *list)
{
	xmlNode *lrm = pcmk_xml_first_child(pcmk_xml_first_child(state, "lrm"), "lrm_resources");

	for (xmlNode *r = pcmk_xml_first_child(lrm, "lrm_resource"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		GPtrArray *ops = NULL;
		const struct pe_resource *rsc = NULL;

		mon_history_ops(c, node, r, &rsc, &ops, false);
		for (guint i = 0; i < ops->len; i++) {
			xmlNode *op = ops->pdata[i];

			if (op_failed(op) && !op_expired(c, rsc, node, op) &&
			    !seen_before(c, list, op, node->uname)) {
				g_ptr_array_add(list, op);
			}
		}
		g_ptr_array_free(ops, TRUE);
	}
}

GPtrArray *mon_failed_ops(const struct pe_cluster *c)
{
	GPtrArray *list = g_ptr_array_new();
	xmlNode *status = pcmk_xml_first_child(c->cib, "status");

	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		const struct pe_node *node = pe_node_find_id(c, pcmk_xml_attr(s, "id"));

		if (node != NULL && node->online) {
			node_failures(c, node, s, list);
		}
	}
	return list;
}

/* The resource id in an operation key "RSC_TASK_INTERVAL": what comes
 * before the last "_TASK_". */
const char *mon_op_rsc_id(const xmlNode *op, char *buf, size_t len)
{
	const char *key = pcmk_xml_attr(op, "operation_key");
	const char *task = pcmk_xml_attr(op, "operation");
	char *suffix, *last = NULL;

	if (key == NULL) {
		key = pcmk_xml_attr(op, "id");
	}
	if (key == NULL || task == NULL) {
		return key != NULL ? key : "unknown resource";
	}
	g_strlcpy(buf, key, len);
	suffix = g_strdup_printf("_%s_", task);
	for (char *p = strstr(buf, suffix); p != NULL; p = strstr(p + 1, suffix)) {
		last = p;
	}
	if (last != NULL) {
		*last = '\0';
	}
	g_free(suffix);
	return buf;
}

/* The node an operation ran on: its on_node, else its node_state's. */
const char *mon_op_node(const struct pe_cluster *c, const xmlNode *op)
{
	const char *name = pcmk_xml_attr(op, "on_node");
	const xmlNode *state = op;
	const struct pe_node *node;

	/* lrm_rsc_op < lrm_resource < lrm_resources < lrm < node_state */
	for (int i = 0; i < 4 && state != NULL; i++) {
		state = state->parent;
	}
	if (name == NULL && state != NULL) {
		node = pe_node_find_id(c, pcmk_xml_attr(state, "id"));
		name = node != NULL ? node->uname : pcmk_xml_attr(state, "uname");
	}
	return name == NULL ? "unknown" : name;
}

static void add_times(const xmlNode *op, GString *line)
{
	long long changed = op_ll(op, "last-rc-change", 0);
	long long exec_ms = op_ll(op, "exec-time", 0);
	char text[64];

	if (changed > 0) {
		mon_time_text(changed, text, sizeof(text));
		g_string_append_printf(line, " at %s", text);
	}
	if (exec_ms > 0) {
		mon_interval_text(exec_ms, text, sizeof(text));
		g_string_append_printf(line, " after %s", text);
	}
}

void mon_failed_action_text(const struct pe_cluster *c, const xmlNode *op, GString *line)
{
	long long interval = op_ll(op, "interval", 0);
	long long status = op_ll(op, "op-status", EXEC_DONE);
	const char *reason = pcmk_xml_attr(op, "exit-reason");
	char id[256], text[64];

	g_string_append_printf(line, "%s ", mon_op_rsc_id(op, id, sizeof(id)));
	if (interval > 0) {
		mon_interval_text(interval, text, sizeof(text));
		g_string_append_printf(line, "%s-interval ", text);
	}
	g_string_append_printf(line, "%s on %s", mon_op_task(op), mon_op_node(c, op));
	if (status == EXEC_DONE) {
		g_string_append_printf(line, " returned '%s'",
				       pe_status_ocf_rc_text(op_ll(op, "rc-code", 0)));
		if (reason != NULL && *reason != '\0') {
			g_string_append_printf(line, " (%s)", reason);
		}
	} else {
		g_string_append_printf(line, " could not be executed (%s",
				       mon_exec_status_text(status));
		if (reason != NULL && *reason != '\0') {
			g_string_append_printf(line, ": %s", reason);
		}
		g_string_append_c(line, ')');
	}
	add_times(op, line);
}

void mon_failures_text(const struct pe_cluster *c, GString *out)
{
	GPtrArray *ops = mon_failed_ops(c);

	if (ops->len > 0) {
		mon_item(out, 0, "\nFailed Resource Actions:");
	}
	for (guint i = 0; i < ops->len; i++) {
		GString *line = g_string_new(NULL);

		mon_failed_action_text(c, ops->pdata[i], line);
		mon_item(out, 1, "%s", line->str);
		g_string_free(line, TRUE);
	}
	g_ptr_array_free(ops, TRUE);
}
