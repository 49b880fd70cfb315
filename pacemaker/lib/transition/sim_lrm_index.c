/*
 * The lrm_resource elements of each node_state by id.  Running a graph
 * records every action under its resource's history on its node; finding
 * that history by walking the node's lrm_resources took 10 of the 29 s of
 * crm_simulate -S with 10,000 resources on 32 nodes.  A node's
 * table is built the first time an action lands on it and kept current by
 * sim_lrm_resource() (new entries) and sim_lrm_index_forget() (history
 * removed by fencing).
 */
#include <string.h>
#include <glib.h>

#include <crm/common/xml.h>

#include "sim_private.h"

struct sim_lrm_index {
	GHashTable *by_state; /* node_state -> (id -> lrm_resource) */
};

struct sim_lrm_index *sim_lrm_index_new(void)
{
	struct sim_lrm_index *index = g_new0(struct sim_lrm_index, 1);

	index->by_state = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						(GDestroyNotify)g_hash_table_destroy);
	return index;
}

void sim_lrm_index_free(struct sim_lrm_index *index)
{
	if (index != NULL) {
		g_hash_table_destroy(index->by_state);
		g_free(index);
	}
}

static xmlNode *lrm_resources_of(const xmlNode *state)
{
	return pcmk_xml_first_child(pcmk_xml_first_child(state, "lrm"), "lrm_resources");
}

/* The ids are copied: the table must not depend on attribute storage. */
static GHashTable *table_of(struct sim_lrm_index *index, const xmlNode *state)
{
	GHashTable *table = g_hash_table_lookup(index->by_state, state);

	if (table != NULL) {
		return table;
	}
	table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (xmlNode *r = pcmk_xml_first_child(lrm_resources_of(state), "lrm_resource"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		const char *id = pcmk_xml_attr(r, "id");

		/* The first of duplicate ids wins, as it would in a walk. */
		if (id != NULL && !g_hash_table_contains(table, id)) {
			g_hash_table_insert(table, g_strdup(id), r);
		}
	}
	g_hash_table_insert(index->by_state, (gpointer)state, table);
	return table;
}

xmlNode *sim_lrm_index_find(struct sim_lrm_index *index, const xmlNode *state, const char *id)
{
	if (index == NULL) {
		for (xmlNode *r = pcmk_xml_first_child(lrm_resources_of(state), "lrm_resource");
		     r != NULL; r = pcmk_xml_next(r, true)) {
			const char *v = pcmk_xml_attr(r, "id");

			if (v != NULL && strcmp(v, id) == 0) {
				return r;
			}
		}
		return NULL;
	}
	return g_hash_table_lookup(table_of(index, state), id);
}

void sim_lrm_index_add(struct sim_lrm_index *index, const xmlNode *state, xmlNode *rsc)
{
	GHashTable *table = NULL;
	const char *id = pcmk_xml_attr(rsc, "id");

	if (index == NULL || id == NULL) {
		return;
	}
	/* A table not built yet will find the new entry when it is. */
	table = g_hash_table_lookup(index->by_state, state);
	if (table != NULL && !g_hash_table_contains(table, id)) {
		g_hash_table_insert(table, g_strdup(id), rsc);
	}
}

void sim_lrm_index_forget(struct sim_lrm_index *index, const xmlNode *state)
{
	if (index != NULL) {
		g_hash_table_remove(index->by_state, state);
	}
}
