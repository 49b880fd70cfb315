/*
 * votequorum, the service: the NODEINFO and RECONFIGURE messages between
 * nodes, the sync after each configuration change, the last_man_standing
 * timer, runtime.votequorum.* in cmap, and libvotequorum's requests on the
 * "votequorum" IPC server.  The decision itself is vq_core.c's; the
 * quorum service publishes it (quorum_int.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <corosync/ipc_votequorum.h>

#define CS_LOG_SUBSYS CS_SUBSYS_VOTEQ
#include "../common/cs_log.h"
#include "exec.h"
#include "ipc.h"
#include "ipc_error.h"
#include "quorum_int.h"
#include "vq.h"

/* Exec messages (corosync's function numbers and layouts). */
enum vq_exec_fn {
	VQ_EXEC_NODEINFO = 0,
	VQ_EXEC_RECONFIGURE = 1,
	VQ_EXEC_QDEVICE_REG = 2,
	VQ_EXEC_QDEVICE_RECONFIGURE = 3,
	VQ_EXEC_COUNT = 4
};

struct vq_exec_nodeinfo {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t nodeid;
	uint32_t votes;
	uint32_t expected_votes;
	uint32_t flags;
};

struct vq_exec_reconfigure {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t nodeid;
	uint32_t value;
	uint8_t param;
	uint8_t pad[3];
};

#if defined(__x86_64__)
_Static_assert(sizeof(struct vq_exec_nodeinfo) == 32, "votequorum nodeinfo exec message");
_Static_assert(sizeof(struct vq_exec_reconfigure) == 32, "votequorum reconfigure exec message");
#endif

struct vq_conn {
	bool tracking;
	uint64_t context;
};

static struct {
	bool enabled; /* quorum.provider is votequorum */
	struct vq vq;
	struct totem_ring_id ring_id;
	bool nodeinfo_sent; /* in this sync */
	qb_loop_timer_handle lms_timer;
	bool lms_armed;
	struct cs_map_track *reload_track;
	struct cs_map_track *cancel_wfa_track;
} vs;

static struct vq_conn *vc_of(struct cs_conn *conn)
{
	return cs_conn_private(conn);
}

/* ---- to other nodes ---- */

static int send_nodeinfo(void)
{
	struct vq_exec_nodeinfo m = { 0 };
	struct iovec iov = { &m, sizeof(m) };
	struct vq_node self;

	vq_nodeinfo_own(&vs.vq, &self);
	m.header.id = cs_exec_id(CS_SERVICE_VOTEQUORUM, VQ_EXEC_NODEINFO);
	m.header.size = sizeof(m);
	m.nodeid = self.nodeid;
	m.votes = self.votes;
	m.expected_votes = self.expected_votes;
	m.flags = self.flags;
	return cs_exec_mcast(&iov, 1);
}

static int send_reconfigure(uint8_t param, uint32_t nodeid, uint32_t value)
{
	struct vq_exec_reconfigure m = { 0 };
	struct iovec iov = { &m, sizeof(m) };

	m.header.id = cs_exec_id(CS_SERVICE_VOTEQUORUM, VQ_EXEC_RECONFIGURE);
	m.header.size = sizeof(m);
	m.nodeid = nodeid;
	m.value = value;
	m.param = param;
	return cs_exec_mcast(&iov, 1);
}

/* ---- to libvotequorum's trackers ---- */

static void send_quorum_notification(struct cs_conn *conn, uint64_t context)
{
	struct res_lib_votequorum_quorum_notification m = { 0 };
	struct votequorum_node nodes[VQ_NODES_MAX];
	struct iovec iov[2] = { { &m, sizeof(m) }, { nodes, 0 } };

	for (size_t i = 0; i < vs.vq.n_nodes; i++) {
		nodes[i].nodeid = vs.vq.nodes[i].nodeid;
		nodes[i].state = vs.vq.nodes[i].state;
	}
	iov[1].iov_len = vs.vq.n_nodes * sizeof(nodes[0]);
	m.header.id = MESSAGE_RES_VOTEQUORUM_QUORUM_NOTIFICATION;
	m.header.size = (int32_t)(sizeof(m) + iov[1].iov_len);
	m.header.error = CS_OK;
	m.quorate = vs.vq.quorate;
	m.context = context;
	m.node_list_entries = (uint32_t)vs.vq.n_nodes;
	cs_conn_eventv(conn, iov, 2);
}

