/*
 * CPG, the agreed-order side: joins, leaves and messages as totem
 * delivers them, node failures at configuration changes, and the joinlist
 * exchange that tells merging partitions about each other's processes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_CPG
#include "../common/cs_log.h"
#include "cpg_groups.h"
#include "cpg_int.h"
#include "exec.h"

#define LEAVE_RETRY_NS (20 * 1000 * 1000ull)

/* A leave waiting for room in totem. */
struct pending_leave {
	struct pending_leave *next;
	mar_cpg_name_t group;
	uint32_t pid;
	uint32_t reason;
};

/* What the joinlists of merging nodes announced, applied at activation. */
struct announced {
	uint32_t nodeid;
	uint32_t pid;
	mar_cpg_name_t group;
};

static struct {
	struct pending_leave *leaves;
	bool leave_retry_armed;
	qb_loop_timer_handle leave_retry;
	uint32_t regular[TOTEM_MEMBERS_MAX]; /* members of the last regular ring */
	size_t n_regular;
	uint32_t joining[TOTEM_MEMBERS_MAX]; /* nodes whose processes we learn */
	size_t n_joining;
	struct announced *announced;
	size_t n_announced, cap_announced;
} cpg;

static bool in_list(const uint32_t *ids, size_t n, uint32_t id)
{
	for (size_t i = 0; i < n; i++) {
		if (ids[i] == id) {
			return true;
		}
	}
	return false;
}

/* ---- sending ---- */

int cpg_send_membership(enum cpg_exec_fn fn, const mar_cpg_name_t *group, uint32_t pid,
			uint32_t reason)
{
	struct cpg_exec_procjoin m = { 0 };
	struct iovec iov = { &m, sizeof(m) };

	m.header.id = cs_exec_id(CS_SERVICE_CPG, (uint16_t)fn);
	m.header.size = sizeof(m);
	m.group = *group;
	m.pid = pid;
	m.reason = reason;
	return cs_exec_mcast(&iov, 1);
}

static void leaves_flush(void *data)
{
	cpg.leave_retry_armed = false;
	while (cpg.leaves != NULL) {
		struct pending_leave *l = cpg.leaves;
		if (cpg_send_membership(CPG_EXEC_PROCLEAVE, &l->group, l->pid, l->reason) < 0) {
			cpg.leave_retry_armed = true;
			qb_loop_timer_add(cs_exec_loop(), QB_LOOP_MED, LEAVE_RETRY_NS, NULL,
					  leaves_flush, &cpg.leave_retry);
			return;
		}
		cpg.leaves = l->next;
		free(l);
	}
}

void cpg_send_leave_reliably(const mar_cpg_name_t *group, uint32_t pid, uint32_t reason)
{
	struct pending_leave *l = calloc(1, sizeof(*l)), **tail = &cpg.leaves;

	if (l == NULL) {
		cs_log(LOG_CRIT, "Out of memory: the leave of pid %u is lost", pid);
		return;
	}
	l->group = *group;
	l->pid = pid;
	l->reason = reason;
	while (*tail != NULL) {
		tail = &(*tail)->next;
	}
	*tail = l;
	if (!cpg.leave_retry_armed) {
		leaves_flush(NULL);
	}
}

bool cpg_leave_pending(const mar_cpg_name_t *group, uint32_t pid)
{
	for (struct pending_leave *l = cpg.leaves; l != NULL; l = l->next) {
		if (l->pid == pid && mar_cpg_name_compare(&l->group, group) == 0) {
			return true;
		}
	}
	return false;
}

/* ---- notifications to local clients ---- */

static struct cpg_conn *cpd_of(struct cs_conn *conn)
{
	return cs_conn_private(conn);
}

/* A confchg for @g (possibly freed: pass its name) to one connection. */
struct confchg_ctx {
	const mar_cpg_name_t *name;
	const struct cpg_group *g; /* NULL when the group became empty */
	const mar_cpg_address_t *left;
	size_t n_left;
	const mar_cpg_address_t *joined;
	size_t n_joined;
};

