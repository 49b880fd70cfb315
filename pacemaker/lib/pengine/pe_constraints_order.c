/*
 * Unpacking rsc_order constraints, plain and with resource sets, into
 * orderings between resource actions.  A symmetrical ordering also orders
 * the inverse actions the other way round (stop "then" before "first").
 */
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>

#include "pe_sched_private.h"

enum order_kind { KIND_OPTIONAL, KIND_MANDATORY, KIND_SERIALIZE };

static enum order_kind kind_of(xmlNode *xml)
{
	const char *kind = pcmk_xml_attr(xml, "kind");
	const char *score = pcmk_xml_attr(xml, "score");

	if (kind == NULL) {
		if (score == NULL) {
			return KIND_MANDATORY;
		}
		return pcmk_score_from_string(score) == 0 ? KIND_OPTIONAL : KIND_MANDATORY;
	}
	if (g_ascii_strcasecmp(kind, "Optional") == 0) {
		return KIND_OPTIONAL;
	}
	if (g_ascii_strcasecmp(kind, "Serialize") == 0) {
		return KIND_SERIALIZE;
	}
	return KIND_MANDATORY;
}

static bool symmetrical_of(xmlNode *xml, enum order_kind kind)
{
	const char *v = pcmk_xml_attr(xml, "symmetrical");

	if (v == NULL) {
		return kind != KIND_SERIALIZE;
	}
	return pe_text_is_true(v);
}

static const char *inverse_task(const char *task)
{
	static const char *const pairs[][2] = {
		{ "start", "stop" },       { "stop", "start" },      { "promote", "demote" },
		{ "demote", "promote" },   { "running", "stopped" }, { "stopped", "running" },
		{ "promoted", "demoted" }, { "demoted", "promoted" }
	};

	for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
		if (strcmp(task, pairs[i][0]) == 0) {
			return pairs[i][1];
		}
	}
	return NULL;
}

enum symmetry { ASYMMETRIC, SYMMETRIC, SYMMETRIC_INVERSE };

static unsigned int order_flags(enum order_kind kind, const char *first_task, enum symmetry sym)
{
	unsigned int flags = PE_ORD_OPTIONAL;

	if (kind == KIND_SERIALIZE) {
		return flags | PE_ORD_SERIALIZE;
	}
	if (kind == KIND_OPTIONAL) {
		return flags;
	}
	switch (sym) {
	case ASYMMETRIC:
		return flags | PE_ORD_ASYMMETRICAL;
	case SYMMETRIC:
		flags |= PE_ORD_IMPLIES_THEN;
		if (strcmp(first_task, "start") == 0 || strcmp(first_task, "promote") == 0) {
			flags |= PE_ORD_RUNNABLE_LEFT;
		}
		return flags;
	default:
		return flags | PE_ORD_IMPLIES_FIRST;
	}
}

static void order_pair(struct pe_cluster *c, struct pe_resource *first, const char *first_task,
		       struct pe_resource *then, const char *then_task, enum order_kind kind,
		       bool symmetrical, unsigned int extra)
{
	const char *inv_first = inverse_task(first_task);
	const char *inv_then = inverse_task(then_task);

	pe_order_rsc_actions(
		c, first, first_task, then, then_task,
		extra | order_flags(kind, first_task, symmetrical ? SYMMETRIC : ASYMMETRIC));
	if (!symmetrical || inv_first == NULL || inv_then == NULL) {
		return;
	}
	pe_order_rsc_actions(c, then, inv_then, first, inv_first,
			     extra | order_flags(kind, inv_then, SYMMETRIC_INVERSE));
}

static void order_simple(struct pe_cluster *c, xmlNode *xml, const char *id)
{
	const char *first_id = pcmk_xml_attr(xml, "first");
	const char *then_id = pcmk_xml_attr(xml, "then");
	const char *first_task = pcmk_xml_attr(xml, "first-action");
	const char *then_task = pcmk_xml_attr(xml, "then-action");
	enum order_kind kind = kind_of(xml);
	GPtrArray *firsts = pe_constraint_targets(c, first_id == NULL ? "" : first_id);
	GPtrArray *thens = pe_constraint_targets(c, then_id == NULL ? "" : then_id);

	if (first_task == NULL) {
		first_task = "start";
	}
	if (then_task == NULL) {
		then_task = first_task;
	}
	if (firsts->len == 0 || thens->len == 0) {
		pe_config_error(c, "Ignoring constraint '%s' because resource '%s' does not exist",
				id,
				firsts->len == 0 ? (first_id ? first_id : "(none)")
						 : (then_id ? then_id : "(none)"));
	}
	for (guint i = 0; i < firsts->len; i++) {
		for (guint j = 0; j < thens->len; j++) {
			order_pair(c, firsts->pdata[i], first_task, thens->pdata[j], then_task,
				   kind, symmetrical_of(xml, kind), 0);
		}
	}
	g_ptr_array_free(firsts, TRUE);
	g_ptr_array_free(thens, TRUE);
}

