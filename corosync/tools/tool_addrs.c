/*
 * The tools' printing of a node's addresses (apart from tool_util.c so
 * that corosync-keygen does not pull in libcfg).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "tool_util.h"

/* An address without a family is skipped, but the separator is still
 * written before every address after the first slot, as corosync's tools
 * do. */
cs_error_t tool_node_addrs(corosync_cfg_handle_t cfg, unsigned int nodeid, char *buf, size_t len)
{
	corosync_cfg_node_address_t addrs[TOOL_ADDRS_MAX];
	int n = 0;
	size_t used = 0;

	buf[0] = '\0';
	cs_error_t error = corosync_cfg_get_node_addrs(cfg, nodeid, TOOL_ADDRS_MAX, &n, addrs);
	if (error != CS_OK) {
		return error;
	}
	for (int i = 0; i < n && i < TOOL_ADDRS_MAX; i++) {
		char text[INET6_ADDRSTRLEN];
		if (tool_addr_text(&addrs[i], text, sizeof(text)) < 0) {
			continue;
		}
		size_t need = strlen(text) + (i != 0);
		if (used + need >= len) {
			break;
		}
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i != 0 ? " " : "", text);
	}
	return CS_OK;
}
