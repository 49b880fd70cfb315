/*
 * Fail counts crm_simulate injects for failed results: transient node
 * attributes fail-count-RSC#TASK_INTERVAL (incremented, as attrd would)
 * and last-failure-RSC#TASK_INTERVAL (the time of the failure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "sim_private.h"

static xmlNode *child_or_new(xmlNode *parent, const char *name, const char *id)
{
	xmlNode *c = pcmk_xml_first_child(parent, name);

	if (c == NULL && (c = sim_add_child(parent, name)) != NULL) {
		pcmk_xml_set_attr(c, "id", id);
	}
	return c;
}

/* nvpair ids cannot hold ':' or '#'. */
static void sanitize_id(char *id)
{
	for (char *p = id; *p != '\0'; p++) {
		if (*p == ':' || *p == '#') {
			*p = '.';
		}
	}
}

static xmlNode *nvpair(xmlNode *set, const char *id)
{
	for (xmlNode *p = pcmk_xml_first_child(set, "nvpair"); p != NULL;
	     p = pcmk_xml_next(p, true)) {
		const char *v = pcmk_xml_attr(p, "id");

		if (v != NULL && strcmp(v, id) == 0) {
			return p;
		}
	}
	return NULL;
}

/* Set transient attribute @name; @increment adds one to the old value
 * (crm_simulate writes "value++" and the CIB expands it). */
static void set_transient(xmlNode *state, const char *name, const char *value, bool increment,
			  FILE *out)
{
	const char *uuid = pcmk_xml_attr(state, "id");
	xmlNode *set = child_or_new(child_or_new(state, "transient_attributes", uuid),
				    "instance_attributes", uuid);
	xmlNode *pair = NULL;
	char *id = NULL;

	if (out != NULL) {
		fprintf(out, "  * Injecting attribute %s=%s into /node_state '%s'\n", name,
			increment ? "value++" : value, uuid ? uuid : "");
	}
	if (set == NULL || asprintf(&id, "%s-%s", uuid ? uuid : "", name) < 0) {
		return;
	}
	sanitize_id(id);
	pair = nvpair(set, id);
	if (pair == NULL && (pair = sim_add_child(set, "nvpair")) != NULL) {
		pcmk_xml_set_attr(pair, "id", id);
		pcmk_xml_set_attr(pair, "name", name);
	}
	if (pair != NULL && increment) {
		long long old = 0;

		pcmk_xml_attr_int(pair, "value", &old);
		pcmk_xml_set_attr_int(pair, "value", old + 1);
	} else if (pair != NULL) {
		pcmk_xml_set_attr(pair, "value", value);
	}
	free(id);
}

void sim_inject_failcount(xmlNode *state, const char *rsc, const struct sim_op *op, FILE *out)
{
	char *name = NULL;
	char now[32];

	if (op->rc == 0 || (op->rc == 7 && op->interval_ms == 0)) {
		return;
	}
	snprintf(now, sizeof(now), "%lld", (long long)op->now);
	if (asprintf(&name, "fail-count-%s#%s_%u", rsc, op->task, op->interval_ms) >= 0) {
		set_transient(state, name, NULL, true, out);
		free(name);
	}
	if (asprintf(&name, "last-failure-%s#%s_%u", rsc, op->task, op->interval_ms) >= 0) {
		set_transient(state, name, now, false, out);
		free(name);
	}
}
