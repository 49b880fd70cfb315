/*
 * Library-private parts of a transition graph: the XML it was unpacked
 * from and the indexes that keep confirmations cheap on large graphs.
 */
#ifndef TRANSITION_PRIVATE_H
#define TRANSITION_PRIVATE_H

#include <glib.h>

#include <crm/transition.h>

struct transition_graph_priv {
	xmlNode *xml;        /* private copy; actions point into it */
	GHashTable *by_id;   /* action id -> struct transition_action */
	GHashTable *waiters; /* action id -> GPtrArray of synapses it is an input of */
};

static inline struct transition_graph_priv *transition_priv(const struct transition_graph *graph)
{
	return graph->priv;
}

#endif /* TRANSITION_PRIVATE_H */
