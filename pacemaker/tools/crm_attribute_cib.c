/*
 * Finding, setting and deleting attributes in the CIB for crm_attribute,
 * crm_standby and crm_failcount (the rules are in crm_attribute.h).
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <crm/cib.h>
#include <crm/cluster.h>
#include <crm/common/xml.h>

#include "crm_attribute.h"

/* Where each scope's attributes live and what their sets look like. */
struct scope_def {
	const char *scope;
	const char *section; /* the CIB section a request names */
	const char *set_tag; /* the set element */
	const char *set_id;  /* default set id; NULL: "<section>-<uuid>" */
	bool per_node;
};

static const struct scope_def scopes[] = {
	{ "crm_config", "crm_config", "cluster_property_set", "cib-bootstrap-options", false },
	{ "nodes", "nodes", "instance_attributes", NULL, true },
	{ "status", "status", "instance_attributes", NULL, true },
	{ "rsc_defaults", "rsc_defaults", "meta_attributes", "rsc_defaults-options", false },
	{ "op_defaults", "op_defaults", "meta_attributes", "op_defaults-options", false },
	{ "tickets", "status", "instance_attributes", "status-tickets", false },
};

static const struct scope_def *scope_lookup(const char *scope)
{
	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		if (scope != NULL && strcmp(scopes[i].scope, scope) == 0) {
			return &scopes[i];
		}
	}
	return NULL;
}

bool attr_scope_needs_node(const char *scope)
{
	return scope == NULL ||
	       (strcasecmp(scope, "crm_config") != 0 && strcasecmp(scope, "tickets") != 0);
}

static bool safe_in_xpath(const char *s)
{
	return s != NULL && strchr(s, '\'') == NULL;
}

static char *node_uuid_by(xmlDoc *cib, const char *head, const char *name, const char *tail,
			  const char *attr)
{
	char xpath[512];
	xmlNode *match = NULL;
	const char *value;

	snprintf(xpath, sizeof(xpath), "%s%s%s", head, name, tail);
	if (pcmk_xml_xpath_first(cib, xpath, &match) != 0) {
		return NULL;
	}
	value = pcmk_xml_attr(match, attr);
	return value != NULL ? strdup(value) : NULL;
}

char *attr_node_uuid(xmlDoc *cib, const char *name)
{
	/* cluster nodes, remote nodes, guest nodes, then nodes only in status */
	static const struct {
		const char *head, *tail, *attr;
	} ways[] = {
		{ "/cib/configuration/nodes/node[@uname='", "']", "id" },
		{ "/cib/configuration/resources//primitive[@class='ocf'][@provider='pacemaker']"
		  "[@type='remote'][@id='",
		  "']", "id" },
		{ "/cib/configuration/resources//primitive/meta_attributes/"
		  "nvpair[@name='remote-node'][@value='",
		  "']", "value" },
		{ "/cib/status/node_state[@uname='", "']", "id" },
	};
	char *uuid = NULL;

	if (!safe_in_xpath(name) || strlen(name) > 200) {
		return NULL;
	}
	for (size_t i = 0; uuid == NULL && i < sizeof(ways) / sizeof(ways[0]); i++) {
		uuid = node_uuid_by(cib, ways[i].head, name, ways[i].tail, ways[i].attr);
	}
	return uuid;
}

char *attr_local_node(void)
{
	const char *env = getenv("OCF_RESKEY_CRM_meta_on_node");
	struct utsname u;
	char *name = NULL;

	if (env != NULL && env[0] != '\0') {
		return strdup(env);
	}
	if (pcmk_cluster_node_name(0, &name) == 0) {
		return name;
	}
	if (uname(&u) != 0) {
		return strdup("localhost");
	}
	return strdup(u.nodename);
}

/* The element under which @def's sets live, or NULL when it is missing. */
static xmlNode *scope_base(xmlDoc *cib, const struct scope_def *def, const char *uuid)
{
	char xpath[512];
	xmlNode *base = NULL;

	if (def->per_node && !safe_in_xpath(uuid)) {
		return NULL;
	}
	if (strcmp(def->scope, "nodes") == 0) {
		snprintf(xpath, sizeof(xpath), "/cib/configuration/nodes/node[@id='%s']", uuid);
	} else if (strcmp(def->scope, "status") == 0) {
		snprintf(xpath, sizeof(xpath),
			 "/cib/status/node_state[@id='%s']/transient_attributes", uuid);
	} else if (strcmp(def->scope, "tickets") == 0) {
		snprintf(xpath, sizeof(xpath), "/cib/status/tickets");
	} else {
		snprintf(xpath, sizeof(xpath), "/cib/configuration/%s", def->section);
	}
	return pcmk_xml_xpath_first(cib, xpath, &base) == 0 ? base : NULL;
}

static const char *set_tag(const struct scope_def *def, const struct attr_target *t)
{
	return t->utilization && def->per_node ? "utilization" : def->set_tag;
}

