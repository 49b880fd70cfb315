/*
 * Discrete-event simulation of a network of Totem SRP engines.  Time is
 * virtual (microseconds); packets take 200-700 us and may be lost or
 * reordered; partitions and crashes are instantaneous.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "totem_sim.h"

enum event_kind { EV_PACKET, EV_TIMER };

struct event {
	uint64_t time;
	uint64_t order;
	enum event_kind kind;
	unsigned node;
	unsigned gen; /* the node's incarnation it belongs to */
	bool cancelled;
	void (*fn)(void *);
	void *data;
	uint8_t *pkt;
	size_t len;
};

struct node_ctx {
	struct sim *sim;
	unsigned node;
};

/* Messages a node's application queued, waiting for the token. */
#define SIM_QUEUE_MAX 4096

struct sim_node {
	struct totem_srp *srp;
	char *queue[SIM_QUEUE_MAX];
	unsigned q_head, q_len;
	char *pulled; /* handed to the engine, freed on the next pull */
	bool running;
	unsigned gen;
	unsigned group;
	uint64_t ring_seq; /* what the node's disk remembers */
	struct node_ctx ctx;
	struct sim_log log;
};

struct sim {
	unsigned n;
	struct sim_node nodes[SIM_NODES_MAX + 1];
	struct event **heap;
	size_t heap_n, heap_cap;
	uint64_t now;
	uint64_t order;
	uint64_t rng;
	double loss;
	struct totem_srp_params params;
};

/* ---- event heap ordered by (time, order) ---- */

static bool ev_before(const struct event *a, const struct event *b)
{
	return a->time < b->time || (a->time == b->time && a->order < b->order);
}

static void heap_push(struct sim *sim, struct event *ev)
{
	if (sim->heap_n == sim->heap_cap) {
		sim->heap_cap = sim->heap_cap ? sim->heap_cap * 2 : 1024;
		sim->heap = realloc(sim->heap, sim->heap_cap * sizeof(*sim->heap));
	}
	size_t i = sim->heap_n++;
	while (i > 0 && ev_before(ev, sim->heap[(i - 1) / 2])) {
		sim->heap[i] = sim->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	sim->heap[i] = ev;
}

static struct event *heap_pop(struct sim *sim)
{
	struct event *top = sim->heap[0];
	struct event *last = sim->heap[--sim->heap_n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= sim->heap_n) {
			break;
		}
		if (c + 1 < sim->heap_n && ev_before(sim->heap[c + 1], sim->heap[c])) {
			c++;
		}
		if (!ev_before(sim->heap[c], last)) {
			break;
		}
		sim->heap[i] = sim->heap[c];
		i = c;
	}
	sim->heap[i] = last;
	return top;
}

static uint64_t rnd(struct sim *sim)
{
	sim->rng ^= sim->rng << 13;
	sim->rng ^= sim->rng >> 7;
	sim->rng ^= sim->rng << 17;
	return sim->rng;
}

static struct event *event_new(struct sim *sim, uint64_t delay_us, enum event_kind kind,
			       unsigned node)
{
	struct event *ev = calloc(1, sizeof(*ev));

	ev->time = sim->now + delay_us;
	ev->order = sim->order++;
	ev->kind = kind;
	ev->node = node;
	ev->gen = sim->nodes[node].gen;
	return ev;
}

/* ---- the engines' environment ---- */

static void send_packet(struct sim *sim, unsigned from, unsigned to, const void *pkt, size_t len)
{
	struct sim_node *dst = &sim->nodes[to];

	if (!dst->running || dst->group != sim->nodes[from].group) {
		return;
	}
	if (from != to && sim->loss > 0 && (double)(rnd(sim) % 1000000) / 1e6 < sim->loss) {
		return;
	}
	struct event *ev = event_new(sim, from == to ? 10 : 200 + rnd(sim) % 500, EV_PACKET, to);
	ev->pkt = malloc(len);
	memcpy(ev->pkt, pkt, len);
	ev->len = len;
	heap_push(sim, ev);
}

static void env_mcast(void *ctx, const void *pkt, size_t len)
{
	struct node_ctx *c = ctx;

	for (unsigned i = 1; i <= c->sim->n; i++) {
		send_packet(c->sim, c->node, i, pkt, len);
	}
}

static void env_unicast(void *ctx, uint32_t nodeid, const void *pkt, size_t len)
{
	struct node_ctx *c = ctx;

	if (nodeid >= 1 && nodeid <= c->sim->n) {
		send_packet(c->sim, c->node, nodeid, pkt, len);
	}
}

static uint64_t env_now_ms(void *ctx)
{
	struct node_ctx *c = ctx;

	return c->sim->now / 1000;
}

