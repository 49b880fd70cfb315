/*
 * crm_simulate -i: a result recorded as if the executor had reported
 * it.  Unlike a graph action, the spec names only the resource, so the
 * agent comes from the configuration.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <crm/common/xml.h>

#include "sim_private.h"

struct op_spec {
	char *rsc;
	char *task;
	unsigned int interval_ms;
	char *node;
	int rc;
};

static void spec_clear(struct op_spec *s)
{
	free(s->rsc);
	free(s->task);
	free(s->node);
}

/* Task names with an underscore, which the split must keep whole. */
static const char *const long_tasks[] = { "migrate_to", "migrate_from" };

/* "rsc_task_interval" -> its parts; false when it has no such shape. */
static bool split_key(const char *key, struct op_spec *s)
{
	const char *last = strrchr(key, '_');
	char *end = NULL;
	size_t len = 0;
	const char *task = NULL;

	if (last == NULL || last == key) {
		return false;
	}
	s->interval_ms = (unsigned int)strtoul(last + 1, &end, 10);
	if (end == last + 1 || *end != '\0') {
		return false;
	}
	len = (size_t)(last - key);
	for (size_t i = 0; i < G_N_ELEMENTS(long_tasks) && task == NULL; i++) {
		size_t tl = strlen(long_tasks[i]);

		if (len > tl + 1 && strncmp(last - tl, long_tasks[i], tl) == 0 &&
		    last[-(long)tl - 1] == '_') {
			task = last - tl;
		}
	}
	if (task == NULL) {
		task = memrchr(key, '_', len);
		task = (task == NULL) ? NULL : task + 1;
	}
	if (task == NULL || task - 1 == key) {
		return false;
	}
	s->rsc = strndup(key, (size_t)(task - 1 - key));
	s->task = strndup(task, (size_t)(last - task));
	return s->rsc != NULL && s->task != NULL;
}

static int parse_spec(const char *spec, struct op_spec *s)
{
	const char *at = strchr(spec, '@');
	const char *eq = (at == NULL) ? NULL : strchr(at, '=');
	char *key = NULL;
	char *end = NULL;
	bool ok = false;

	if (at == NULL || eq == NULL || eq == at + 1) {
		return -EINVAL;
	}
	s->rc = (int)strtol(eq + 1, &end, 10);
	if (end == eq + 1) {
		return -EINVAL;
	}
	key = strndup(spec, (size_t)(at - spec));
	s->node = strndup(at + 1, (size_t)(eq - at - 1));
	ok = (key != NULL && s->node != NULL && split_key(key, s));
	free(key);
	return ok ? 0 : -EINVAL;
}

/* The configured primitive of @rsc (a clone instance "rsc:N" by its
 * primitive), or NULL. */
static xmlNode *config_primitive(xmlNode *cib, const char *rsc)
{
	xmlNode *rscs =
		pcmk_xml_first_child(pcmk_xml_first_child(cib, "configuration"), "resources");
	xmlNode *p = pcmk_xml_find_id(rscs, "primitive", rsc);
	const char *colon = strrchr(rsc, ':');

	if (p == NULL && colon != NULL) {
		char *base = strndup(rsc, (size_t)(colon - rsc));

		p = (base == NULL) ? NULL : pcmk_xml_find_id(rscs, "primitive", base);
		free(base);
	}
	return p;
}

/* A primitive made from a template takes the agent from the template. */
static const char *agent_attr(xmlNode *cib, const xmlNode *primitive, const char *name)
{
	const char *v = pcmk_xml_attr(primitive, name);
	const char *tmpl = pcmk_xml_attr(primitive, "template");

	if (v == NULL && tmpl != NULL) {
		v = pcmk_xml_attr(pcmk_xml_find_id(pcmk_xml_first_child(cib, "configuration"),
						   "template", tmpl),
				  name);
	}
	return v;
}

static int record(xmlNode *cib, const struct op_spec *s, const xmlNode *primitive, FILE *out,
		  FILE *err)
{
	struct sim_op op = {
		.rsc = s->rsc,
		.task = s->task,
		.interval_ms = s->interval_ms,
		.rc = s->rc,
		.target_rc = 0,
		.exit_reason = "Simulated action result",
		.now = time(NULL),
	};
	xmlNode *state = sim_node_state(cib, s->node, NULL);
	xmlNode *rsc = NULL;
	const char *why = NULL;

	if (state == NULL) {
		return -ENOMEM;
	}
	sim_inject_failcount(state, s->rsc, &op, out);
	rsc = sim_lrm_resource(NULL, state, s->rsc, s->rsc, agent_attr(cib, primitive, "class"),
			       agent_attr(cib, primitive, "provider"),
			       agent_attr(cib, primitive, "type"), &why);
	if (rsc == NULL) {
		if (err != NULL) {
			fprintf(err, "Cannot record %s on %s: %s\n", s->rsc, s->node, why);
		}
		return -EINVAL;
	}
	return sim_history_record(rsc, &op);
}

int sim_inject_op(xmlNode *cib, const char *spec, FILE *out, FILE *err)
{
	struct op_spec s = { 0 };
	xmlNode *primitive = NULL;
	int rc = -EINVAL;

	if (sim_status(cib) == NULL || spec == NULL) {
		return -EINVAL;
	}
	if (out != NULL) {
		fprintf(out, "  * Injecting %s into the configuration\n", spec);
	}
	if (parse_spec(spec, &s) < 0) {
		if (err != NULL) {
			fprintf(err,
				"Invalid operation spec: %s (expected rsc_task_interval@node=rc)\n",
				spec);
		}
	} else if ((primitive = config_primitive(cib, s.rsc)) == NULL) {
		if (err != NULL) {
			fprintf(err, "Invalid resource name: %s\n", s.rsc);
		}
	} else {
		rc = record(cib, &s, primitive, out, err);
	}
	spec_clear(&s);
	return rc;
}
