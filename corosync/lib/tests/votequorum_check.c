/*
 * votequorum_check: exercises libvotequorum against a running corosync
 * (one quorate node with one vote, no quorum device configured) and prints
 * TAP.  Written against the public votequorum.h only, so that it builds
 * unchanged with corosync's own headers and library (see cpg_check.c).
 * Whatever it changes (expected votes, a quorum device) it sets back.
 *
 *   votequorum_check [-n NODEID]  run the checks; exit 0 if all pass
 *   votequorum_check -w SECONDS   wait until the service answers; 0/1
 *   votequorum_check -e CODE      exit 0 if votequorum_initialize() fails
 *                                 with cs_error_t CODE, else 1
 *   votequorum_check -q NAME -t SECONDS
 *                                 register the quorum device NAME, poll it
 *                                 (casting its vote), print "registered"
 *                                 and keep it for SECONDS (for the tools'
 *                                 tests)
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

#include <corosync/votequorum.h>

#include "check_tap.h"

#define WAIT_MS 5000
#define CONTEXT 0x1234abcdULL
#define DEVICE "checkdev"

static uint32_t want_nodeid = 1;

/* What the callbacks saw. */
static struct {
	int quorum_calls, nodelist_calls, expected_calls;
	int order; /* 1: the node list came before the quorum notification */
	uint64_t context;
	uint32_t quorate, nodes, first_node, first_state;
	votequorum_ring_id_t ring;
	uint32_t expected;
} seen;

static void on_quorum(votequorum_handle_t handle, uint64_t context, uint32_t quorate,
		      uint32_t node_list_entries, votequorum_node_t node_list[])
{
	seen.quorum_calls++;
	seen.order = seen.nodelist_calls > 0;
	seen.context = context;
	seen.quorate = quorate;
	seen.nodes = node_list_entries;
	seen.first_node = node_list_entries ? node_list[0].nodeid : 0;
	seen.first_state = node_list_entries ? node_list[0].state : 0;
}

static void on_nodelist(votequorum_handle_t handle, uint64_t context, votequorum_ring_id_t ring_id,
			uint32_t node_list_entries, uint32_t node_list[])
{
	seen.nodelist_calls++;
	seen.context = context;
	seen.ring = ring_id;
}

static void on_expected(votequorum_handle_t handle, uint64_t context, uint32_t expected_votes)
{
	seen.expected_calls++;
	seen.context = context;
	seen.expected = expected_votes;
}

static bool wait_for(votequorum_handle_t h, const int *counter, int want)
{
	int fd;
	long long end = now_ms() + WAIT_MS;

	if (votequorum_fd_get(h, &fd) != CS_OK) {
		return false;
	}
	while (*counter < want && now_ms() < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		if (poll(&pfd, 1, 100) > 0 && votequorum_dispatch(h, CS_DISPATCH_ALL) != CS_OK) {
			return false;
		}
	}
	return *counter >= want;
}

static void node_info(votequorum_handle_t h)
{
	struct votequorum_info info;

	memset(&info, 0xaa, sizeof(info));
	check_rc(votequorum_getinfo(h, want_nodeid, &info), CS_OK, "votequorum_getinfo");
	check(info.node_id == want_nodeid && info.node_state == VOTEQUORUM_NODESTATE_MEMBER &&
		      info.node_votes == 1 && info.node_expected_votes == 1 &&
		      info.highest_expected == 1 && info.total_votes == 1 && info.quorum == 1,
	      "node %u member, 1 vote of 1 expected, quorum %u", info.node_id, info.quorum);
	check((info.flags & VOTEQUORUM_INFO_QUORATE) &&
		      !(info.flags & VOTEQUORUM_INFO_QDEVICE_REGISTERED) &&
		      info.qdevice_name[0] == '\0',
	      "quorate, no quorum device (flags %u)", info.flags);
	memset(&info, 0xaa, sizeof(info));
	check_rc(votequorum_getinfo(h, 999, &info), CS_ERR_NOT_EXIST, "an unknown node");
	check(info.node_id == 0 && info.node_votes == 0, "reported empty");
}

static void tracking(votequorum_handle_t h)
{
	check_rc(votequorum_dispatch(h, CS_DISPATCH_ONE_NONBLOCKING), CS_ERR_TRY_AGAIN,
		 "nothing to dispatch before tracking");
	check_rc(votequorum_trackstart(h, CONTEXT, CS_TRACK_CURRENT | CS_TRACK_CHANGES), CS_OK,
		 "votequorum_trackstart CURRENT|CHANGES");
	check(wait_for(h, &seen.quorum_calls, 1) && seen.nodelist_calls == 1,
	      "a node list and a quorum notification arrive");
	check(seen.order, "the node list first");
	check(seen.context == CONTEXT, "carrying the context");
	check(seen.quorate == 1 && seen.nodes == 1 && seen.first_node == want_nodeid &&
		      seen.first_state == VOTEQUORUM_NODESTATE_MEMBER,
	      "quorate, node %u member", seen.first_node);
	check(seen.ring.seq > 0, "ring %x.%llx", seen.ring.nodeid,
	      (unsigned long long)seen.ring.seq);
	check_rc(votequorum_trackstart(h, CONTEXT, CS_TRACK_CHANGES), CS_ERR_EXIST,
		 "tracking twice is CS_ERR_EXIST");
	wait_for(h, &seen.quorum_calls, 2);
}

