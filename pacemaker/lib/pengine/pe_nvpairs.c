/*
 * Reading nvpair sets (instance_attributes, meta_attributes,
 * cluster_property_set, utilization) in pacemaker's order, so that when
 * several sets name the same attribute the same one wins.
 */
#include <string.h>
#include <strings.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include <crm/pengine/rules.h>

#include "pe_rules_private.h"

struct set_entry {
	const xmlNode *set;
	const char *id;
	int score;
	bool first; /* the @always_first set */
};

/* Highest score first, the always-first set before all.  g_list_sort()
 * is stable and the list is built in reverse document order, so equal
 * scores keep that reversed order, as pacemaker's do. */
static gint by_priority(gconstpointer a, gconstpointer b)
{
	const struct set_entry *x = a, *y = b;

	if (x->first != y->first) {
		return x->first ? -1 : 1;
	}
	return (x->score < y->score) - (x->score > y->score);
}

static GList *collect_sets(const xmlNode *parent, const char *set_name, const char *always_first)
{
	GList *sets = NULL;

	for (const xmlNode *c = pcmk_xml_first_child(parent, set_name); c != NULL;
	     c = pcmk_xml_next(c, set_name != NULL)) {
		const xmlNode *set = pe__rule_resolve(c);
		struct set_entry *e;

		if (set == NULL) {
			continue;
		}
		e = g_new0(struct set_entry, 1);
		e->set = set;
		e->id = pcmk_xml_attr(set, "id");
		e->score = pcmk_score_from_string(pcmk_xml_attr(set, "score"));
		e->first = (always_first != NULL) && (e->id != NULL) &&
			   (strcasecmp(e->id, always_first) == 0);
		sets = g_list_prepend(sets, e);
	}
	return g_list_sort(sets, by_priority);
}

static void add_pair(const xmlNode *pair, GHashTable *values, bool overwrite)
{
	const xmlNode *ref = pe__rule_resolve(pair);
	const char *name = pcmk_xml_attr(pair, "name");
	const char *value = pcmk_xml_attr(pair, "value");

	if ((name == NULL) && (ref != NULL)) {
		name = pcmk_xml_attr(ref, "name");
	}
	if ((value == NULL) && (ref != NULL)) {
		value = pcmk_xml_attr(ref, "value");
	}
	if ((name == NULL) || (value == NULL)) {
		return;
	}
	/* "#default" takes back a value an earlier set gave. */
	if (strcasecmp(value, "#default") == 0) {
		g_hash_table_remove(values, name);
	} else if (overwrite || (g_hash_table_lookup(values, name) == NULL)) {
		g_hash_table_replace(values, g_strdup(name), g_strdup(value));
	}
}

static void add_set(const xmlNode *set, GHashTable *values, bool overwrite)
{
	const xmlNode *list = pcmk_xml_first_child(set, NULL);

	/* Very old CIBs wrap the nvpairs in an <attributes> element. */
	if (!pcmk_xml_is(list, "attributes")) {
		list = set;
	}
	for (const xmlNode *p = pcmk_xml_first_child(list, "nvpair"); p != NULL;
	     p = pcmk_xml_next(p, true)) {
		add_pair(p, values, overwrite);
	}
}

void pe_nvpair_sets_unpack(const xmlNode *parent, const char *set_name,
			   const struct pe_rule_input *in, GHashTable *values,
			   const char *always_first, bool overwrite)
{
	GList *sets;

	if ((parent == NULL) || (in == NULL) || (values == NULL)) {
		return;
	}
	sets = collect_sets(parent, set_name, always_first);
	for (GList *l = sets; l != NULL; l = l->next) {
		const struct set_entry *e = l->data;

		if (pe_rules_any(e->set, in)) {
			add_set(e->set, values, overwrite);
		}
	}
	g_list_free_full(sets, g_free);
}
