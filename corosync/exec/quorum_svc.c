/*
 * The quorum service: libquorum's "quorum" IPC server.  It answers
 * whether this partition is quorate and pushes every change, with the
 * member list, to the clients that track it (pacemaker among them).  The
 * decision comes from the provider (see quorum_int.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <corosync/ipc_quorum.h>
#include <corosync/quorum.h>

#define CS_LOG_SUBSYS CS_SUBSYS_QUORUM
#include "../common/cs_log.h"
#include "exec.h"
#include "ipc.h"
#include "ipc_error.h"
#include "quorum_int.h"

struct quorum_conn {
	bool tracking;
	uint32_t track_flags;
	uint32_t model; /* QUORUM_MODEL_V0 or V1 */
};

static struct {
	bool provider; /* QUORUM_SET; else QUORUM_FREE: always quorate */
	bool quorate;
	bool decided; /* the provider spoke at least once */
	uint32_t members[TOTEM_NODES_MAX];
	size_t n_members;
	uint32_t prev_members[TOTEM_NODES_MAX]; /* of the ring before */
	size_t n_prev_members;
	struct totem_ring_id ring_id;
} qs;

static struct quorum_conn *qc_of(struct cs_conn *conn)
{
	return cs_conn_private(conn);
}

int quorum_provider_configured(const struct cs_map *map)
{
	char *provider = NULL;
	int rc = cs_map_get_string(map, "quorum.provider", &provider);

	if (rc == -ENOENT) {
		return 0;
	}
	if (rc < 0 || strcmp(provider, QUORUM_PROVIDER_VOTEQUORUM) != 0) {
		cs_log(LOG_ERR,
		       "quorum.provider: '%s' is not a quorum provider (the one there is: %s)",
		       provider != NULL ? provider : "?", QUORUM_PROVIDER_VOTEQUORUM);
		free(provider);
		return -EINVAL;
	}
	free(provider);
	return 1;
}

/* ---- notifications ---- */

/* "Members[3]: 1 2 3" */
static void log_members(const char *what, const uint32_t *list, size_t n)
{
	char text[1024];
	size_t used = 0;

	text[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof(text) - 12; i++) {
		used += (size_t)snprintf(text + used, sizeof(text) - used, " %u", list[i]);
	}
	cs_log(LOG_NOTICE, "%s[%zu]:%s", what, n, text);
}

static size_t not_in(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, uint32_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < na; i++) {
		bool found = false;
		for (size_t j = 0; j < nb && !found; j++) {
			found = a[i] == b[j];
		}
		if (!found) {
			out[n++] = a[i];
		}
	}
	return n;
}

/* An event whose fixed part of @fixed_size bytes (@head, header
 * included) ends in node ids from offset @list_at: corosync sizes these
 * as the struct plus 4 bytes per id, the ids overlapping the struct's
 * tail padding. */
static void send_listed(struct cs_conn *conn, void *head, size_t fixed_size, size_t list_at,
			const uint32_t *ids, size_t n_ids)
{
	size_t size = fixed_size + n_ids * sizeof(uint32_t);
	uint8_t *m = calloc(1, size);

	if (m == NULL) {
		cs_log(LOG_ERR, "Out of memory for a quorum notification");
		return;
	}
	((struct qb_ipc_response_header *)head)->size = (int32_t)size;
	((struct qb_ipc_response_header *)head)->error = CS_OK;
	memcpy(m, head, list_at);
	memcpy(m + list_at, ids, n_ids * sizeof(uint32_t));
	cs_conn_event(conn, m, size);
	free(m);
}

static void send_v0(struct cs_conn *conn)
{
	struct res_lib_quorum_notification m = { 0 };

	m.header.id = MESSAGE_RES_QUORUM_NOTIFICATION;
	m.quorate = qs.quorate;
	m.ring_seq = qs.ring_id.seq;
	m.view_list_entries = (uint32_t)qs.n_members;
	send_listed(conn, &m, sizeof(m), offsetof(struct res_lib_quorum_notification, view_list),
		    qs.members, qs.n_members);
}

static void send_v1_quorum(struct cs_conn *conn)
{
	struct res_lib_quorum_v1_quorum_notification m = { 0 };

	m.header.id = MESSAGE_RES_QUORUM_V1_QUORUM_NOTIFICATION;
	m.quorate = qs.quorate;
	m.ring_id.nodeid = qs.ring_id.rep;
	m.ring_id.seq = qs.ring_id.seq;
	m.view_list_entries = (uint32_t)qs.n_members;
	send_listed(conn, &m, sizeof(m),
		    offsetof(struct res_lib_quorum_v1_quorum_notification, view_list), qs.members,
		    qs.n_members);
}