static bool wanted(const struct attr_target *t, const regex_t *re, const xmlNode *nv)
{
	const char *name = pcmk_xml_attr(nv, "name");
	const char *id = pcmk_xml_attr(nv, "id");

	if (t->attr_id != NULL && (id == NULL || strcmp(id, t->attr_id) != 0)) {
		return false;
	}
	if (t->name != NULL && (name == NULL || strcmp(name, t->name) != 0)) {
		return false;
	}
	return re == NULL || (name != NULL && regexec(re, name, 0, NULL, 0) == 0);
}

struct find_state {
	const struct attr_target *t;
	const regex_t *re;
	const char *tag;
	struct attr_match *list;
	int n;
};

static int add_match(struct find_state *st, const xmlNode *set, const xmlNode *nv)
{
	struct attr_match *grown = realloc(st->list, (size_t)(st->n + 1) * sizeof(*grown));

	if (grown == NULL) {
		return -ENOMEM;
	}
	st->list = grown;
	st->list[st->n++] = (struct attr_match){
		.id = pcmk_xml_attr(nv, "id"),
		.name = pcmk_xml_attr(nv, "name"),
		.value = pcmk_xml_attr(nv, "value"),
		.set = set,
	};
	return 0;
}

/* Every set named st->tag below @el, in document order, like "//set". */
static int walk_sets(struct find_state *st, const xmlNode *el)
{
	for (xmlNode *c = pcmk_xml_first_child(el, NULL); c != NULL; c = pcmk_xml_next(c, false)) {
		const char *id = pcmk_xml_attr(c, "id");
		int rc = 0;

		if (pcmk_xml_is(c, st->tag) &&
		    (st->t->set_id == NULL || (id != NULL && strcmp(id, st->t->set_id) == 0))) {
			for (xmlNode *nv = pcmk_xml_first_child(c, "nvpair"); rc == 0 && nv != NULL;
			     nv = pcmk_xml_next(nv, true)) {
				rc = wanted(st->t, st->re, nv) ? add_match(st, c, nv) : 0;
			}
		}
		if (rc == 0) {
			rc = walk_sets(st, c);
		}
		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

int attr_find(xmlDoc *cib, const struct attr_target *t, struct attr_match **matches)
{
	const struct scope_def *def = scope_lookup(t->scope);
	struct find_state st = { .t = t, .n = 0, .list = NULL };
	regex_t re;
	xmlNode *base;
	int rc;

	*matches = NULL;
	if (def == NULL) {
		return -ENOMSG;
	}
	if (t->pattern != NULL && regcomp(&re, t->pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		return 0; /* as pacemaker: a pattern that does not compile matches nothing */
	}
	st.re = t->pattern != NULL ? &re : NULL;
	st.tag = set_tag(def, t);
	base = scope_base(cib, def, t->node_uuid);
	rc = base != NULL ? walk_sets(&st, base) : 0;
	if (t->pattern != NULL) {
		regfree(&re);
	}
	if (rc < 0) {
		free(st.list);
		return rc;
	}
	*matches = st.list;
	return st.n;
}

/* The id of a new nvpair or set: ':' and '#' are not allowed in ids. */
static char *sanitized_id(const char *a, const char *b)
{
	size_t len = strlen(a) + strlen(b) + 2;
	char *id = malloc(len);

	if (id == NULL) {
		return NULL;
	}
	snprintf(id, len, "%s-%s", a, b);
	for (char *c = id; *c != '\0'; c++) {
		if (*c == ':' || *c == '#') {
			*c = '.';
		}
	}
	return id;
}

static char *default_set_id(const struct scope_def *def, const struct attr_target *t)
{
	char *id;

	if (t->set_id != NULL) {
		return strdup(t->set_id);
	}
	if (!def->per_node) {
		return strdup(def->set_id);
	}
	id = sanitized_id(def->section, t->node_uuid);
	if (id != NULL && t->utilization) {
		char *u = sanitized_id(id, "utilization");

		free(id);
		id = u;
	}
	return id;
}

/* <section> down to the set, ready for the nvpair: the modify request's
 * data (children are matched by name and id, so existing ones are kept). */
static xmlNode *set_chain(const struct scope_def *def, const char *uuid, const char *tag,
			  const char *set_id, xmlNode **set)
{
	xmlNode *root = pcmk_xml_new_root(def->section);
	xmlNode *parent = root;

	if (root != NULL && strcmp(def->scope, "nodes") == 0) {
		parent = pcmk_xml_add_child(root, "node");
		pcmk_xml_set_attr(parent, "id", uuid);
	} else if (root != NULL && strcmp(def->scope, "status") == 0) {
		parent = pcmk_xml_add_child(root, "node_state");
		pcmk_xml_set_attr(parent, "id", uuid);
		parent = pcmk_xml_add_child(parent, "transient_attributes");
		pcmk_xml_set_attr(parent, "id", uuid);
	} else if (root != NULL && strcmp(def->scope, "tickets") == 0) {
		parent = pcmk_xml_add_child(root, "tickets");
	}
	*set = parent != NULL ? pcmk_xml_add_child(parent, tag) : NULL;
	if (*set == NULL || pcmk_xml_set_attr(*set, "id", set_id) != 0) {
		pcmk_xml_free(root);
		return NULL;
	}
	return root;
}

static int send_change(struct cib *cib, enum cib_op op, const char *section, const xmlNode *data,
		       char **error)
{
	struct cib_op_request req = {
		.op = op,
		.section = section,
		.data = data,
		.options = CIB_OPT_CAN_CREATE,
		.client = "crm_attribute",
	};

	return cib_request(cib, &req, 0, NULL, error);
}

/* The set and nvpair id an update goes to: the one found, or new ones. */
static int update_place(xmlDoc *doc, const struct scope_def *def, const struct attr_target *t,
			char **set_id, char **nv_id, char **name)
{
	struct attr_match *m = NULL;
	int n = attr_find(doc, t, &m);

	if (n > 1) {
		free(m);
		return -ENOTUNIQ;
	}
	if (n == 1) {
		*set_id = strdup(pcmk_xml_attr(m[0].set, "id"));
		*nv_id = strdup(m[0].id);
		*name = m[0].name != NULL ? strdup(m[0].name) : NULL;
	} else if (n == 0) {
		*set_id = default_set_id(def, t);
		*nv_id = t->attr_id != NULL ? strdup(t->attr_id) : sanitized_id(*set_id, t->name);
	}
	free(m);
	if (n >= 0 && (*set_id == NULL || *nv_id == NULL)) {
		return -ENOMEM;
	}
	return n < 0 ? n : 0;
}

/* A status update needs the node's node_state (pacemaker: ENXIO). */
static bool has_node_state(xmlDoc *doc, const char *uuid)
{
	char xpath[512];
	xmlNode *m = NULL;

	snprintf(xpath, sizeof(xpath), "/cib/status/node_state[@id='%s']", uuid);
	return safe_in_xpath(uuid) && pcmk_xml_xpath_first(doc, xpath, &m) == 0;
}

int attr_update(struct cib *cib, xmlDoc *doc, const struct attr_target *t, const char *value,
		char **set, char **error)
{
	const struct scope_def *def = scope_lookup(t->scope);
	char *set_id = NULL, *nv_id = NULL, *found_name = NULL;
	const char *name;
	xmlNode *data = NULL, *set_el = NULL, *nv = NULL;
	int rc = def == NULL ? -ENOMSG : update_place(doc, def, t, &set_id, &nv_id, &found_name);

	if (set != NULL) {
		*set = set_id != NULL ? strdup(set_id)
				      : (def != NULL ? default_set_id(def, t) : NULL);
	}
	if (rc == 0 && strcmp(def->scope, "status") == 0 && !has_node_state(doc, t->node_uuid)) {
		rc = -ENXIO;
	}
	if (rc == 0) {
		data = set_chain(def, t->node_uuid, set_tag(def, t), set_id, &set_el);
		nv = data != NULL ? pcmk_xml_add_child(set_el, "nvpair") : NULL;
		rc = nv == NULL ? -ENOMEM : 0;
	}
	name = t->name != NULL ? t->name : found_name;
	if (rc == 0 && name == NULL) {
		rc = -EINVAL; /* a new attribute needs a name */
	}
	if (rc == 0 &&
	    (pcmk_xml_set_attr(nv, "id", nv_id) != 0 || pcmk_xml_set_attr(nv, "name", name) != 0 ||
	     pcmk_xml_set_attr(nv, "value", value) != 0)) {
		rc = -EINVAL;
	}
	if (rc == 0) {
		rc = send_change(cib, CIB_OP_MODIFY, def->section, data, error);
	}
	pcmk_xml_free(data);
	free(set_id);
	free(nv_id);
	free(found_name);
	return rc;
}

int attr_delete(struct cib *cib, const struct attr_target *t, const char *id, char **error)
{
	const struct scope_def *def = scope_lookup(t->scope);
	xmlNode *data;
	int rc;

	if (def == NULL) {
		return -ENOMSG;
	}
	data = pcmk_xml_new_root("nvpair");
	if (data == NULL || pcmk_xml_set_attr(data, "id", id) != 0) {
		pcmk_xml_free(data);
		return -ENOMEM;
	}
	rc = send_change(cib, CIB_OP_DELETE, def->section, data, error);
	pcmk_xml_free(data);
	return rc;
}

int attr_open(const char *client, struct cib **cib, xmlDoc **doc)
{
	struct cib_op_request req = { .op = CIB_OP_QUERY, .client = client };
	int rc = cib_open(client, false, cib);

	*doc = NULL;
	if (rc == 0) {
		rc = cib_request(*cib, &req, 0, doc, NULL);
	}
	if (rc == 0 && *doc == NULL) {
		rc = -ENXIO;
	}
	if (rc < 0) {
		cib_close(*cib);
		*cib = NULL;
	}
	return rc;
}
