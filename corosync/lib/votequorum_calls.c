/*
 * libvotequorum: node information, votes and expected votes, tracking,
 * and the quorum device calls.
 */
#include <errno.h>
#include <string.h>

#include "votequorum_internal.h"

void votequorum__info_from_wire(struct votequorum_info *info,
				const struct res_lib_votequorum_getinfo *res)
{
	memset(info, 0, sizeof(*info));
	info->node_id = res->nodeid;
	info->node_state = res->state;
	info->node_votes = res->votes;
	info->node_expected_votes = res->expected_votes;
	info->highest_expected = res->highest_expected;
	info->total_votes = res->total_votes;
	info->quorum = res->quorum;
	info->flags = res->flags;
	info->qdevice_votes = res->qdevice_votes;
	size_t len = strnlen(res->qdevice_name, sizeof(res->qdevice_name) - 1);
	memcpy(info->qdevice_name, res->qdevice_name, len);
}

/* The daemon answers an unknown node with CS_ERR_NOT_EXIST in a full
 * reply, and corosync-quorumtool prints that reply's numbers all the same:
 * so @info is filled from any full reply, whatever its error. */
VOTEQUORUM_EXPORT cs_error_t votequorum_getinfo(votequorum_handle_t handle, unsigned int nodeid,
						struct votequorum_info *info)
{
	struct votequorum_inst *inst;
	struct req_lib_votequorum_getinfo req;
	struct res_lib_votequorum_getinfo res;
	struct iovec iov = { &req, sizeof(req) };

	if (info == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&votequorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_VOTEQUORUM_GETINFO;
	req.header.size = sizeof(req);
	req.nodeid = (int32_t)nodeid;
	ssize_t got = cs_ipc_request_var(inst->ipc, &iov, 1, &res, sizeof(res), sizeof(res));
	cs_error_t error = cs_ipc_error(got < 0 ? (int)got : 0, &res.header);
	if (got == (ssize_t)sizeof(res)) {
		votequorum__info_from_wire(info, &res);
	}
	cs_hdb_put(&votequorum__handles, handle);
	return error;
}

VOTEQUORUM_EXPORT cs_error_t votequorum_setexpected(votequorum_handle_t handle,
						    unsigned int expected_votes)
{
	struct req_lib_votequorum_setexpected req;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_VOTEQUORUM_SETEXPECTED;
	req.header.size = sizeof(req);
	req.expected_votes = expected_votes;
	return votequorum__status_request(handle, &req, sizeof(req));
}

VOTEQUORUM_EXPORT cs_error_t votequorum_setvotes(votequorum_handle_t handle, unsigned int nodeid,
						 unsigned int votes)
{
	struct req_lib_votequorum_setvotes req;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_VOTEQUORUM_SETVOTES;
	req.header.size = sizeof(req);
	req.nodeid = (int32_t)nodeid;
	req.votes = votes;
	return votequorum__status_request(handle, &req, sizeof(req));
}

VOTEQUORUM_EXPORT cs_error_t votequorum_trackstart(votequorum_handle_t handle, uint64_t context,
						   unsigned int flags)
{
	struct req_lib_votequorum_trackstart req;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_VOTEQUORUM_TRACKSTART;
	req.header.size = sizeof(req);
	req.context = context;
	req.track_flags = flags;
	return votequorum__status_request(handle, &req, sizeof(req));
}

VOTEQUORUM_EXPORT cs_error_t votequorum_trackstop(votequorum_handle_t handle)
{
	struct req_lib_votequorum_general req = {
		.header = { .id = MESSAGE_REQ_VOTEQUORUM_TRACKSTOP, .size = sizeof(req) }
	};

	return votequorum__status_request(handle, &req, sizeof(req));
}

/* Copy the device name @name into @dest (VOTEQUORUM_QDEVICE_MAX_NAME_LEN
 * bytes, zero-filled).  -EINVAL for NULL, empty or too long, as corosync
 * refuses them. */
static int device_name(char *dest, const char *name)
{
	if (name == NULL) {
		return -EINVAL;
	}
	size_t len = strlen(name);
	if (len == 0 || len >= VOTEQUORUM_QDEVICE_MAX_NAME_LEN) {
		return -EINVAL;
	}
	memset(dest, 0, VOTEQUORUM_QDEVICE_MAX_NAME_LEN);
	memcpy(dest, name, len);
	return 0;
}

/* A request carrying one device name: register or unregister. */
static cs_error_t name_request(votequorum_handle_t handle, int32_t id, const char *name)
{
	struct req_lib_votequorum_qdevice_register req;

	memset(&req, 0, sizeof(req));
	int rc = device_name(req.name, name);
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	req.header.id = id;
	req.header.size = sizeof(req);
	return votequorum__status_request(handle, &req, sizeof(req));
}

VOTEQUORUM_EXPORT cs_error_t votequorum_qdevice_register(votequorum_handle_t handle,
							 const char *name)
{
	return name_request(handle, MESSAGE_REQ_VOTEQUORUM_QDEVICE_REGISTER, name);
}

VOTEQUORUM_EXPORT cs_error_t votequorum_qdevice_unregister(votequorum_handle_t handle,
							   const char *name)
{
	return name_request(handle, MESSAGE_REQ_VOTEQUORUM_QDEVICE_UNREGISTER, name);
}

VOTEQUORUM_EXPORT cs_error_t votequorum_qdevice_update(votequorum_handle_t handle,
						       const char *oldname, const char *newname)
{
	struct req_lib_votequorum_qdevice_update req;

	memset(&req, 0, sizeof(req));
	int rc = device_name(req.oldname, oldname);
	if (rc == 0) {
		rc = device_name(req.newname, newname);
	}
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	req.header.id = MESSAGE_REQ_VOTEQUORUM_QDEVICE_UPDATE;
	req.header.size = sizeof(req);
	return votequorum__status_request(handle, &req, sizeof(req));
}

VOTEQUORUM_EXPORT cs_error_t votequorum_qdevice_poll(votequorum_handle_t handle, const char *name,
						     unsigned int cast_vote,
						     votequorum_ring_id_t ring_id)
{
	struct req_lib_votequorum_qdevice_poll req;

	memset(&req, 0, sizeof(req));
	int rc = device_name(req.name, name);
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	req.header.id = MESSAGE_REQ_VOTEQUORUM_QDEVICE_POLL;
	req.header.size = sizeof(req);
	req.cast_vote = (int32_t)cast_vote;
	req.ring_id.nodeid = ring_id.nodeid;
	req.ring_id.seq = ring_id.seq;
	return votequorum__status_request(handle, &req, sizeof(req));
}

VOTEQUORUM_EXPORT cs_error_t votequorum_qdevice_master_wins(votequorum_handle_t handle,
							    const char *name, unsigned int allow)
{
	struct req_lib_votequorum_qdevice_master_wins req;

	memset(&req, 0, sizeof(req));
	int rc = device_name(req.name, name);
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	req.header.id = MESSAGE_REQ_VOTEQUORUM_QDEVICE_MASTER_WINS;
	req.header.size = sizeof(req);
	req.allow = allow;
	return votequorum__status_request(handle, &req, sizeof(req));
}