/* V1's member list, followed by who joined and who left since the last
 * ring when @changes. */
static void send_v1_nodelist(struct cs_conn *conn, bool changes)
{
	struct res_lib_quorum_v1_nodelist_notification m = { 0 };
	uint32_t ids[3 * TOTEM_NODES_MAX];
	size_t n_joined = 0, n_left = 0;

	memcpy(ids, qs.members, qs.n_members * sizeof(uint32_t));
	if (changes) {
		n_joined = not_in(qs.members, qs.n_members, qs.prev_members, qs.n_prev_members,
				  ids + qs.n_members);
		n_left = not_in(qs.prev_members, qs.n_prev_members, qs.members, qs.n_members,
				ids + qs.n_members + n_joined);
	}
	m.header.id = MESSAGE_RES_QUORUM_V1_NODELIST_NOTIFICATION;
	m.ring_id.nodeid = qs.ring_id.rep;
	m.ring_id.seq = qs.ring_id.seq;
	m.member_list_entries = (uint32_t)qs.n_members;
	m.joined_list_entries = (uint32_t)n_joined;
	m.left_list_entries = (uint32_t)n_left;
	send_listed(conn, &m, sizeof(m),
		    offsetof(struct res_lib_quorum_v1_nodelist_notification, member_list), ids,
		    qs.n_members + n_joined + n_left);
}

static void notify(struct cs_conn *conn, bool with_nodelist)
{
	if (qc_of(conn)->model == QUORUM_MODEL_V1) {
		if (with_nodelist) {
			send_v1_nodelist(conn, true);
		}
		send_v1_quorum(conn);
	} else {
		send_v0(conn);
	}
}

static void notify_tracker(struct cs_conn *conn, void *data)
{
	if (qc_of(conn)->tracking) {
		notify(conn, *(bool *)data);
	}
}

static void set_state(bool quorate, const uint32_t *members, size_t n_members,
		      const struct totem_ring_id *ring_id)
{
	bool new_ring = qs.ring_id.rep != ring_id->rep || qs.ring_id.seq != ring_id->seq;

	if (n_members > TOTEM_NODES_MAX) {
		n_members = TOTEM_NODES_MAX;
	}
	if (new_ring) {
		memcpy(qs.prev_members, qs.members, qs.n_members * sizeof(uint32_t));
		qs.n_prev_members = qs.n_members;
	}
	if (!qs.decided || quorate != qs.quorate) {
		cs_log(LOG_NOTICE,
		       quorate ? "This node is within the primary component and will "
				 "provide service."
			       : "This node is within the non-primary component and will "
				 "NOT provide any services.");
	}
	qs.decided = true;
	qs.quorate = quorate;
	memcpy(qs.members, members, n_members * sizeof(uint32_t));
	qs.n_members = n_members;
	qs.ring_id = *ring_id;
	log_members("Members", members, n_members);
	cs_conn_foreach(CS_SERVICE_QUORUM, notify_tracker, &new_ring);
}

void quorum_provider_set(bool quorate, const uint32_t *members, size_t n_members,
			 const struct totem_ring_id *ring_id)
{
	if (qs.provider) {
		set_state(quorate, members, n_members, ring_id);
	}
}

/* ---- sync: log the ring; without a provider, it is the decision ---- */

static struct {
	uint32_t members[TOTEM_NODES_MAX];
	size_t n_members;
	struct totem_ring_id ring_id;
} pending;

static void quorum_sync_init(const uint32_t *trans, size_t n_trans, const uint32_t *members,
			     size_t n_members, const struct totem_ring_id *ring_id)
{
	uint32_t list[TOTEM_NODES_MAX];

	n_members = n_members > TOTEM_NODES_MAX ? TOTEM_NODES_MAX : n_members;
	memcpy(pending.members, members, n_members * sizeof(uint32_t));
	pending.n_members = n_members;
	pending.ring_id = *ring_id;
	log_members("Sync members", members, n_members);
	size_t n = not_in(members, n_members, qs.members, qs.n_members, list);
	if (n > 0) {
		log_members("Sync joined", list, n);
	}
	n = not_in(qs.members, qs.n_members, members, n_members, list);
	if (n > 0) {
		log_members("Sync left", list, n);
	}
}

static int quorum_sync_process(void)
{
	return 0;
}

static void quorum_sync_activate(void)
{
	if (!qs.provider) {
		set_state(true, pending.members, pending.n_members, &pending.ring_id);
	}
}

/* ---- libquorum's requests ---- */

