/*
 * What --move, --ban and --clear share (crm_resource_ban.c and
 * crm_resource_clear.c).
 */
#ifndef CRM_RESOURCE_BAN_H
#define CRM_RESOURCE_BAN_H

#include <stdbool.h>

#include "crm_resource.h"

/* The end of -u's lifetime from now, g_malloc'd into *@end (NULL without
 * -u).  -EINVAL (said on stderr) for
 * a lifetime that is no ISO 8601 duration. */
int rsc_lifetime_end(struct rsc_ctx *ctx, char **end);

/* Add cli-ban-RSC-on-@node (ending at @end when not NULL). */
int rsc_ban_on(struct rsc_ctx *ctx, const char *node, const char *end);

/* Replace the characters an XML id cannot have (':' and '#') with '.' in
 * place; returns @id. */
char *rsc_sanitize_id(char *id);

/* Remove -r's cli-prefer constraint for @node (any node with --force) and,
 * with @bans, its cli-ban constraint on @node; @node NULL: every node of
 * the cluster.  Returns 0 or the first failure. */
int rsc_clear_constraints(struct rsc_ctx *ctx, const char *node, bool bans);

#endif /* CRM_RESOURCE_BAN_H */