static void send_confchg(struct cs_conn *conn, const struct confchg_ctx *c)
{
	size_t n_members = c->g ? c->g->n : 0;
	struct res_lib_cpg_confchg_callback hdr = { 0 };
	mar_cpg_address_t *members = calloc(n_members + 1, sizeof(*members));
	struct iovec iov[4];

	if (members == NULL) {
		return;
	}
	for (size_t i = 0; i < n_members; i++) {
		members[i].nodeid = c->g->members[i].nodeid;
		members[i].pid = c->g->members[i].pid;
		members[i].reason = CONFCHG_CPG_REASON_JOIN;
	}
	hdr.header.id = MESSAGE_RES_CPG_CONFCHG_CALLBACK;
	hdr.header.size = (int32_t)(sizeof(hdr) + (n_members + c->n_left + c->n_joined) *
							  sizeof(mar_cpg_address_t));
	hdr.header.error = CS_OK;
	hdr.group_name = *c->name;
	hdr.member_list_entries = (uint32_t)n_members;
	hdr.joined_list_entries = (uint32_t)c->n_joined;
	hdr.left_list_entries = (uint32_t)c->n_left;
	/* on the wire: members, then left, then joined */
	iov[0] = (struct iovec){ &hdr, sizeof(hdr) };
	iov[1] = (struct iovec){ members, n_members * sizeof(*members) };
	iov[2] = (struct iovec){ (void *)c->left, c->n_left * sizeof(*c->left) };
	iov[3] = (struct iovec){ (void *)c->joined, c->n_joined * sizeof(*c->joined) };
	cs_conn_eventv(conn, iov, 4);
	free(members);
}

static bool watches(const struct cpg_conn *cpd, const mar_cpg_name_t *name)
{
	return cpd->state == CPD_JOINED && mar_cpg_name_compare(&cpd->group, name) == 0;
}

static void confchg_to_watchers(struct cs_conn *conn, void *data)
{
	const struct confchg_ctx *c = data;

	if (watches(cpd_of(conn), c->name)) {
		send_confchg(conn, c);
	}
}

/* ---- exec handlers ---- */

struct match {
	const mar_cpg_name_t *group;
	uint32_t pid;
	enum cpg_conn_state from, to;
};

/* Move our client that started a join or leave to its new state. */
static void advance_state(struct cs_conn *conn, void *data)
{
	const struct match *m = data;
	struct cpg_conn *cpd = cpd_of(conn);

	if (cpd->state == m->from && cpd->pid == m->pid &&
	    mar_cpg_name_compare(&cpd->group, m->group) == 0) {
		cpd->state = m->to;
	}
}

static void procjoin(const void *msg, size_t len, uint32_t nodeid)
{
	const struct cpg_exec_procjoin *m = msg;
	mar_cpg_address_t joined = { .nodeid = nodeid, .pid = m->pid, .reason = m->reason };
	struct cpg_group *g = cpg_group_get(&m->group, true);

	if (g == NULL || !cpg_group_add(g, nodeid, m->pid)) {
		return;
	}
	if (nodeid == cs_exec_nodeid()) {
		struct match mt = { &m->group, m->pid, CPD_JOIN_STARTED, CPD_JOINED };
		cs_conn_foreach(CS_SERVICE_CPG, advance_state, &mt);
	}
	struct confchg_ctx c = { .name = &m->group, .g = g, .joined = &joined, .n_joined = 1 };
	cs_conn_foreach(CS_SERVICE_CPG, confchg_to_watchers, &c);
}

/* The leaving client itself hears of its leave, then is out. */
static void confchg_to_leaver(struct cs_conn *conn, void *data)
{
	const struct confchg_ctx *c = data;
	struct cpg_conn *cpd = cpd_of(conn);

	if (cpd->state == CPD_LEAVE_STARTED && cpd->pid == c->left[0].pid &&
	    c->left[0].nodeid == cs_exec_nodeid() &&
	    mar_cpg_name_compare(&cpd->group, c->name) == 0) {
		send_confchg(conn, c);
		cpd->state = CPD_UNJOINED;
	}
}

