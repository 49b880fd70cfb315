/*
 * Helpers shared by the corosync tools: number arguments and node
 * addresses, parsed and printed the way corosync's tools do.
 */
#ifndef TOOL_UTIL_H
#define TOOL_UTIL_H

#include <stddef.h>
#include <corosync/cfg.h>

/* The most addresses a node has (one per knet link). */
#define TOOL_ADDRS_MAX 8

/* Parse @s as a decimal number in [@min, @max] into *@out: leading blanks
 * and a sign are allowed, anything after the digits is not.  0 or -EINVAL
 * (empty, not a number, out of range). */
int tool_strtonum(const char *s, long long min, long long max, long long *out);

/* The numeric text of @addr in @buf (@len bytes).  0, or -EAFNOSUPPORT for
 * an address without a family (a link the node does not have). */
int tool_addr_text(const corosync_cfg_node_address_t *addr, char *buf, size_t len);

/* The addresses of @nodeid joined with single spaces in @buf (@len bytes),
 * as corosync-cfgtool -a and corosync-cpgtool print them.  A cs_error_t:
 * that of corosync_cfg_get_node_addrs(). */
cs_error_t tool_node_addrs(corosync_cfg_handle_t cfg, unsigned int nodeid, char *buf, size_t len);

#endif /* TOOL_UTIL_H */