static void send_nodelist_notification(struct cs_conn *conn, uint64_t context)
{
	struct res_lib_votequorum_nodelist_notification m = { 0 };
	struct iovec iov[2] = { { &m, sizeof(m) },
				{ vs.vq.members, vs.vq.n_members * sizeof(uint32_t) } };

	m.header.id = MESSAGE_RES_VOTEQUORUM_NODELIST_NOTIFICATION;
	m.header.size = (int32_t)(sizeof(m) + iov[1].iov_len);
	m.header.error = CS_OK;
	m.context = context;
	m.ring_id.nodeid = vs.ring_id.rep;
	m.ring_id.seq = vs.ring_id.seq;
	m.node_list_entries = (uint32_t)vs.vq.n_members;
	cs_conn_eventv(conn, iov, 2);
}

static void send_expected_notification(struct cs_conn *conn, uint64_t context)
{
	struct res_lib_votequorum_expectedvotes_notification m = { 0 };

	m.header.id = MESSAGE_RES_VOTEQUORUM_EXPECTEDVOTES_NOTIFICATION;
	m.header.size = sizeof(m);
	m.header.error = CS_OK;
	m.context = context;
	m.expected_votes = vq_self(&vs.vq)->expected_votes;
	cs_conn_event(conn, &m, sizeof(m));
}

typedef void (*notify_fn)(struct cs_conn *conn, uint64_t context);

static void notify_tracker(struct cs_conn *conn, void *data)
{
	struct vq_conn *vc = vc_of(conn);

	if (vc->tracking) {
		(*(notify_fn *)data)(conn, vc->context);
	}
}

static void notify_trackers(notify_fn fn)
{
	cs_conn_foreach(CS_SERVICE_VOTEQUORUM, notify_tracker, &fn);
}

/* ---- acting on the decision ---- */

static void update_map(void)
{
	struct cs_map *map = cs_exec_map();

	cs_map_set_u32(map, "runtime.votequorum.this_node_id", vs.vq.this_node);
	cs_map_set_u8(map, "runtime.votequorum.two_node", vs.vq.cfg.two_node);
	/* as corosync: these two exist only with the option they report on */
	if (vs.vq.cfg.wait_for_all) {
		cs_map_set_u8(map, "runtime.votequorum.wait_for_all_status", vs.vq.wfa_status);
	}
	cs_map_set_u32(map, "runtime.votequorum.ev_barrier", vs.vq.ev_barrier);
	cs_map_set_u32(map, "runtime.votequorum.lowest_node_id", vs.vq.lowest_node_id);
	cs_map_set_u32(map, "runtime.votequorum.highest_node_id", vs.vq.highest_node_id);
	if (vs.vq.cfg.atb != VQ_ATB_NONE) {
		cs_map_set_u32(map, "runtime.votequorum.atb_type", vs.vq.cfg.atb);
	}
}

static void act(void);

static void lms_expired(void *data)
{
	vs.lms_armed = false;
	vq_lms_expired(&vs.vq);
	act();
}

static void lms_stop(void)
{
	if (vs.lms_armed) {
		qb_loop_timer_del(cs_exec_loop(), vs.lms_timer);
		vs.lms_armed = false;
	}
}

static void lms_arm(void)
{
	uint64_t ns = (uint64_t)vs.vq.cfg.last_man_standing_window * 1000000ull;

	lms_stop();
	if (qb_loop_timer_add(cs_exec_loop(), QB_LOOP_MED, ns, NULL, lms_expired, &vs.lms_timer) ==
	    0) {
		vs.lms_armed = true;
	}
}

static void publish_quorum(void)
{
	quorum_provider_set(vs.vq.quorate, vs.vq.members, vs.vq.n_members, &vs.ring_id);
	notify_trackers(send_quorum_notification);
}

/* Do what the last call into vq_core left pending. */
static void act(void)
{
	unsigned pending = vs.vq.pending;

	vs.vq.pending = 0;
	if (pending & VQ_PENDING_MAP) {
		update_map();
	}
	if (pending & VQ_PENDING_EXPECTED) {
		notify_trackers(send_expected_notification);
	}
	if (pending & VQ_PENDING_LMS_STOP) {
		lms_stop();
	}
	if (pending & VQ_PENDING_LMS_ARM) {
		lms_arm();
	}
	if (pending & VQ_PENDING_QUORUM) {
		publish_quorum();
	}
}

/* ---- messages from the nodes ---- */