static void procleave(const void *msg, size_t len, uint32_t nodeid)
{
	const struct cpg_exec_procjoin *m = msg;
	mar_cpg_address_t left = { .nodeid = nodeid, .pid = m->pid, .reason = m->reason };
	struct cpg_group *g = cpg_group_get(&m->group, false);
	mar_cpg_name_t name = m->group;

	if (g == NULL || !cpg_group_has(g, nodeid, m->pid)) {
		return;
	}
	cpg_group_remove(g, nodeid, m->pid);
	g = cpg_group_get(&name, false); /* NULL if it emptied */
	struct confchg_ctx c = { .name = &name, .g = g, .left = &left, .n_left = 1 };
	cs_conn_foreach(CS_SERVICE_CPG, confchg_to_watchers, &c);
	cs_conn_foreach(CS_SERVICE_CPG, confchg_to_leaver, &c);
}

struct delivery {
	const struct cpg_exec_mcast *m;
	uint32_t nodeid;
	size_t payload;
	bool partial;
};

static void deliver_to(struct cs_conn *conn, void *data)
{
	const struct delivery *d = data;
	struct iovec iov[2];

	if (!watches(cpd_of(conn), &d->m->group)) {
		return;
	}
	if (d->partial) {
		struct res_lib_cpg_partial_deliver_callback r = { 0 };
		r.header.id = MESSAGE_RES_CPG_PARTIAL_DELIVER_CALLBACK;
		r.header.size = (int32_t)(sizeof(r) + d->payload);
		r.header.error = CS_OK;
		r.group_name = d->m->group;
		r.msglen = d->m->msglen;
		r.fraglen = d->m->fraglen;
		r.nodeid = d->nodeid;
		r.pid = d->m->pid;
		r.type = d->m->type;
		iov[0] = (struct iovec){ &r, sizeof(r) };
		iov[1] = (struct iovec){ (void *)d->m->message, d->payload };
		cs_conn_eventv(conn, iov, 2);
		return;
	}
	struct res_lib_cpg_deliver_callback r = { 0 };
	r.header.id = MESSAGE_RES_CPG_DELIVER_CALLBACK;
	r.header.size = (int32_t)(sizeof(r) + d->payload);
	r.header.error = CS_OK;
	r.group_name = d->m->group;
	r.msglen = d->m->msglen;
	r.nodeid = d->nodeid;
	r.pid = d->m->pid;
	iov[0] = (struct iovec){ &r, sizeof(r) };
	iov[1] = (struct iovec){ (void *)d->m->message, d->payload };
	cs_conn_eventv(conn, iov, 2);
}

static void mcast(const void *msg, size_t len, uint32_t nodeid, bool partial)
{
	const struct cpg_exec_mcast *m = msg;
	size_t payload = partial ? m->fraglen : m->msglen;
	struct delivery d = { m, nodeid, payload, partial };

	if (sizeof(*m) + payload != len) {
		cs_log(LOG_WARNING,
		       "Dropping a CPG message from node %u: length %zu does not match", nodeid,
		       len);
		return;
	}
	cs_conn_foreach(CS_SERVICE_CPG, deliver_to, &d);
}

static void mcast_whole(const void *msg, size_t len, uint32_t nodeid)
{
	mcast(msg, len, nodeid, false);
}

static void mcast_partial(const void *msg, size_t len, uint32_t nodeid)
{
	mcast(msg, len, nodeid, true);
}

static void joinlist(const void *msg, size_t len, uint32_t nodeid)
{
	const struct cpg_exec_joinlist *m = msg;

	if (len != sizeof(*m) + m->count * sizeof(m->entries[0])) {
		cs_log(LOG_WARNING, "Dropping a malformed joinlist from node %u", nodeid);
		return;
	}
	if (!in_list(cpg.joining, cpg.n_joining, nodeid)) {
		return; /* we knew its processes already */
	}
	for (uint32_t i = 0; i < m->count; i++) {
		if (cpg.n_announced == cpg.cap_announced) {
			size_t cap = cpg.cap_announced ? cpg.cap_announced * 2 : 64;
			struct announced *a = realloc(cpg.announced, cap * sizeof(*a));
			if (a == NULL) {
				return;
			}
			cpg.announced = a;
			cpg.cap_announced = cap;
		}
		cpg.announced[cpg.n_announced++] =
			(struct announced){ nodeid, m->entries[i].pid, m->entries[i].group };
	}
}