static void votes(votequorum_handle_t h)
{
	int before = seen.expected_calls;

	check_rc(votequorum_setexpected(h, 1), CS_OK, "votequorum_setexpected 1");
	check_rc(votequorum_setvotes(h, want_nodeid, 1), CS_OK, "votequorum_setvotes 1");
	check(wait_for(h, &seen.expected_calls, before + 1) && seen.expected == 1,
	      "an expected votes notification (%u)", seen.expected);
	check_rc(votequorum_setexpected(h, 0), CS_ERR_INVALID_PARAM, "0 expected votes");
	check_rc(votequorum_setexpected(h, 2), CS_ERR_INVALID_PARAM,
		 "expected votes that would take quorum away");
	check_rc(votequorum_setvotes(h, 999, 1), CS_ERR_NAME_NOT_FOUND, "votes of an unknown node");
}

static void quorum_device(votequorum_handle_t h)
{
	struct votequorum_info info;
	char longname[300];

	check_rc(votequorum_qdevice_register(h, DEVICE), CS_OK, "votequorum_qdevice_register");
	votequorum_getinfo(h, want_nodeid, &info);
	check((info.flags & VOTEQUORUM_INFO_QDEVICE_REGISTERED) &&
		      strcmp(info.qdevice_name, DEVICE) == 0,
	      "the node shows it registered (%s)", info.qdevice_name);
	check_rc(votequorum_qdevice_poll(h, DEVICE, 1, seen.ring), CS_OK,
		 "votequorum_qdevice_poll in the current ring");
	votequorum_getinfo(h, want_nodeid, &info);
	check((info.flags & VOTEQUORUM_INFO_QDEVICE_ALIVE) &&
		      (info.flags & VOTEQUORUM_INFO_QDEVICE_CAST_VOTE),
	      "alive and casting its vote (flags %u)", info.flags);
	votequorum_ring_id_t old = seen.ring;
	old.seq--;
	check_rc(votequorum_qdevice_poll(h, DEVICE, 1, old), CS_ERR_MESSAGE_ERROR,
		 "a poll in an old ring");
	check_rc(votequorum_qdevice_master_wins(h, DEVICE, 1), CS_OK,
		 "votequorum_qdevice_master_wins");
	votequorum_getinfo(h, want_nodeid, &info);
	check(info.flags & VOTEQUORUM_INFO_QDEVICE_MASTER_WINS, "master wins shown");
	check_rc(votequorum_qdevice_update(h, DEVICE, DEVICE "2"), CS_OK,
		 "votequorum_qdevice_update");
	/* The new name goes round the cluster before the daemon shows it. */
	for (long long end = now_ms() + WAIT_MS; now_ms() < end; usleep(50000)) {
		votequorum_getinfo(h, want_nodeid, &info);
		if (strcmp(info.qdevice_name, DEVICE "2") == 0) {
			break;
		}
	}
	check(strcmp(info.qdevice_name, DEVICE "2") == 0, "under its new name");
	check_rc(votequorum_qdevice_unregister(h, DEVICE "2"), CS_OK,
		 "votequorum_qdevice_unregister");
	check_rc(votequorum_qdevice_unregister(h, DEVICE "2"), CS_ERR_NOT_EXIST,
		 "unregistering it again");
	votequorum_getinfo(h, want_nodeid, &info);
	check(!(info.flags & VOTEQUORUM_INFO_QDEVICE_REGISTERED) && info.total_votes == 1 &&
		      (info.flags & VOTEQUORUM_INFO_QUORATE),
	      "gone, and the node quorate as before (flags %u)", info.flags);
	check_rc(votequorum_qdevice_register(h, ""), CS_ERR_INVALID_PARAM, "an empty name");
	memset(longname, 'q', sizeof(longname));
	longname[sizeof(longname) - 1] = '\0';
	check_rc(votequorum_qdevice_register(h, longname), CS_ERR_INVALID_PARAM, "a name too long");
}