static void exec_nodeinfo(const void *msg, size_t len, uint32_t from)
{
	const struct vq_exec_nodeinfo *m = msg;
	struct vq_node info = { .nodeid = m->nodeid,
				.votes = m->votes,
				.expected_votes = m->expected_votes,
				.flags = m->flags };

	cs_log(LOG_DEBUG, "got nodeinfo message from cluster node %u", from);
	cs_log(LOG_DEBUG, "nodeinfo message[%u]: votes: %u, expected: %u flags: %u", m->nodeid,
	       m->votes, m->expected_votes, m->flags);
	if (!vs.enabled || m->nodeid == 0) {
		return; /* nodeid 0 is a quorum device's: none here */
	}
	if (m->nodeid != from) {
		cs_log(LOG_WARNING, "Ignoring quorum information about node %u sent by node %u",
		       m->nodeid, from);
		return;
	}
	vq_nodeinfo(&vs.vq, &info);
	act();
}

static void exec_reconfigure(const void *msg, size_t len, uint32_t from)
{
	const struct vq_exec_reconfigure *m = msg;

	cs_log(LOG_DEBUG, "got reconfigure message from cluster node %u for %u", from, m->nodeid);
	if (vs.enabled) {
		vq_reconfigure(&vs.vq, m->param, m->nodeid, m->value);
		act();
	}
}

static void exec_qdevice(const void *msg, size_t len, uint32_t from)
{
	cs_log(LOG_DEBUG, "Ignoring a quorum device message from node %u: no quorum devices here",
	       from);
}

static const struct cs_exec_handler vq_exec_handlers[VQ_EXEC_COUNT] = {
	[VQ_EXEC_NODEINFO] = { exec_nodeinfo, sizeof(struct vq_exec_nodeinfo) },
	[VQ_EXEC_RECONFIGURE] = { exec_reconfigure, sizeof(struct vq_exec_reconfigure) },
	[VQ_EXEC_QDEVICE_REG] = { exec_qdevice, sizeof(struct qb_ipc_request_header) },
	[VQ_EXEC_QDEVICE_RECONFIGURE] = { exec_qdevice, sizeof(struct qb_ipc_request_header) },
};

/* ---- sync ---- */

static void vq_sync_init_hook(const uint32_t *trans, size_t n_trans, const uint32_t *members,
			      size_t n_members, const struct totem_ring_id *ring_id)
{
	if (!vs.enabled) {
		return;
	}
	vs.ring_id = *ring_id;
	vs.nodeinfo_sent = false;
	vq_sync_init(&vs.vq, members, n_members);
	act();
}

static int vq_sync_process_hook(void)
{
	if (!vs.enabled || vs.nodeinfo_sent) {
		return 0;
	}
	if (send_nodeinfo() < 0) {
		return -EAGAIN;
	}
	vs.nodeinfo_sent = true;
	notify_trackers(send_nodelist_notification);
	return 0;
}

static void vq_sync_activate_hook(void)
{
	if (!vs.enabled) {
		return;
	}
	vq_sync_activate(&vs.vq);
	vs.vq.pending &= ~VQ_PENDING_QUORUM; /* published below in any case */
	act();
	publish_quorum();
}

/* ---- libvotequorum's requests ---- */

static void reply_status(struct cs_conn *conn, int rc)
{
	cs_conn_error(conn, MESSAGE_RES_VOTEQUORUM_STATUS, cs_ipc_error(rc));
}

static void lib_getinfo(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_votequorum_getinfo *req = msg;
	struct res_lib_votequorum_getinfo m = { 0 };
	/* nodeid 0 names the quorum device; there is none, so this node */
	uint32_t nodeid = req->nodeid == 0 ? vs.vq.this_node : (uint32_t)req->nodeid;
	const struct vq_node *node = vs.enabled ? vq_node_find(&vs.vq, nodeid) : NULL;

	m.header.id = MESSAGE_RES_VOTEQUORUM_GETINFO;
	m.header.size = sizeof(m);
	m.header.error = node != NULL ? CS_OK : CS_ERR_NOT_EXIST;
	if (node != NULL) {
		m.nodeid = node->nodeid;
		m.state = node->state;
		m.votes = node->votes;
		m.expected_votes = node->expected_votes;
		vq_totals(&vs.vq, &m.total_votes, &m.highest_expected);
		m.quorum = vs.vq.quorum;
		m.flags = vq_info_flags(&vs.vq);
	}
	cs_conn_response(conn, &m, sizeof(m));
}