static void *env_timer_add(void *ctx, uint32_t ms, void (*fn)(void *), void *data)
{
	struct node_ctx *c = ctx;
	struct event *ev = event_new(c->sim, (uint64_t)ms * 1000, EV_TIMER, c->node);

	ev->fn = fn;
	ev->data = data;
	heap_push(c->sim, ev);
	return ev;
}

static void env_timer_del(void *ctx, void *timer)
{
	((struct event *)timer)->cancelled = true;
}

static struct sim_entry *log_add(struct sim *sim, unsigned node, enum sim_entry_type type)
{
	struct sim_log *log = &sim->nodes[node].log;

	if (log->n == log->cap) {
		log->cap = log->cap ? log->cap * 2 : 256;
		log->e = realloc(log->e, log->cap * sizeof(*log->e));
	}
	struct sim_entry *e = &log->e[log->n++];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->time = sim->now;
	return e;
}

static void env_deliver(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
	struct node_ctx *c = ctx;
	struct sim_entry *e = log_add(c->sim, c->node, SIM_MESSAGE);

	e->origin = nodeid;
	snprintf(e->text, sizeof(e->text), "%.*s", (int)len, (const char *)msg);
}

static void env_confchg(void *ctx, enum totem_confchg_type type, const uint32_t *members,
			size_t n_members, const uint32_t *left, size_t n_left,
			const uint32_t *joined, size_t n_joined,
			const struct totem_ring_id *ring_id)
{
	struct node_ctx *c = ctx;
	struct sim_entry *e = log_add(
		c->sim, c->node, type == TOTEM_CONFCHG_REGULAR ? SIM_REGULAR : SIM_TRANSITIONAL);

	e->ring_id = *ring_id;
	e->n_members = n_members < SIM_NODES_MAX ? n_members : SIM_NODES_MAX;
	memcpy(e->members, members, e->n_members * sizeof(members[0]));
}

static size_t env_pull(void *ctx, const void **msg)
{
	struct node_ctx *c = ctx;
	struct sim_node *n = &c->sim->nodes[c->node];

	free(n->pulled);
	n->pulled = NULL;
	if (n->q_len == 0) {
		return 0;
	}
	n->pulled = n->queue[n->q_head];
	n->q_head = (n->q_head + 1) % SIM_QUEUE_MAX;
	n->q_len--;
	*msg = n->pulled;
	return strlen(n->pulled);
}

static uint32_t env_backlog(void *ctx)
{
	struct node_ctx *c = ctx;

	return c->sim->nodes[c->node].q_len;
}

static void queue_clear(struct sim_node *n)
{
	while (n->q_len > 0) {
		free(n->queue[n->q_head]);
		n->q_head = (n->q_head + 1) % SIM_QUEUE_MAX;
		n->q_len--;
	}
	free(n->pulled);
	n->pulled = NULL;
}

static uint64_t env_ring_seq_load(void *ctx)
{
	struct node_ctx *c = ctx;

	return c->sim->nodes[c->node].ring_seq;
}

static void env_ring_seq_store(void *ctx, uint64_t seq)
{
	struct node_ctx *c = ctx;

	c->sim->nodes[c->node].ring_seq = seq;
}

/* ---- control ---- */

struct sim *sim_new(unsigned nodes, uint64_t seed, const struct totem_srp_params *params)
{
	struct sim *sim = calloc(1, sizeof(*sim));

	sim->n = nodes;
	sim->rng = seed ? seed : 88172645463325252ull;
	sim->params = *params;
	for (unsigned i = 1; i <= nodes; i++) {
		sim->nodes[i].ctx.sim = sim;
		sim->nodes[i].ctx.node = i;
	}
	return sim;
}

void sim_start(struct sim *sim, unsigned node)
{
	struct sim_node *n = &sim->nodes[node];
	struct totem_srp_params p = sim->params;
	struct totem_srp_env env = {
		.ctx = &n->ctx,
		.mcast = env_mcast,
		.unicast = env_unicast,
		.now_ms = env_now_ms,
		.timer_add = env_timer_add,
		.timer_del = env_timer_del,
		.deliver = env_deliver,
		.confchg = env_confchg,
		.ring_seq_load = env_ring_seq_load,
		.ring_seq_store = env_ring_seq_store,
		.pull = env_pull,
		.backlog = env_backlog,
	};

	if (n->running) {
		return;
	}
	p.nodeid = node;
	n->gen++;
	n->srp = totem_srp_create(&p, &env);
	n->running = true;
	totem_srp_start(n->srp);
}