static void reply_u32(struct cs_conn *conn, int32_t id, uint32_t value)
{
	struct res_lib_quorum_getquorate m = { 0 };

	m.header.id = id;
	m.header.size = sizeof(m);
	m.header.error = CS_OK;
	m.quorate = value;
	cs_conn_response(conn, &m, sizeof(m));
}

static void lib_getquorate(struct cs_conn *conn, const void *msg, size_t len)
{
	reply_u32(conn, MESSAGE_RES_QUORUM_GETQUORATE, qs.provider ? qs.quorate : 1);
}

static void lib_trackstart(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_quorum_trackstart *req = msg;
	struct quorum_conn *qc = qc_of(conn);

	if (qc->tracking) {
		cs_conn_error(conn, MESSAGE_RES_QUORUM_TRACKSTART, CS_ERR_EXIST);
		return;
	}
	/* the present state goes out first; the client reads it after the
	 * answer, on its next dispatch */
	if ((req->track_flags & (CS_TRACK_CURRENT | CS_TRACK_CHANGES)) && qs.decided) {
		if (qc->model == QUORUM_MODEL_V1) {
			send_v1_nodelist(conn, false);
			send_v1_quorum(conn);
		} else {
			send_v0(conn);
		}
	}
	if (req->track_flags & (CS_TRACK_CHANGES | CS_TRACK_CHANGES_ONLY)) {
		qc->tracking = true;
		qc->track_flags = req->track_flags;
	}
	cs_conn_error(conn, MESSAGE_RES_QUORUM_TRACKSTART, CS_OK);
}

static void lib_trackstop(struct cs_conn *conn, const void *msg, size_t len)
{
	qc_of(conn)->tracking = false;
	cs_conn_error(conn, MESSAGE_RES_QUORUM_TRACKSTOP, CS_OK);
}

static void lib_gettype(struct cs_conn *conn, const void *msg, size_t len)
{
	reply_u32(conn, MESSAGE_RES_QUORUM_GETTYPE, qs.provider ? QUORUM_SET : QUORUM_FREE);
}

static void lib_model_gettype(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_quorum_model_gettype *req = msg;

	if (req->model != QUORUM_MODEL_V0 && req->model != QUORUM_MODEL_V1) {
		cs_conn_error(conn, MESSAGE_RES_QUORUM_MODEL_GETTYPE, CS_ERR_INVALID_PARAM);
		return;
	}
	qc_of(conn)->model = req->model;
	reply_u32(conn, MESSAGE_RES_QUORUM_MODEL_GETTYPE, qs.provider ? QUORUM_SET : QUORUM_FREE);
}

/* ---- the service ---- */

static int quorum_init(void)
{
	int rc = quorum_provider_configured(cs_exec_map());

	if (rc < 0) {
		return rc;
	}
	qs.provider = rc == 1;
	cs_log(LOG_NOTICE, qs.provider
				   ? "Using quorum provider " QUORUM_PROVIDER_VOTEQUORUM
				   : "No quorum provider: the cluster counts as always quorate");
	return 0;
}

static int conn_init(struct cs_conn *conn)
{
	memset(qc_of(conn), 0, sizeof(struct quorum_conn));
	return 0;
}

/* clang-format off */
#define REQ(id, fn, size) [id] = { fn, size, false, false }
/* clang-format on */

static const struct cs_lib_handler quorum_lib_handlers[] = {
	REQ(MESSAGE_REQ_QUORUM_GETQUORATE, lib_getquorate, sizeof(struct qb_ipc_request_header)),
	REQ(MESSAGE_REQ_QUORUM_TRACKSTART, lib_trackstart,
	    sizeof(struct req_lib_quorum_trackstart)),
	REQ(MESSAGE_REQ_QUORUM_TRACKSTOP, lib_trackstop, sizeof(struct qb_ipc_request_header)),
	REQ(MESSAGE_REQ_QUORUM_GETTYPE, lib_gettype, sizeof(struct qb_ipc_request_header)),
	REQ(MESSAGE_REQ_QUORUM_MODEL_GETTYPE, lib_model_gettype,
	    sizeof(struct req_lib_quorum_model_gettype)),
};

const struct cs_service cs_quorum_service = {
	.name = "corosync cluster quorum service v0.1",
	.id = CS_SERVICE_QUORUM,
	.ipc_name = "quorum",
	.conn_private = sizeof(struct quorum_conn),
	.lib = quorum_lib_handlers,
	.n_lib = sizeof(quorum_lib_handlers) / sizeof(quorum_lib_handlers[0]),
	.init = quorum_init,
	.conn_init = conn_init,
	.sync_init = quorum_sync_init,
	.sync_process = quorum_sync_process,
	.sync_activate = quorum_sync_activate,
};