static void lib_setexpected(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_votequorum_setexpected *req = msg;
	int rc = vs.enabled ? vq_check_expected(&vs.vq, req->expected_votes) : -ENOENT;

	if (rc == 0) {
		rc = send_reconfigure(VQ_RECONF_EXPECTED, vs.vq.this_node, req->expected_votes);
	}
	reply_status(conn, rc);
}

static void lib_setvotes(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_votequorum_setvotes *req = msg;
	uint32_t nodeid = req->nodeid == 0 ? vs.vq.this_node : (uint32_t)req->nodeid;
	int rc = vs.enabled ? vq_check_votes(&vs.vq, nodeid, req->votes) : -ENOENT;

	if (rc == 0) {
		rc = send_reconfigure(VQ_RECONF_VOTES, nodeid, req->votes);
	}
	/* corosync answers NAME_NOT_FOUND for an unknown node */
	if (rc == -ENOENT && vs.enabled) {
		cs_conn_error(conn, MESSAGE_RES_VOTEQUORUM_STATUS, CS_ERR_NAME_NOT_FOUND);
		return;
	}
	reply_status(conn, rc);
}

static void lib_trackstart(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_votequorum_trackstart *req = msg;
	struct vq_conn *vc = vc_of(conn);

	if (!vs.enabled) {
		reply_status(conn, -ENOENT);
		return;
	}
	if ((req->track_flags & (CS_TRACK_CURRENT | CS_TRACK_CHANGES))) {
		send_nodelist_notification(conn, req->context);
		send_quorum_notification(conn, req->context);
	}
	if (vc->tracking) {
		reply_status(conn, -EEXIST);
		return;
	}
	if (req->track_flags & (CS_TRACK_CHANGES | CS_TRACK_CHANGES_ONLY)) {
		vc->tracking = true;
		vc->context = req->context;
	}
	reply_status(conn, 0);
}

static void lib_trackstop(struct cs_conn *conn, const void *msg, size_t len)
{
	struct vq_conn *vc = vc_of(conn);

	reply_status(conn, vc->tracking ? 0 : -ENOENT);
	vc->tracking = false;
}

/* Quorum devices (corosync-qdevice) are not part of this corosync:
 * registering is refused as corosync refuses it when its configuration
 * rules a device out, and nothing else finds a device registered. */
static void lib_qdevice_register(struct cs_conn *conn, const void *msg, size_t len)
{
	cs_log(LOG_INFO, "Registration of a quorum device refused: quorum devices are not "
			 "supported");
	reply_status(conn, -EACCES);
}

static void lib_qdevice_other(struct cs_conn *conn, const void *msg, size_t len)
{
	reply_status(conn, -ENOENT);
}

/* clang-format off */
#define REQ(id, fn, type, totem) [id] = { fn, sizeof(struct type), totem, false }
/* clang-format on */

static const struct cs_lib_handler vq_lib_handlers[] = {
	REQ(MESSAGE_REQ_VOTEQUORUM_GETINFO, lib_getinfo, req_lib_votequorum_getinfo, false),
	REQ(MESSAGE_REQ_VOTEQUORUM_SETEXPECTED, lib_setexpected, req_lib_votequorum_setexpected,
	    true),
	REQ(MESSAGE_REQ_VOTEQUORUM_SETVOTES, lib_setvotes, req_lib_votequorum_setvotes, true),
	REQ(MESSAGE_REQ_VOTEQUORUM_TRACKSTART, lib_trackstart, req_lib_votequorum_trackstart,
	    false),
	REQ(MESSAGE_REQ_VOTEQUORUM_TRACKSTOP, lib_trackstop, req_lib_votequorum_general, false),
	REQ(MESSAGE_REQ_VOTEQUORUM_QDEVICE_REGISTER, lib_qdevice_register,
	    req_lib_votequorum_qdevice_register, false),
	REQ(MESSAGE_REQ_VOTEQUORUM_QDEVICE_UNREGISTER, lib_qdevice_other,
	    req_lib_votequorum_qdevice_unregister, false),
	REQ(MESSAGE_REQ_VOTEQUORUM_QDEVICE_UPDATE, lib_qdevice_other,
	    req_lib_votequorum_qdevice_update, false),
	REQ(MESSAGE_REQ_VOTEQUORUM_QDEVICE_POLL, lib_qdevice_other, req_lib_votequorum_qdevice_poll,
	    false),
	REQ(MESSAGE_REQ_VOTEQUORUM_QDEVICE_MASTER_WINS, lib_qdevice_other,
	    req_lib_votequorum_qdevice_master_wins, false),
};