static void node_down(struct sim *sim, unsigned node)
{
	struct sim_node *n = &sim->nodes[node];

	if (!n->running) {
		return;
	}
	n->running = false;
	n->gen++; /* its pending timers and packets no longer count */
	totem_srp_free(n->srp);
	n->srp = NULL;
	queue_clear(n);
}

void sim_kill(struct sim *sim, unsigned node)
{
	node_down(sim, node);
}

void sim_stop(struct sim *sim, unsigned node)
{
	if (sim->nodes[node].running) {
		totem_srp_leave(sim->nodes[node].srp);
	}
	node_down(sim, node);
}

bool sim_running(const struct sim *sim, unsigned node)
{
	return sim->nodes[node].running;
}

void sim_partition(struct sim *sim, const unsigned *group)
{
	for (unsigned i = 1; i <= sim->n; i++) {
		sim->nodes[i].group = group[i - 1];
	}
}

void sim_heal(struct sim *sim)
{
	for (unsigned i = 1; i <= sim->n; i++) {
		sim->nodes[i].group = 0;
	}
}

void sim_set_loss(struct sim *sim, double p)
{
	sim->loss = p;
}

static void dispatch(struct sim *sim, struct event *ev)
{
	struct sim_node *n = &sim->nodes[ev->node];

	if (ev->cancelled || !n->running || ev->gen != n->gen) {
		return;
	}
	if (ev->kind == EV_PACKET) {
		totem_srp_receive(n->srp, ev->pkt, ev->len);
	} else {
		ev->fn(ev->data);
	}
}

void sim_run(struct sim *sim, uint64_t ms)
{
	uint64_t end = sim->now + ms * 1000;

	while (sim->heap_n > 0 && sim->heap[0]->time <= end) {
		struct event *ev = heap_pop(sim);
		sim->now = ev->time;
		dispatch(sim, ev);
		free(ev->pkt);
		free(ev);
	}
	sim->now = end;
}

uint64_t sim_now(const struct sim *sim)
{
	return sim->now;
}

int sim_send(struct sim *sim, unsigned node, const char *text)
{
	struct sim_node *n = &sim->nodes[node];

	if (!n->running) {
		return -ENOTCONN;
	}
	if (n->q_len == SIM_QUEUE_MAX) {
		return -EAGAIN;
	}
	n->queue[(n->q_head + n->q_len) % SIM_QUEUE_MAX] = strdup(text);
	if (n->q_len++ == 0) {
		totem_srp_kick(n->srp);
	}
	return 0;
}

struct totem_srp *sim_engine(struct sim *sim, unsigned node)
{
	return sim->nodes[node].srp;
}

const struct sim_log *sim_log(const struct sim *sim, unsigned node)
{
	return &sim->nodes[node].log;
}

bool sim_ring_is(struct sim *sim, unsigned node, const uint32_t *members, size_t n)
{
	const struct sim_node *sn = &sim->nodes[node];
	size_t count;
	const uint32_t *ids;

	if (!sn->running || !totem_srp_operational(sn->srp)) {
		return false;
	}
	ids = totem_srp_members(sn->srp, &count);
	return count == n && memcmp(ids, members, n * sizeof(ids[0])) == 0;
}

void sim_free(struct sim *sim)
{
	for (unsigned i = 1; i <= sim->n; i++) {
		totem_srp_free(sim->nodes[i].srp);
		queue_clear(&sim->nodes[i]);
		free(sim->nodes[i].log.e);
	}
	while (sim->heap_n > 0) {
		struct event *ev = heap_pop(sim);
		free(ev->pkt);
		free(ev);
	}
	free(sim->heap);
	free(sim);
}

/* ---- checking extended virtual synchrony ---- */

/* The messages a node delivered in one regular configuration, and the
 * transitional configuration it then went through (if any). */
struct segment {
	struct totem_ring_id ring;
	const struct sim_entry *first;
	size_t count; /* entries of the segment (messages only) */
	bool closed;
	struct totem_ring_id next;
	uint32_t trans[SIM_NODES_MAX];
	size_t n_trans;
	uint32_t members[SIM_NODES_MAX];
	size_t n_members;
};

static size_t segments_of(const struct sim_log *log, struct segment *seg, size_t max)
{
	size_t n = 0;
	struct segment *cur = NULL;

	for (size_t i = 0; i < log->n && n < max; i++) {
		const struct sim_entry *e = &log->e[i];
		if (e->type == SIM_REGULAR) {
			cur = &seg[n++];
			memset(cur, 0, sizeof(*cur));
			cur->ring = e->ring_id;
			cur->first = e + 1;
			cur->n_members = e->n_members;
			memcpy(cur->members, e->members, sizeof(cur->members));
		} else if (e->type == SIM_TRANSITIONAL && cur != NULL) {
			cur->closed = true;
			cur->next = e->ring_id;
			cur->n_trans = e->n_members;
			memcpy(cur->trans, e->members, sizeof(cur->trans));
			cur = NULL;
		} else if (e->type == SIM_MESSAGE && cur != NULL) {
			cur->count++;
		}
	}
	return n;
}