struct order_set {
	xmlNode *xml;
	GPtrArray *members;
	const char *task;
	bool sequential;
	bool require_all;
};

static void set_load(struct pe_cluster *c, xmlNode *set, struct order_set *s)
{
	const char *seq = pcmk_xml_attr(set, "sequential");
	const char *all = pcmk_xml_attr(set, "require-all");

	s->xml = set;
	s->members = g_ptr_array_new();
	s->task = pcmk_xml_attr(set, "action");
	if (s->task == NULL) {
		s->task = "start";
	}
	s->sequential = seq == NULL || pe_text_is_true(seq);
	s->require_all = all == NULL || pe_text_is_true(all);
	for (xmlNode *ref = pcmk_xml_first_child(set, "resource_ref"); ref != NULL;
	     ref = pcmk_xml_next(ref, true)) {
		GPtrArray *list = pe_constraint_resources(c, pcmk_xml_attr(ref, "id"));

		for (guint i = 0; i < list->len; i++) {
			g_ptr_array_add(s->members, list->pdata[i]);
		}
		g_ptr_array_free(list, TRUE);
	}
}

static void order_within_set(struct pe_cluster *c, struct order_set *s, enum order_kind kind,
			     bool symmetrical)
{
	if (!s->sequential) {
		return;
	}
	for (guint i = 1; i < s->members->len; i++) {
		order_pair(c, s->members->pdata[i - 1], s->task, s->members->pdata[i], s->task,
			   kind, symmetrical, 0);
	}
}

/* "Any one of @a, then @b": a pseudo-action that can run as soon as one
 * member of @a can, before every member of @b. */
static void order_any_of(struct pe_cluster *c, struct order_set *a, struct order_set *b,
			 enum order_kind kind)
{
	char *key = g_strdup_printf("one-or-more:%s", pcmk_xml_attr(a->xml, "id"));
	struct pe_action *any = pe_action_find(c, key, NULL);
	unsigned int flags = order_flags(kind, a->task, SYMMETRIC) | PE_ORD_RUNNABLE_LEFT;

	if (any == NULL) {
		any = pe_action_custom(c, NULL, key, key, NULL, true);
		any->flags |= PE_ACT_PSEUDO | PE_ACT_RUNNABLE;
		any->required_runnable_before = 1;
	}
	for (guint i = 0; i < a->members->len; i++) {
		struct pe_resource *rsc = a->members->pdata[i];
		char *k = pe_op_key(rsc->id, a->task, 0);

		pe_order_new(c, rsc, k, NULL, NULL, NULL, any,
			     PE_ORD_ONE_OR_MORE | PE_ORD_IMPLIES_THEN_PRINTED);
		g_free(k);
	}
	for (guint j = 0; j < b->members->len; j++) {
		struct pe_resource *rsc = b->members->pdata[j];
		char *k = pe_op_key(rsc->id, b->task, 0);

		pe_order_new(c, NULL, NULL, any, rsc, k, NULL, flags);
		g_free(k);
	}
	g_free(key);
}

/* An ordering from every member of @a (or its last, when sequential) to
 * every member of @b (or its first). */
static void order_between_sets(struct pe_cluster *c, struct order_set *a, struct order_set *b,
			       enum order_kind kind, bool symmetrical)
{
	guint a_from = a->sequential && a->members->len > 0 ? a->members->len - 1 : 0;
	guint b_to = b->sequential ? (b->members->len > 0 ? 1 : 0) : b->members->len;

	if (!a->require_all) {
		order_any_of(c, a, b, kind);
		return;
	}
	for (guint i = a_from; i < a->members->len; i++) {
		for (guint j = 0; j < b_to; j++) {
			order_pair(c, a->members->pdata[i], a->task, b->members->pdata[j], b->task,
				   kind, symmetrical, 0);
		}
	}
}

static void order_sets(struct pe_cluster *c, xmlNode *xml)
{
	enum order_kind kind = kind_of(xml);
	bool symmetrical = symmetrical_of(xml, kind);
	struct order_set prev = { 0 }, cur;
	bool have_prev = false;

	for (xmlNode *set = pcmk_xml_first_child(xml, "resource_set"); set != NULL;
	     set = pcmk_xml_next(set, true)) {
		set_load(c, set, &cur);
		order_within_set(c, &cur, kind, symmetrical);
		if (have_prev) {
			order_between_sets(c, &prev, &cur, kind, symmetrical);
			g_ptr_array_free(prev.members, TRUE);
		}
		prev = cur;
		have_prev = true;
	}
	if (have_prev) {
		g_ptr_array_free(prev.members, TRUE);
	}
}

void pe_orders_unpack(struct pe_cluster *c)
{
	for (guint i = 0; i < c->orderings_xml->len; i++) {
		xmlNode *xml = c->orderings_xml->pdata[i];
		const char *id = pcmk_xml_attr(xml, "id");

		if (pcmk_xml_first_child(xml, "resource_set") != NULL) {
			order_sets(c, xml);
		} else {
			order_simple(c, xml, id == NULL ? "(no id)" : id);
		}
	}
}