/* ---- configuration ---- */

static int read_config(struct vq_config *cfg)
{
	const struct totem_config *totem = cs_exec_totem_config();
	char *error = NULL;
	int rc = vq_config_read(cs_exec_map(), cs_exec_config_lines(), totem->nodeid,
				totem->node_count > 0 ? totem->local_node_pos : -1, cfg, &error);

	if (rc < 0) {
		cs_log(LOG_ERR, "%s", error != NULL ? error : strerror(-rc));
		free(error);
	}
	return rc;
}

/* After a reload: two_node, expected votes and this node's votes may
 * change (the rest takes a restart, as in corosync). */
static void reread_config(void)
{
	struct vq_config cfg;
	struct vq_node *self = vq_self(&vs.vq);
	uint32_t old_votes = self->votes, old_expected = self->expected_votes;

	if (read_config(&cfg) < 0) {
		cs_log(LOG_CRIT, "Keeping the quorum settings in use");
		return;
	}
	vs.vq.cfg.two_node = cfg.two_node;
	vs.vq.pending |= VQ_PENDING_MAP;
	act();
	send_nodeinfo();
	if (cfg.votes != old_votes) {
		send_reconfigure(VQ_RECONF_VOTES, vs.vq.this_node, cfg.votes);
	}
	if (cfg.expected_votes != old_expected) {
		send_reconfigure(VQ_RECONF_EXPECTED, vs.vq.this_node, cfg.expected_votes);
	}
}

static void on_reload(struct cs_map *map, const char *key, int event,
		      const struct cs_map_value *new_value, const struct cs_map_value *old_value,
		      void *data)
{
	if (new_value != NULL && new_value->type == CS_MAP_UINT8 &&
	    *(const uint8_t *)new_value->data == 0) {
		reread_config();
	}
}

/* corosync-cmapctl -s quorum.cancel_wait_for_all u8 1 */
static void on_cancel_wfa(struct cs_map *map, const char *key, int event,
			  const struct cs_map_value *new_value,
			  const struct cs_map_value *old_value, void *data)
{
	if (new_value != NULL && new_value->type == CS_MAP_UINT8 &&
	    *(const uint8_t *)new_value->data != 0) {
		cs_map_set_u8(map, "quorum.cancel_wait_for_all", 0);
		send_reconfigure(VQ_RECONF_CANCEL_WFA, vs.vq.this_node, 0);
	}
}

/* ---- the service ---- */

static int vq_svc_init(void)
{
	struct cs_map *map = cs_exec_map();
	struct vq_config cfg;
	int rc = quorum_provider_configured(map);

	if (rc <= 0) {
		return rc;
	}
	if ((rc = read_config(&cfg)) < 0) {
		return rc;
	}
	vs.enabled = true;
	vq_init(&vs.vq, &cfg, cs_exec_nodeid());
	act();
	cs_map_track_add(map, "config.reload_in_progress", CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY,
			 on_reload, NULL, &vs.reload_track);
	cs_map_track_add(map, "quorum.cancel_wait_for_all", CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY,
			 on_cancel_wfa, NULL, &vs.cancel_wfa_track);
	return 0;
}

static void vq_svc_fini(void)
{
	lms_stop();
	if (vs.reload_track != NULL) {
		cs_map_track_delete(cs_exec_map(), vs.reload_track);
	}
	if (vs.cancel_wfa_track != NULL) {
		cs_map_track_delete(cs_exec_map(), vs.cancel_wfa_track);
	}
	memset(&vs, 0, sizeof(vs));
}

static int conn_init(struct cs_conn *conn)
{
	memset(vc_of(conn), 0, sizeof(struct vq_conn));
	return 0;
}

const struct cs_service cs_votequorum_service = {
	.name = "corosync vote quorum service v1.0",
	.id = CS_SERVICE_VOTEQUORUM,
	.ipc_name = "votequorum",
	.conn_private = sizeof(struct vq_conn),
	.lib = vq_lib_handlers,
	.n_lib = sizeof(vq_lib_handlers) / sizeof(vq_lib_handlers[0]),
	.exec = vq_exec_handlers,
	.n_exec = VQ_EXEC_COUNT,
	.init = vq_svc_init,
	.fini = vq_svc_fini,
	.conn_init = conn_init,
	.sync_init = vq_sync_init_hook,
	.sync_process = vq_sync_process_hook,
	.sync_activate = vq_sync_activate_hook,
};
