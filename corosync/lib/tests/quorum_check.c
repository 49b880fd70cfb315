/*
 * quorum_check: exercises libquorum against a running corosync (one
 * quorate node, votequorum configured) and prints TAP.  Written against
 * the public quorum.h only, so that it builds unchanged with corosync's
 * own headers and library (see cpg_check.c).
 *
 *   quorum_check [-n NODEID]  run the checks; exit 0 if all pass, else 1
 *   quorum_check -w SECONDS   wait until the quorum service answers; 0/1
 *   quorum_check -e CODE      exit 0 if quorum_initialize() fails with
 *                             cs_error_t CODE, else 1
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr(), before any system header */
#endif
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <corosync/quorum.h>

#include "check_tap.h"

#define WAIT_MS 5000

static uint32_t want_nodeid = 1;

/* What the callbacks saw. */
static struct {
	int v0_calls, v1_quorum_calls, v1_nodelist_calls;
	int order; /* 1: the node list came before the quorum notification */
	uint32_t quorate;
	uint64_t ring_seq;
	struct quorum_ring_id ring, nodelist_ring;
	uint32_t members, first_member;
	uint32_t joined, left;
} seen;

static void v0_notify(quorum_handle_t handle, uint32_t quorate, uint64_t ring_seq,
		      uint32_t view_list_entries, uint32_t *view_list)
{
	seen.v0_calls++;
	seen.quorate = quorate;
	seen.ring_seq = ring_seq;
	seen.members = view_list_entries;
	seen.first_member = view_list_entries ? view_list[0] : 0;
}

static void v1_quorum(quorum_handle_t handle, uint32_t quorate, struct quorum_ring_id ring_id,
		      uint32_t member_list_entries, const uint32_t *member_list)
{
	seen.v1_quorum_calls++;
	seen.order = seen.v1_nodelist_calls > 0;
	seen.quorate = quorate;
	seen.ring = ring_id;
	seen.members = member_list_entries;
	seen.first_member = member_list_entries ? member_list[0] : 0;
}

static void v1_nodelist(quorum_handle_t handle, struct quorum_ring_id ring_id,
			uint32_t member_list_entries, const uint32_t *member_list,
			uint32_t joined_list_entries, const uint32_t *joined_list,
			uint32_t left_list_entries, const uint32_t *left_list)
{
	seen.v1_nodelist_calls++;
	seen.nodelist_ring = ring_id;
	seen.joined = joined_list_entries;
	seen.left = left_list_entries;
}

/* Dispatch until @counter reaches @want, or WAIT_MS. */
static bool wait_for(quorum_handle_t h, const int *counter, int want)
{
	int fd;
	long long end = now_ms() + WAIT_MS;

	if (quorum_fd_get(h, &fd) != CS_OK) {
		return false;
	}
	while (*counter < want && now_ms() < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		if (poll(&pfd, 1, 100) > 0 && quorum_dispatch(h, CS_DISPATCH_ALL) != CS_OK) {
			return false;
		}
	}
	return *counter >= want;
}

static void model_v0(void)
{
	quorum_callbacks_t cb = { .quorum_notify_fn = v0_notify };
	quorum_handle_t h;
	uint32_t type = 99;
	int quorate = -1;
	const void *ctx = &type;

	check_rc(quorum_initialize(&h, &cb, &type), CS_OK, "quorum_initialize (model V0)");
	check(type == QUORUM_SET, "a quorum provider is configured (%u)", type);
	check_rc(quorum_getquorate(h, &quorate), CS_OK, "quorum_getquorate");
	check(quorate == 1, "the node is quorate");
	check_rc(quorum_context_get(h, &ctx), CS_OK, "quorum_context_get");
	check(ctx == NULL, "the context starts NULL");
	check_rc(quorum_context_set(h, &type), CS_OK, "quorum_context_set");
	quorum_context_get(h, &ctx);
	check(ctx == &type, "and reads back");
	check_rc(quorum_dispatch(h, CS_DISPATCH_ONE_NONBLOCKING), CS_ERR_TRY_AGAIN,
		 "nothing to dispatch before tracking");
	check_rc(quorum_trackstart(h, CS_TRACK_CURRENT), CS_OK, "quorum_trackstart CURRENT");
	check(wait_for(h, &seen.v0_calls, 1), "the V0 notification arrives");
	check(seen.quorate == 1 && seen.ring_seq > 0 && seen.members == 1 &&
		      seen.first_member == want_nodeid,
	      "quorate %u, ring %llu, %u member(s), node %u", seen.quorate,
	      (unsigned long long)seen.ring_seq, seen.members, seen.first_member);
	check_rc(quorum_trackstop(h), CS_OK, "quorum_trackstop");
	check_rc(quorum_trackstart(h, CS_TRACK_CHANGES), CS_OK, "quorum_trackstart CHANGES");
	check_rc(quorum_trackstop(h), CS_OK, "quorum_trackstop again");
	check_rc(quorum_dispatch(h, 42), CS_ERR_INVALID_PARAM, "unknown dispatch flags");
	check_rc(quorum_finalize(h), CS_OK, "quorum_finalize");
	check_rc(quorum_finalize(h), CS_ERR_BAD_HANDLE, "quorum_finalize again");
	check_rc(quorum_getquorate(h, &quorate), CS_ERR_BAD_HANDLE,
		 "a finalized handle is refused");
}

