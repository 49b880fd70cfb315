/*
 * The scheduler's entry points: from a CIB to the transition graph, and the
 * texts crm_simulate prints about a run.
 */
#ifndef PCMK_PENGINE_SCHED_H
#define PCMK_PENGINE_SCHED_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/pengine/status.h>

struct pe_sched_options {
	const struct pe_time *now; /* NULL = the CIB's or the current time */
	bool want_scores;          /* collect "allocation score" lines */
	bool sanitized;            /* private parameters are masked (saved CIBs) */
	int transition_id;
};

/* Unpack @cib, decide placement and actions, and build the transition graph
 * in *@graph (a new document root; free with pcmk_xml_free()).  *@cluster
 * gets the unpacked, scheduled cluster for summaries (free with
 * pe_cluster_free()); pass NULL when not wanted.  Returns 0 or a negative
 * code with a message in *@error (caller frees). */
int pe_schedule(xmlNode *cib, const struct pe_sched_options *opts, struct pe_cluster **cluster,
		xmlNode **graph, char **error);

/* Append the "Transition Summary:" lines of a scheduled cluster
 * ("  * Start      rsc1    ( node1 )") to @out. */
void pe_transition_summary(const struct pe_cluster *cluster, GString *out);

/* The allocation score lines collected when want_scores was set. */
const char *pe_scores_text(const struct pe_cluster *cluster);

#endif /* PCMK_PENGINE_SCHED_H */
