/*
 * Service synchronisation (see sy.h).
 */
#include <errno.h>
#include <string.h>
#include <qb/qbipc_common.h>
#include <qb/qbloop.h>

#define CS_LOG_SUBSYS CS_SUBSYS_SYNC
#include "../common/cs_log.h"
#include "exec.h"
#include "exec_int.h"
#include "service.h"
#include "sync.h"

#define SYNC_BARRIER 0
#define RETRY_NS (10 * 1000 * 1000ull)

struct sync_barrier {
	struct qb_ipc_request_header header;
	uint32_t ring_rep;
	uint32_t service;
	uint64_t ring_seq;
};

static struct {
	bool running;
	struct totem_ring_id ring;
	uint32_t members[TOTEM_MEMBERS_MAX];
	size_t n_members;
	uint32_t trans[TOTEM_MEMBERS_MAX];
	size_t n_trans;
	size_t current;  /* index in cs_services */
	bool state_sent; /* the service's sync_process is done */
	bool barrier_sent;
	bool arrived[TOTEM_MEMBERS_MAX];
	qb_loop_timer_handle retry;
	bool retry_armed;
	bool first_done;
} sy;

bool cs_sync_in_progress(void)
{
	return sy.running;
}

static void step(void);

static void retry_fired(void *data)
{
	sy.retry_armed = false;
	step();
}

static void retry_later(void)
{
	if (!sy.retry_armed) {
		sy.retry_armed = true;
		qb_loop_timer_add(cs_exec_loop(), QB_LOOP_HIGH, RETRY_NS, NULL, retry_fired,
				  &sy.retry);
	}
}

static bool has_sync(const struct cs_service *svc)
{
	return svc->sync_init != NULL;
}

/* Skip services that have nothing to synchronise. */
static void skip_to_syncing(void)
{
	while (sy.current < cs_n_services && !has_sync(cs_services[sy.current])) {
		sy.current++;
	}
}

static void service_begin(void)
{
	const struct cs_service *svc = cs_services[sy.current];

	memset(sy.arrived, 0, sizeof(sy.arrived));
	sy.state_sent = false;
	sy.barrier_sent = false;
	svc->sync_init(sy.trans, sy.n_trans, sy.members, sy.n_members, &sy.ring);
}

static int send_barrier(void)
{
	struct sync_barrier b;
	struct iovec iov = { &b, sizeof(b) };

	/* the header's fields are 8-aligned: no padding goes out unset */
	memset(&b, 0, sizeof(b));
	b.header.id = SYNC_BARRIER;
	b.header.size = sizeof(b);
	b.ring_rep = sy.ring.rep;
	b.ring_seq = sy.ring.seq;
	b.service = (uint32_t)sy.current;

	return cs_exec_sync_mcast(&iov, 1);
}

/* Let the current service send its state, then our barrier. */
static void step(void)
{
	if (!sy.running || sy.barrier_sent) {
		return;
	}
	const struct cs_service *svc = cs_services[sy.current];
	if (!sy.state_sent && svc->sync_process() < 0) {
		retry_later();
		return;
	}
	sy.state_sent = true;
	if (send_barrier() < 0) {
		retry_later();
		return;
	}
	sy.barrier_sent = true;
}

static void finished(void)
{
	sy.running = false;
	cs_exec_flow_update();
	if (!sy.first_done) {
		sy.first_done = true;
	}
	cs_log(LOG_NOTICE, "Completed service synchronization, ready to provide service.");
}

void cs_sync_start(const uint32_t *trans, size_t n_trans, const uint32_t *members, size_t n_members,
		   const struct totem_ring_id *ring_id)
{
	cs_sync_abort();
	sy.running = true;
	sy.ring = *ring_id;
	memcpy(sy.members, members, n_members * sizeof(members[0]));
	sy.n_members = n_members;
	memcpy(sy.trans, trans, n_trans * sizeof(trans[0]));
	sy.n_trans = n_trans;
	sy.current = 0;
	skip_to_syncing();
	if (sy.current == cs_n_services) {
		finished();
		return;
	}
	service_begin();
	step();
}

void cs_sync_abort(void)
{
	if (sy.retry_armed) {
		qb_loop_timer_del(cs_exec_loop(), sy.retry);
		sy.retry_armed = false;
	}
	if (sy.running && sy.current < cs_n_services &&
	    cs_services[sy.current]->sync_abort != NULL) {
		cs_services[sy.current]->sync_abort();
	}
	sy.running = false;
}

static bool all_arrived(void)
{
	for (size_t i = 0; i < sy.n_members; i++) {
		if (!sy.arrived[i]) {
			return false;
		}
	}
	return true;
}

void cs_sync_deliver(uint32_t nodeid, const void *msg, size_t len)
{
	const struct sync_barrier *b = msg;

	if (len != sizeof(*b) || b->header.id != SYNC_BARRIER) {
		cs_log(LOG_WARNING, "Dropping a malformed sync message from node %u", nodeid);
		return;
	}
	if (!sy.running || b->ring_rep != sy.ring.rep || b->ring_seq != sy.ring.seq ||
	    b->service != sy.current) {
		return; /* from an earlier configuration */
	}
	for (size_t i = 0; i < sy.n_members; i++) {
		if (sy.members[i] == nodeid) {
			sy.arrived[i] = true;
		}
	}
	if (!all_arrived()) {
		return;
	}
	cs_services[sy.current]->sync_activate();
	sy.current++;
	skip_to_syncing();
	if (sy.current == cs_n_services) {
		finished();
		return;
	}
	service_begin();
	step();
}
