/*
 * libFuzzer target for what arrives from the network: a Totem SRP engine
 * that has formed its own one-node ring receives the input as a series
 * of packets (each a 16-bit length and the bytes); every packet is also
 * given to the packing layer as a frame.  Nothing may crash, hang, leak or
 * read out of bounds, whatever the bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../totem_pg.h"
#include "../totem_srp.h"

#define QUEUE_MAX 256
#define TIMERS_MAX 64

struct timer {
	void (*fn)(void *);
	void *data;
	bool armed;
};

static struct {
	uint8_t *pkt[QUEUE_MAX];
	size_t len[QUEUE_MAX];
	size_t n;
	struct timer timers[TIMERS_MAX];
	struct totem_srp *srp;
	struct totem_pg *pg;
} f;

/* Packets to ourselves come back, so the engine can form its ring. */
static void loop_back(void *ctx, const void *pkt, size_t len)
{
	if (f.n < QUEUE_MAX) {
		f.pkt[f.n] = malloc(len);
		memcpy(f.pkt[f.n], pkt, len);
		f.len[f.n++] = len;
	}
}

static void to_node(void *ctx, uint32_t nodeid, const void *pkt, size_t len)
{
	if (nodeid == 1) {
		loop_back(ctx, pkt, len);
	}
}

/* Time stands still: the timers that fire are the ones fire_timers runs. */
static uint64_t now_ms(void *ctx)
{
	return 1u << 30;
}

static void *timer_add(void *ctx, uint32_t ms, void (*fn)(void *), void *data)
{
	for (int i = 0; i < TIMERS_MAX; i++) {
		if (!f.timers[i].armed) {
			f.timers[i] = (struct timer){ fn, data, true };
			return &f.timers[i];
		}
	}
	return NULL;
}

static void timer_del(void *ctx, void *t)
{
	if (t != NULL) {
		((struct timer *)t)->armed = false;
	}
}

static void deliver(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
	totem_pg_deliver(f.pg, nodeid, msg, len);
}

static void confchg(void *ctx, enum totem_confchg_type type, const uint32_t *m, size_t nm,
		    const uint32_t *l, size_t nl, const uint32_t *j, size_t nj,
		    const struct totem_ring_id *r)
{
	totem_pg_confchg(f.pg, type);
}

static size_t pull(void *ctx, const void **msg)
{
	return totem_pg_pull(f.pg, msg);
}

static uint32_t backlog(void *ctx)
{
	return totem_pg_backlog(f.pg);
}

static void ignore(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
}

static void drain(void)
{
	for (size_t i = 0; i < f.n; i++) {
		totem_srp_receive(f.srp, f.pkt[i], f.len[i]);
		free(f.pkt[i]);
	}
	f.n = 0;
}

static void settle(void)
{
	for (int round = 0; round < 50 && f.n > 0; round++) {
		uint8_t *pkt[QUEUE_MAX];
		size_t len[QUEUE_MAX], n = f.n;
		memcpy(pkt, f.pkt, n * sizeof(pkt[0]));
		memcpy(len, f.len, n * sizeof(len[0]));
		f.n = 0;
		for (size_t i = 0; i < n; i++) {
			totem_srp_receive(f.srp, pkt[i], len[i]);
			free(pkt[i]);
		}
	}
	drain();
}

/* Let every pending timer fire once (token loss, consensus, ...). */
static void fire_timers(void)
{
	struct timer due[TIMERS_MAX];
	int n = 0;

	for (int i = 0; i < TIMERS_MAX; i++) {
		if (f.timers[i].armed) {
			due[n++] = f.timers[i];
			f.timers[i].armed = false;
		}
	}
	for (int i = 0; i < n; i++) {
		due[i].fn(due[i].data);
		settle();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct totem_srp_params p = {
		.nodeid = 1,
		.token = 3000,
		.token_retransmit = 714,
		.hold = 561,
		.join = 50,
		.consensus = 3600,
		.merge = 200,
		.fail_recv_const = 2500,
		.seqno_unchanged_const = 30,
		.window_size = 50,
		.max_messages = 17,
		.max_msg_len = 1382,
	};
	struct totem_srp_env env = {
		.mcast = loop_back,
		.unicast = to_node,
		.now_ms = now_ms,
		.timer_add = timer_add,
		.timer_del = timer_del,
		.deliver = deliver,
		.confchg = confchg,
		.pull = pull,
		.backlog = backlog,
	};

	memset(&f, 0, sizeof(f));
	f.pg = totem_pg_create(1382, 1 << 20);
	f.srp = totem_srp_create(&p, &env);
	totem_pg_set_deliver(f.pg, TOTEM_PG_SERVICES, ignore, NULL);
	totem_pg_set_deliver(f.pg, TOTEM_PG_SYNC, ignore, NULL);
	totem_srp_start(f.srp);
	settle();
	while (size >= 2) {
		size_t len = (size_t)data[0] | (size_t)data[1] << 8;
		data += 2;
		size -= 2;
		if (len > size) {
			len = size;
		}
		totem_srp_receive(f.srp, data, len);
		totem_pg_deliver(f.pg, 2, data, len);
		settle();
		data += len;
		size -= len;
	}
	fire_timers();
	settle();
	totem_srp_free(f.srp);
	totem_pg_free(f.pg);
	drain();
	return 0;
}