const struct cs_exec_handler cpg_exec_handlers[CPG_EXEC_COUNT] = {
	[CPG_EXEC_PROCJOIN] = { procjoin, sizeof(struct cpg_exec_procjoin) },
	[CPG_EXEC_PROCLEAVE] = { procleave, sizeof(struct cpg_exec_procjoin) },
	[CPG_EXEC_JOINLIST] = { joinlist, sizeof(struct cpg_exec_joinlist) },
	[CPG_EXEC_MCAST] = { mcast_whole, sizeof(struct cpg_exec_mcast) },
	[CPG_EXEC_PARTIAL_MCAST] = { mcast_partial, sizeof(struct cpg_exec_mcast) },
};

/* ---- configuration changes ---- */

static void send_totem(struct cs_conn *conn, void *data)
{
	cpg_notify_totem(conn);
}

void cpg_notify_totem(struct cs_conn *conn)
{
	size_t n;
	const uint32_t *members = cs_exec_members(&n);
	const struct totem_ring_id *ring = cs_exec_ring_id();
	struct res_lib_cpg_totem_confchg_callback r = { 0 };
	struct iovec iov[3];
	uint32_t slack = 0;

	r.header.id = MESSAGE_RES_CPG_TOTEM_CONFCHG_CALLBACK;
	/* corosync counts the struct's padded size plus the list */
	r.header.size = (int32_t)(sizeof(r) + n * sizeof(uint32_t));
	r.header.error = CS_OK;
	r.ring_id.nodeid = ring->rep;
	r.ring_id.seq = ring->seq;
	r.member_list_entries = (uint32_t)n;
	iov[0] = (struct iovec){ &r,
				 offsetof(struct res_lib_cpg_totem_confchg_callback, member_list) };
	iov[1] = (struct iovec){ (void *)members, n * sizeof(uint32_t) };
	iov[2] = (struct iovec){ &slack, sizeof(r) - iov[0].iov_len };
	cs_conn_eventv(conn, iov, 3);
}

/* Processes of nodes that are gone leave their groups (NODEDOWN). */
static void remove_nodes(const uint32_t *gone, size_t n_gone)
{
	struct cpg_group *g = cpg_groups_first();

	while (g != NULL) {
		struct cpg_group *next = g->next;
		mar_cpg_name_t name = g->name;
		mar_cpg_address_t *left = calloc(g->n, sizeof(*left));
		size_t n_left = 0;

		for (size_t i = 0; left != NULL && i < g->n; i++) {
			if (in_list(gone, n_gone, g->members[i].nodeid)) {
				left[n_left++] = (mar_cpg_address_t){ g->members[i].nodeid,
								      g->members[i].pid,
								      CONFCHG_CPG_REASON_NODEDOWN };
			}
		}
		for (size_t i = 0; i < n_left; i++) {
			g = cpg_group_get(&name, false);
			if (g != NULL) {
				cpg_group_remove(g, left[i].nodeid, left[i].pid);
			}
		}
		if (n_left > 0) {
			struct confchg_ctx c = { .name = &name,
						 .g = cpg_group_get(&name, false),
						 .left = left,
						 .n_left = n_left };
			cs_conn_foreach(CS_SERVICE_CPG, confchg_to_watchers, &c);
		}
		free(left);
		g = next;
	}
}

void cpg_confchg(enum totem_confchg_type type, const uint32_t *members, size_t n_members,
		 const uint32_t *left, size_t n_left, const uint32_t *joined, size_t n_joined,
		 const struct totem_ring_id *ring_id)
{
	if (type == TOTEM_CONFCHG_TRANSITIONAL) {
		uint32_t gone[TOTEM_MEMBERS_MAX];
		size_t n_gone = 0;
		for (size_t i = 0; i < cpg.n_regular; i++) {
			if (!in_list(members, n_members, cpg.regular[i]) &&
			    cpg.regular[i] != cs_exec_nodeid()) {
				gone[n_gone++] = cpg.regular[i];
			}
		}
		remove_nodes(gone, n_gone);
		return;
	}
	memcpy(cpg.regular, members, n_members * sizeof(members[0]));
	cpg.n_regular = n_members;
	cs_conn_foreach(CS_SERVICE_CPG, send_totem, NULL);
}

