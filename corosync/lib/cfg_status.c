/*
 * libcfg: what the daemon reports about nodes and links (node ids,
 * addresses, link status), and the conversion of those replies.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cfg_internal.h"

/* Room for the addresses of one node in a GET_NODE_ADDRS reply: a node has
 * at most CFG_MAX_LINKS, the rest is slack for a daemon that sends more. */
#define ADDRS_ROOM 64

static void addr_from_wire(uint32_t family, const char *raw, corosync_cfg_node_address_t *dest)
{
	memset(dest, 0, sizeof(*dest));
	if (family == AF_INET6) {
		struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
		memcpy(&sin6.sin6_addr, raw, sizeof(sin6.sin6_addr));
		memcpy(dest->address, &sin6, sizeof(sin6));
		dest->address_length = sizeof(sin6);
	} else {
		struct sockaddr_in sin = { .sin_family = (sa_family_t)family };
		memcpy(&sin.sin_addr, raw, sizeof(sin.sin_addr));
		memcpy(dest->address, &sin, sizeof(sin));
		dest->address_length = sizeof(sin);
	}
}

int cfg__addrs_from_wire(const struct res_lib_cfg_get_node_addrs *res, size_t len, size_t max_addrs,
			 int *num_addrs, corosync_cfg_node_address_t *addrs)
{
	if (len < sizeof(*res) || res->num_addrs > (len - sizeof(*res)) / TOTEMIP_ADDRLEN) {
		return -EBADMSG;
	}
	for (size_t i = 0; i < res->num_addrs && i < max_addrs; i++) {
		addr_from_wire(res->family, res->addrs[i], &addrs[i]);
	}
	/* What corosync's library reports, even when more were sent than
	 * the caller has room for: callers bound their loops by max_addrs. */
	*num_addrs = (int)res->num_addrs;
	return 0;
}

CFG_EXPORT cs_error_t corosync_cfg_get_node_addrs(corosync_cfg_handle_t cfg_handle,
						  unsigned int nodeid, size_t max_addrs,
						  int *num_addrs,
						  corosync_cfg_node_address_t *addrs)
{
	struct cfg_inst *inst;
	struct req_lib_cfg_get_node_addrs req;
	struct iovec iov = { &req, sizeof(req) };

	if (num_addrs == NULL || (addrs == NULL && max_addrs > 0)) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&cfg__handles, cfg_handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	size_t room = sizeof(struct res_lib_cfg_get_node_addrs) + ADDRS_ROOM * TOTEMIP_ADDRLEN;
	struct res_lib_cfg_get_node_addrs *res = malloc(room);
	cs_error_t error = CS_ERR_NO_MEMORY;
	if (res != NULL) {
		memset(&req, 0, sizeof(req));
		req.header.id = MESSAGE_REQ_CFG_GET_NODE_ADDRS;
		req.header.size = sizeof(req);
		req.nodeid = nodeid;
		ssize_t got = cs_ipc_request_var(inst->ipc, &iov, 1, res, room, sizeof(*res));
		error = cs_ipc_error(got < 0 ? (int)got : 0, &res->header);
		if (error == CS_OK) {
			int rc =
				cfg__addrs_from_wire(res, (size_t)got, max_addrs, num_addrs, addrs);
			error = qb_to_cs_error(rc);
		}
		free(res);
	}
	cs_hdb_put(&cfg__handles, cfg_handle);
	return error;
}

CFG_EXPORT cs_error_t corosync_cfg_node_status_get(corosync_cfg_handle_t cfg_handle,
						   unsigned int nodeid,
						   corosync_cfg_node_status_version_t version,
						   void *node_status)
{
	struct req_lib_cfg_nodestatusget req;
	struct res_lib_cfg_nodestatusget_v1 *res;

	if (node_status == NULL || version != CFG_NODE_STATUS_V1) {
		return CS_ERR_INVALID_PARAM;
	}
	res = malloc(sizeof(*res));
	if (res == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CFG_NODESTATUSGET;
	req.header.size = sizeof(req);
	req.nodeid = nodeid;
	req.version = version;
	cs_error_t error = cfg__request(cfg_handle, &req, sizeof(req), res, sizeof(*res));
	if (error == CS_OK) {
		memcpy(node_status, &res->node_status, sizeof(res->node_status));
	}
	free(res);
	return error;
}

/* A copy of the first @max bytes of @src, NUL-terminated. */
static char *field_dup(const char *src, size_t max)
{
	return strndup(src, strnlen(src, max));
}

static void strings_free(char **v, unsigned int n)
{
	if (v != NULL) {
		for (unsigned int i = 0; i < n; i++) {
			free(v[i]);
		}
		free(v);
	}
}

int cfg__ring_status_copy(const struct res_lib_cfg_ringstatusget *res, char ***names,
			  char ***status, unsigned int *count)
{
	unsigned int n = res->interface_count;

	if (n > CFG_MAX_INTERFACES) {
		return -EBADMSG;
	}
	char **nv = calloc(n ? n : 1, sizeof(*nv));
	char **sv = calloc(n ? n : 1, sizeof(*sv));
	unsigned int done = 0;
	while (nv != NULL && sv != NULL && done < n) {
		nv[done] = field_dup(res->interface_name[done], CFG_INTERFACE_NAME_MAX_LEN);
		sv[done] = field_dup(res->interface_status[done], CFG_INTERFACE_STATUS_MAX_LEN);
		if (nv[done] == NULL || sv[done] == NULL) {
			free(nv[done]);
			free(sv[done]);
			break;
		}
		done++;
	}
	if (nv == NULL || sv == NULL || done < n) {
		strings_free(nv, done);
		strings_free(sv, done);
		return -ENOMEM;
	}
	*names = nv;
	*status = sv;
	*count = n;
	return 0;
}

CFG_EXPORT cs_error_t corosync_cfg_ring_status_get(corosync_cfg_handle_t cfg_handle,
						   char ***interface_names, char ***status,
						   unsigned int *interface_count)
{
	struct req_lib_cfg_ringstatusget req = { .header = { .id = MESSAGE_REQ_CFG_RINGSTATUSGET,
							     .size = sizeof(req) } };
	struct res_lib_cfg_ringstatusget *res;

	if (interface_names == NULL || status == NULL || interface_count == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	res = malloc(sizeof(*res));
	if (res == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	cs_error_t error = cfg__request(cfg_handle, &req, sizeof(req), res, sizeof(*res));
	if (error == CS_OK) {
		error = qb_to_cs_error(
			cfg__ring_status_copy(res, interface_names, status, interface_count));
	}
	free(res);
	return error;
}