static const struct sim_entry *nth_message(const struct segment *s, size_t k)
{
	const struct sim_entry *e = s->first;

	for (size_t seen = 0;; e++) {
		if (e->type == SIM_MESSAGE && seen++ == k) {
			return e;
		}
	}
}

static bool in_list(const uint32_t *ids, size_t n, uint32_t id)
{
	for (size_t i = 0; i < n; i++) {
		if (ids[i] == id) {
			return true;
		}
	}
	return false;
}

static long find_text(const struct segment *s, const char *text)
{
	for (size_t k = 0; k < s->count; k++) {
		if (strcmp(nth_message(s, k)->text, text) == 0) {
			return (long)k;
		}
	}
	return -1;
}

static char problem[256];

static const char *compare_segments(unsigned p, const struct segment *a, unsigned q,
				    const struct segment *b)
{
	long last = -1;

	if (a->n_members != b->n_members ||
	    memcmp(a->members, b->members, a->n_members * sizeof(a->members[0])) != 0) {
		snprintf(problem, sizeof(problem),
			 "nodes %u and %u disagree on the members of ring %x.%llx", p, q,
			 a->ring.rep, (unsigned long long)a->ring.seq);
		return problem;
	}
	for (size_t k = 0; k < b->count; k++) {
		long at = find_text(a, nth_message(b, k)->text);
		if (at < 0) {
			continue;
		}
		if (at <= last) {
			snprintf(problem, sizeof(problem),
				 "nodes %u and %u order '%s' differently in ring %x.%llx", p, q,
				 nth_message(b, k)->text, a->ring.rep,
				 (unsigned long long)a->ring.seq);
			return problem;
		}
		last = at;
	}
	bool together = a->closed && b->closed && totem_ring_id_equal(&a->next, &b->next) &&
			in_list(a->trans, a->n_trans, q) && in_list(a->trans, a->n_trans, p);
	if (together && a->count != b->count) {
		snprintf(problem, sizeof(problem),
			 "nodes %u and %u moved together from ring %x.%llx but delivered %zu and "
			 "%zu messages",
			 p, q, a->ring.rep, (unsigned long long)a->ring.seq, a->count, b->count);
		return problem;
	}
	for (size_t k = 0; together && k < a->count; k++) {
		if (strcmp(nth_message(a, k)->text, nth_message(b, k)->text) != 0) {
			snprintf(problem, sizeof(problem),
				 "nodes %u and %u delivered different sets in ring %x.%llx", p, q,
				 a->ring.rep, (unsigned long long)a->ring.seq);
			return problem;
		}
	}
	return NULL;
}

static const char *check_duplicates(const struct sim *sim, unsigned node)
{
	const struct sim_log *log = &sim->nodes[node].log;

	for (size_t i = 0; i < log->n; i++) {
		if (log->e[i].type != SIM_MESSAGE) {
			continue;
		}
		for (size_t j = i + 1; j < log->n; j++) {
			if (log->e[j].type == SIM_MESSAGE &&
			    strcmp(log->e[i].text, log->e[j].text) == 0) {
				snprintf(problem, sizeof(problem), "node %u delivered '%s' twice",
					 node, log->e[i].text);
				return problem;
			}
		}
	}
	return NULL;
}

#define SEGMENTS_MAX 512

const char *sim_check_evs(const struct sim *sim)
{
	static struct segment seg[SIM_NODES_MAX + 1][SEGMENTS_MAX];
	size_t nseg[SIM_NODES_MAX + 1];
	const char *bad;

	for (unsigned p = 1; p <= sim->n; p++) {
		nseg[p] = segments_of(&sim->nodes[p].log, seg[p], SEGMENTS_MAX);
		if ((bad = check_duplicates(sim, p)) != NULL) {
			return bad;
		}
	}
	for (unsigned p = 1; p <= sim->n; p++) {
		for (unsigned q = p + 1; q <= sim->n; q++) {
			for (size_t i = 0; i < nseg[p]; i++) {
				for (size_t j = 0; j < nseg[q]; j++) {
					if (!totem_ring_id_equal(&seg[p][i].ring,
								 &seg[q][j].ring)) {
						continue;
					}
					bad = compare_segments(p, &seg[p][i], q, &seg[q][j]);
					if (bad != NULL) {
						return bad;
					}
				}
			}
		}
	}
	return NULL;
}