/* ---- sync ---- */

void cpg_sync_init(const uint32_t *trans, size_t n_trans, const uint32_t *members, size_t n_members,
		   const struct totem_ring_id *ring_id)
{
	cpg.n_joining = 0;
	for (size_t i = 0; i < n_members; i++) {
		if (!in_list(trans, n_trans, members[i]) && members[i] != cs_exec_nodeid()) {
			cpg.joining[cpg.n_joining++] = members[i];
		}
	}
	/* whatever we still believe about them is stale */
	remove_nodes(cpg.joining, cpg.n_joining);
	cpg.n_announced = 0;
}

struct joinlist_build {
	struct cpg_exec_joinlist *m;
	size_t cap;
};

static void add_joined(struct cs_conn *conn, void *data)
{
	struct joinlist_build *b = data;
	const struct cpg_conn *cpd = cpd_of(conn);

	if (cpd->state == CPD_JOINED && b->m->count < b->cap) {
		b->m->entries[b->m->count].pid = cpd->pid;
		b->m->entries[b->m->count].group = cpd->group;
		b->m->count++;
	}
}

static size_t count_conns(void)
{
	size_t n = 0;

	for (struct cpg_group *g = cpg_groups_first(); g != NULL; g = g->next) {
		for (size_t i = 0; i < g->n; i++) {
			n += g->members[i].nodeid == cs_exec_nodeid();
		}
	}
	return n;
}

int cpg_sync_process(void)
{
	struct joinlist_build b = { .cap = count_conns() };
	size_t size;
	int rc;

	b.m = calloc(1, sizeof(*b.m) + b.cap * sizeof(b.m->entries[0]));
	if (b.m == NULL) {
		return -EAGAIN;
	}
	cs_conn_foreach(CS_SERVICE_CPG, add_joined, &b);
	size = sizeof(*b.m) + b.m->count * sizeof(b.m->entries[0]);
	b.m->header.id = cs_exec_id(CS_SERVICE_CPG, CPG_EXEC_JOINLIST);
	b.m->header.size = (int32_t)size;
	struct iovec iov = { b.m, size };
	rc = cs_exec_mcast(&iov, 1);
	free(b.m);
	return rc < 0 ? -EAGAIN : 0;
}

/* Processes the merging nodes announced join their groups (NODEUP). */
void cpg_sync_activate(void)
{
	for (size_t i = 0; i < cpg.n_announced; i++) {
		const struct announced *a = &cpg.announced[i];
		struct cpg_group *g = cpg_group_get(&a->group, true);
		mar_cpg_address_t joined = { a->nodeid, a->pid, CONFCHG_CPG_REASON_NODEUP };

		if (g == NULL || !cpg_group_add(g, a->nodeid, a->pid)) {
			continue;
		}
		struct confchg_ctx c = {
			.name = &a->group, .g = g, .joined = &joined, .n_joined = 1
		};
		cs_conn_foreach(CS_SERVICE_CPG, confchg_to_watchers, &c);
	}
	cpg.n_announced = 0;
	cpg.n_joining = 0;
}

void cpg_sync_abort(void)
{
	cpg.n_announced = 0;
	cpg.n_joining = 0;
}

void cpg_exec_fini(void)
{
	if (cpg.leave_retry_armed) {
		qb_loop_timer_del(cs_exec_loop(), cpg.leave_retry);
		cpg.leave_retry_armed = false;
	}
	while (cpg.leaves != NULL) {
		struct pending_leave *l = cpg.leaves;
		cpg.leaves = l->next;
		free(l);
	}
	free(cpg.announced);
	memset(&cpg, 0, sizeof(cpg));
	cpg_groups_clear();
}
