/*
 * Shared by the pe_status_text*.c files: how the status printer reads the
 * cluster model (activity, pending operations, failed probes, health) and
 * how it writes list items.
 */
#ifndef PE_STATUS_TEXT_PRIVATE_H
#define PE_STATUS_TEXT_PRIVATE_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/pengine/status_text.h>

/* Append one list item "* text" at nesting @depth (1 is the section
 * heading level, "  * "), followed by a newline. */
void pe_st_item(GString *out, int depth, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* Order node names as pacemaker's displays do: case-insensitive, with runs
 * of digits compared as numbers ("node2" < "node10"). */
int pe_st_name_cmp(const char *a, const char *b);

/* A copy of @nodes (struct pe_node *) sorted by name; caller frees. */
GPtrArray *pe_st_sorted_nodes(const GPtrArray *nodes);

/* Whether @rsc counts as active: any of its nodes unclean or online, or
 * (unmanaged) on an offline node.  For a collective, @all asks whether
 * every member is active rather than any. */
bool pe_st_rsc_active(const struct pe_resource *rsc, bool all);

/* The single node a resource (or all its members) is active on, or NULL
 * when none or several. */
const struct pe_node *pe_st_rsc_location(const struct pe_resource *rsc);

/* The first non-probe operation still in flight for primitive @rsc (its
 * task, and the node in *@node when @node is not NULL), or NULL. */
const char *pe_st_pending_task(const struct pe_resource *rsc, const struct pe_node **node);

/* A failed probe (not installed, invalid parameter) of @rsc (for a clone,
 * of what it clones) recorded on online node @node_name (NULL: any). */
xmlNode *pe_st_failed_probe(const struct pe_resource *rsc, const char *node_name);

/* The text for an OCF exit code ("not installed"). */
const char *pe_st_ocf_rc_text(long long rc);

/* target-role stops the resource (or keeps a promotable one unpromoted). */
bool pe_st_rsc_disabled(const struct pe_resource *rsc);

/* Whether an operation of primitive @rsc failed with on-fail=ignore. */
bool pe_st_failure_ignored(const struct pe_resource *rsc);

/* 1 green, 0 yellow, -1 red under the cluster's node-health-strategy. */
int pe_st_node_health(const struct pe_cluster *c, const struct pe_node *node);

/* The "Node List" items at @depth. */
void pe_st_node_list(const struct pe_cluster *c, int depth, GString *out);

/* The lines of one resource of any kind at nesting @depth; @flags are
 * enum pe_status_flags. */
void pe_st_rsc(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out);
void pe_st_primitive(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out);
void pe_st_group(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out);
void pe_st_clone(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out);
void pe_st_bundle(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out);

/* One primitive's line, called @name (NULL: its own printable id) and
 * shown on @node (NULL: none), whether active or not. */
void pe_st_primitive_line(const struct pe_resource *rsc, const char *name,
			  const struct pe_node *node, int depth, unsigned int flags, GString *out);

#endif /* PE_STATUS_TEXT_PRIVATE_H */