static void model_v1(void)
{
	quorum_model_v1_data_t data = { .model = QUORUM_MODEL_V1,
					.quorum_notify_fn = v1_quorum,
					.nodelist_notify_fn = v1_nodelist };
	quorum_handle_t h;
	uint32_t type = 99;
	const void *ctx = NULL;
	int marker;

	check_rc(quorum_model_initialize(&h, QUORUM_MODEL_V1, (quorum_model_data_t *)&data, &type,
					 &marker),
		 CS_OK, "quorum_model_initialize V1");
	check(type == QUORUM_SET, "a quorum provider is configured");
	quorum_context_get(h, &ctx);
	check(ctx == &marker, "the context given at initialization");
	check_rc(quorum_trackstart(h, CS_TRACK_CURRENT), CS_OK, "quorum_trackstart CURRENT");
	check(wait_for(h, &seen.v1_quorum_calls, 1) && seen.v1_nodelist_calls == 1,
	      "a node list and a quorum notification arrive");
	check(seen.order, "the node list first");
	check(seen.quorate == 1 && seen.members == 1 && seen.first_member == want_nodeid,
	      "quorate with node %u", seen.first_member);
	check(seen.ring.seq > 0 && seen.ring.seq == seen.nodelist_ring.seq &&
		      seen.ring.nodeid == seen.nodelist_ring.nodeid,
	      "both carry the ring %x.%llx", seen.ring.nodeid, (unsigned long long)seen.ring.seq);
	check(seen.joined == 0 && seen.left == 0, "the current state has no joined or left nodes");
	check_rc(quorum_finalize(h), CS_OK, "quorum_finalize");

	check_rc(quorum_model_initialize(&h, (quorum_model_t)5, (quorum_model_data_t *)&data, &type,
					 NULL),
		 CS_ERR_INVALID_PARAM, "an unknown model is refused");
}

static void finalize_while_tracking(void)
{
	quorum_callbacks_t cb = { .quorum_notify_fn = v0_notify };
	quorum_handle_t h;
	uint32_t type;

	check_rc(quorum_initialize(&h, &cb, &type), CS_OK, "a connection that tracks changes");
	quorum_trackstart(h, CS_TRACK_CHANGES);
	check_rc(quorum_finalize(h), CS_OK, "may be finalized without quorum_trackstop");
	check_rc(quorum_initialize(&h, NULL, &type), CS_OK, "quorum_initialize without callbacks");
	quorum_trackstart(h, CS_TRACK_CURRENT);
	usleep(200000);
	check_rc(quorum_dispatch(h, CS_DISPATCH_ALL), CS_OK,
		 "notifications without a callback are dropped");
	quorum_finalize(h);
}

static int run_checks(void)
{
	note_library("libquorum", (void *)quorum_initialize);
	model_v0();
	model_v1();
	finalize_while_tracking();
	return tap_done();
}

static int wait_ready(int seconds)
{
	long long end = now_ms() + seconds * 1000LL;

	do {
		quorum_handle_t h;
		uint32_t type;
		int quorate;
		if (quorum_initialize(&h, NULL, &type) == CS_OK) {
			cs_error_t rc = quorum_getquorate(h, &quorate);
			quorum_finalize(h);
			if (rc == CS_OK) {
				return 0;
			}
		}
		usleep(100000);
	} while (now_ms() < end);
	fprintf(stderr, "quorum_check: the quorum service did not answer within %d s\n", seconds);
	return 1;
}

static int expect_refusal(cs_error_t want)
{
	quorum_handle_t h;
	uint32_t type;
	cs_error_t rc = quorum_initialize(&h, NULL, &type);

	if (rc == CS_OK) {
		quorum_finalize(h);
	}
	if (rc != want) {
		fprintf(stderr, "quorum_check: quorum_initialize gave %d, want %d\n", rc, want);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int opt;

	signal(SIGPIPE, SIG_IGN);
	while ((opt = getopt(argc, argv, "e:n:w:")) != -1) {
		switch (opt) {
		case 'n':
			want_nodeid = (uint32_t)strtoul(optarg, NULL, 10);
			break;
		case 'w':
			return wait_ready(atoi(optarg));
		case 'e':
			return expect_refusal((cs_error_t)atoi(optarg));
		default:
			fprintf(stderr, "usage: %s [-n NODEID] | -w SECONDS | -e CODE\n", argv[0]);
			return 2;
		}
	}
	return run_checks();
}
