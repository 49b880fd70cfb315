/*
 * The part of crm_resource --cleanup that decides what to remove from the
 * status section; kept apart so that it can be tested on a CIB document.
 */
#ifndef CRM_RESOURCE_CLEANUP_H
#define CRM_RESOURCE_CLEANUP_H

#include <glib.h>
#include <libxml/tree.h>

struct rsc_cleanup_filter {
	const char *rsc;          /* the id the history knows the resource by */
	const char *operation;    /* -n, NULL for any */
	unsigned int interval_ms; /* -I, with -n only */
};

/* XPaths of what a clean-up of @f on node @node removes from @doc: the
 * resource's lrm_resource when it holds a failure matching @f, and its
 * matching fail-count-* / last-failure-* transient attributes.  Free with
 * g_ptr_array_free(.., TRUE). */
GPtrArray *rsc_cleanup_xpaths(xmlDoc *doc, const char *node, const struct rsc_cleanup_filter *f);

#endif /* CRM_RESOURCE_CLEANUP_H */