static void bad_handles(votequorum_handle_t dead)
{
	static const votequorum_handle_t bad[] = { 0, 0xdeadbeefcafef00dULL };
	struct votequorum_info info;
	void *ctx;
	int fd;

	for (size_t i = 0; i < 3; i++) {
		votequorum_handle_t h = i < 2 ? bad[i] : dead;
		check(votequorum_finalize(h) == CS_ERR_BAD_HANDLE &&
			      votequorum_fd_get(h, &fd) == CS_ERR_BAD_HANDLE &&
			      votequorum_dispatch(h, CS_DISPATCH_ALL) == CS_ERR_BAD_HANDLE &&
			      votequorum_getinfo(h, 1, &info) == CS_ERR_BAD_HANDLE &&
			      votequorum_setexpected(h, 1) == CS_ERR_BAD_HANDLE &&
			      votequorum_trackstart(h, 0, CS_TRACK_CURRENT) == CS_ERR_BAD_HANDLE &&
			      votequorum_context_get(h, &ctx) == CS_ERR_BAD_HANDLE &&
			      votequorum_qdevice_register(h, DEVICE) == CS_ERR_BAD_HANDLE,
		      "handle %s is refused everywhere",
		      i == 2 ? "after finalize" : "never issued");
	}
}

static int run_checks(void)
{
	votequorum_callbacks_t cb = { .votequorum_quorum_notify_fn = on_quorum,
				      .votequorum_expectedvotes_notify_fn = on_expected,
				      .votequorum_nodelist_notify_fn = on_nodelist };
	votequorum_handle_t h;
	void *ctx = &cb;

	note_library("libvotequorum", (void *)votequorum_initialize);
	check_rc(votequorum_initialize(&h, &cb), CS_OK, "votequorum_initialize");
	check_rc(votequorum_context_get(h, &ctx), CS_OK, "votequorum_context_get");
	check(ctx == NULL, "the context starts NULL");
	votequorum_context_set(h, &cb);
	votequorum_context_get(h, &ctx);
	check(ctx == &cb, "and reads back what was set");
	node_info(h);
	tracking(h);
	votes(h);
	quorum_device(h);
	check_rc(votequorum_trackstop(h), CS_OK, "votequorum_trackstop");
	check_rc(votequorum_trackstop(h), CS_ERR_NOT_EXIST, "votequorum_trackstop again");
	check_rc(votequorum_finalize(h), CS_OK, "votequorum_finalize");
	bad_handles(h);
	return tap_done();
}

/* Hold the quorum device @name registered for @seconds. */
static int hold_device(const char *name, int seconds)
{
	votequorum_callbacks_t cb = { .votequorum_nodelist_notify_fn = on_nodelist };
	votequorum_handle_t h;

	if (votequorum_initialize(&h, &cb) != CS_OK ||
	    votequorum_trackstart(h, 0, CS_TRACK_CURRENT) != CS_OK ||
	    !wait_for(h, &seen.nodelist_calls, 1) ||
	    votequorum_qdevice_register(h, name) != CS_OK ||
	    votequorum_qdevice_poll(h, name, 1, seen.ring) != CS_OK) {
		fprintf(stderr, "votequorum_check: could not register %s\n", name);
		return 1;
	}
	printf("registered\n");
	fflush(stdout);
	sleep((unsigned int)seconds);
	votequorum_qdevice_unregister(h, name);
	votequorum_finalize(h);
	return 0;
}

static int wait_ready(int seconds)
{
	long long end = now_ms() + seconds * 1000LL;

	do {
		votequorum_handle_t h;
		struct votequorum_info info;
		if (votequorum_initialize(&h, NULL) == CS_OK) {
			cs_error_t rc = votequorum_getinfo(h, want_nodeid, &info);
			votequorum_finalize(h);
			if (rc == CS_OK) {
				return 0;
			}
		}
		usleep(100000);
	} while (now_ms() < end);
	fprintf(stderr, "votequorum_check: the votequorum service did not answer within %d s\n",
		seconds);
	return 1;
}

static int expect_refusal(cs_error_t want)
{
	votequorum_handle_t h;
	cs_error_t rc = votequorum_initialize(&h, NULL);

	if (rc == CS_OK) {
		votequorum_finalize(h);
	}
	if (rc != want) {
		fprintf(stderr, "votequorum_check: votequorum_initialize gave %d, want %d\n", rc,
			want);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int opt, hold = 30;
	const char *device = NULL;

	signal(SIGPIPE, SIG_IGN);
	while ((opt = getopt(argc, argv, "e:n:w:q:t:")) != -1) {
		switch (opt) {
		case 'q':
			device = optarg;
			break;
		case 't':
			hold = atoi(optarg);
			break;
		case 'n':
			want_nodeid = (uint32_t)strtoul(optarg, NULL, 10);
			break;
		case 'w':
			return wait_ready(atoi(optarg));
		case 'e':
			return expect_refusal((cs_error_t)atoi(optarg));
		default:
			fprintf(stderr,
				"usage: %s [-n NODEID] | -w SECONDS | -e CODE | -q NAME -t "
				"SECONDS\n",
				argv[0]);
			return 2;
		}
	}
	return device != NULL ? hold_device(device, hold) : run_checks();
}
