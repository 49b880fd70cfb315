/*
 * The cluster status in the text crm_simulate (and crm_mon) print.
 */
#ifndef PCMK_PENGINE_STATUS_TEXT_H
#define PCMK_PENGINE_STATUS_TEXT_H

#include <glib.h>

#include <crm/pengine/status.h>

/* Append the "  * Node List:" and "  * Full List of Resources:" sections
 * describing @cluster (as unpacked, before scheduling) to @out. */
void pe_status_text(const struct pe_cluster *cluster, GString *out);

/* What the resource lines show, for crm_mon's options (crm_simulate shows
 * everything: PE_ST_INACTIVE). */
enum pe_status_flags {
	PE_ST_INACTIVE = 1 << 0, /* inactive resources and clones' Stopped lists (-r) */
	PE_ST_BY_NODE = 1 << 1,  /* the list after per-node lists: what is not fully active (-n) */
	PE_ST_RSC_ONLY = 1 << 2, /* a primitive's line without where it runs */
};

/* The node list items ("Online: [ ... ]", nodes in special states) at
 * nesting @depth (1: "  * ") appended to @out. */
void pe_status_text_nodes(const struct pe_cluster *cluster, int depth, GString *out);

/* The top-level resources in display order at @depth as @flags select
 * them; returns how many were printed. */
int pe_status_text_resources(const struct pe_cluster *cluster, int depth, unsigned int flags,
			     GString *out);

/* The top-level resources in display order (higher priority first, then
 * configuration order, orphans last), a bundle (PE_BUNDLE) in place of
 * the resources made for it; free with g_ptr_array_free(). */
GPtrArray *pe_status_display_order(const struct pe_cluster *cluster);

/* The lines of one resource (of any kind) at @depth under @flags. */
void pe_status_text_rsc(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out);

/* A copy of @nodes (struct pe_node *) in the order the displays list
 * nodes (by name, digit runs as numbers); free with g_ptr_array_free(). */
GPtrArray *pe_status_sorted_nodes(const GPtrArray *nodes);

/* A node's state as the node list words it ("online", "OFFLINE",
 * "standby (with active resources)", "UNCLEAN (online)"...). */
const char *pe_status_node_state(const struct pe_node *node);

/* How a node is introduced: "Node", "RemoteNode" or "GuestNode". */
const char *pe_status_node_kind(const struct pe_node *node);

/* The text of an OCF exit code ("not installed"; "unknown" for others). */
const char *pe_status_ocf_rc_text(long long rc);

/* A primitive's state as the displays word it: an operation in flight
 * ("Starting", "Stopping"...), else its role ("Unpromoted" for a started
 * instance of a promotable clone, "Stopped" when never seen). */
const char *pe_status_rsc_state(const struct pe_resource *rsc);

/* Whether @rsc is active: any member (@all false) or every member. */
bool pe_status_rsc_active(const struct pe_resource *rsc, bool all);

#endif /* PCMK_PENGINE_STATUS_TEXT_H */
