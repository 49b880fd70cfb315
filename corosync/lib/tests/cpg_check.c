/*
 * cpg_check: exercises libcpg against a running corosync (one node) and
 * prints TAP.  Written against the public cpg.h only, so that it builds
 * unchanged with corosync's own headers and library: the same program
 * checks our library against the real daemon, and the real library too.
 *
 *   cpg_check [-n NODEID]    run the checks; exit 0 if all pass, else 1
 *   cpg_check -w SECONDS     wait until the cpg service answers; exit 0/1
 *   cpg_check -e CODE        exit 0 if cpg_initialize() fails with cs_error_t
 *                            CODE (no daemon, access refused...), else 1
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <corosync/cpg.h>

#define WAIT_MS 10000
#define SMALL_COUNT 200
#define BIG_LEN (3 * 1024 * 1024 + 12345)
/* The flood: FLOOD_COUNT messages of FLOOD_LEN, every FLOOD_BIG_EVERY-th
 * one of FLOOD_BIG_LEN (fragments), as fast as the daemon takes them. */
#define FLOOD_COUNT 1500
#define FLOOD_LEN 65536
#define FLOOD_BIG_EVERY 200
#define FLOOD_BIG_LEN (3 * 1024 * 1024)

static int tests, failures;
static uint32_t want_nodeid = 1;
static struct cpg_name group;

static void check(bool ok, const char *what, ...)
{
	va_list ap;

	tests++;
	failures += !ok;
	printf("%s %d - ", ok ? "ok" : "not ok", tests);
	va_start(ap, what);
	vprintf(what, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void note(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void check_rc(cs_error_t got, cs_error_t want, const char *what)
{
	check(got == want, "%s: %d (want %d)", what, got, want);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* ---- what the callbacks saw ------------------------------------------ */

struct confchg {
	cpg_handle_t handle;
	struct cpg_address members[CPG_MEMBERS_MAX], left[CPG_MEMBERS_MAX], joined[CPG_MEMBERS_MAX];
	size_t n_members, n_left, n_joined;
};

static struct {
	int confchgs;
	struct confchg last;
	int totem_confchgs;
	bool totem_has_us;
	int next_seq;   /* next small message expected */
	bool small_ok;  /* all small messages so far in order and intact */
	int big_seen;   /* big messages delivered */
	bool big_ok;    /* and intact */
	bool after_big; /* the small message sent after the big one came after it */
	int zcb_seen;
	int flood_next; /* next flood message expected */
	bool flood_ok;
	bool finalize_in_callback;
	cpg_handle_t finalize_this;
	cs_error_t finalize_rc;
} seen = { .small_ok = true, .big_ok = true, .flood_ok = true };

static unsigned char big_byte(size_t i)
{
	return (unsigned char)((i * 2654435761u) >> 24);
}

static bool has(const struct cpg_address *list, size_t n, uint32_t nodeid, uint32_t pid,
		uint32_t reason)
{
	for (size_t i = 0; i < n; i++) {
		if (list[i].nodeid == nodeid && list[i].pid == pid &&
		    (reason == 0 || list[i].reason == reason)) {
			return true;
		}
	}
	return false;
}

/* The number after @prefix at the start of @msg (not NUL-terminated), or
 * -1. */
static int seq_of(const char *msg, size_t len, const char *prefix)
{
	char head[32];
	size_t skip = strlen(prefix) + 1;
	char *end;

	len = len < sizeof(head) - 1 ? len : sizeof(head) - 1;
	memcpy(head, msg, len);
	head[len] = '\0';
	if (len <= skip || strncmp(head, prefix, skip - 1) != 0 || head[skip - 1] != ' ') {
		return -1;
	}
	long seq = strtol(head + skip, &end, 10);
	return end > head + skip && seq >= 0 && seq < 1000000 ? (int)seq : -1;
}

static void on_small(const char *msg, size_t len, uint32_t nodeid, uint32_t pid)
{
	int seq = seq_of(msg, len, "small");
	char tail[64];

	if (seq < 0 || nodeid != want_nodeid || pid != (uint32_t)getpid()) {
		seen.small_ok = false;
		return;
	}
	int n = snprintf(tail, sizeof(tail), "small %d ", seq);
	seen.small_ok = seen.small_ok && seq == seen.next_seq && len == (size_t)n + seq % 50 &&
			memcmp(msg, tail, (size_t)n) == 0;
	seen.next_seq++;
	if (seq == SMALL_COUNT && seen.big_seen == 1) {
		seen.after_big = true;
	}
}

static size_t flood_len(int seq)
{
	return seq % FLOOD_BIG_EVERY == FLOOD_BIG_EVERY - 1 ? FLOOD_BIG_LEN : FLOOD_LEN;
}

/* "flood <seq>", a NUL, then bytes equal to seq modulo 251. */
static void on_flood(const char *msg, size_t len, uint32_t nodeid, uint32_t pid)
{
	int seq = seq_of(msg, len, "flood");
	bool ok = seq == seen.flood_next && len == flood_len(seq) && nodeid == want_nodeid &&
		  pid == (uint32_t)getpid() && (unsigned char)msg[len - 1] == seq % 251 &&
		  (unsigned char)msg[len / 2] == seq % 251;
	if (!ok && seen.flood_ok) {
		note("flood message %d (expected %d, length %zu) is wrong", seq, seen.flood_next,
		     len);
	}
	seen.flood_ok = seen.flood_ok && ok;
	seen.flood_next++;
}

static void on_deliver(cpg_handle_t handle, const struct cpg_name *g, uint32_t nodeid, uint32_t pid,
		       void *msg, size_t len)
{
	const unsigned char *bytes = msg;

	if (len == BIG_LEN) {
		seen.big_seen++;
		for (size_t i = 0; i < len && seen.big_ok; i++) {
			seen.big_ok = bytes[i] == big_byte(i);
		}
	} else if (len >= 5 && memcmp(msg, "small", 5) == 0) {
		on_small(msg, len, nodeid, pid);
	} else if (len >= 5 && memcmp(msg, "flood", 5) == 0) {
		on_flood(msg, len, nodeid, pid);
	} else if (len >= 3 && memcmp(msg, "zcb", 3) == 0) {
		seen.zcb_seen++;
	}
}

static void on_confchg(cpg_handle_t handle, const struct cpg_name *g,
		       const struct cpg_address *members, size_t n_members,
		       const struct cpg_address *left, size_t n_left,
		       const struct cpg_address *joined, size_t n_joined)
{
	struct confchg *c = &seen.last;

	seen.confchgs++;
	c->handle = handle;
	c->n_members = n_members < CPG_MEMBERS_MAX ? n_members : CPG_MEMBERS_MAX;
	c->n_left = n_left < CPG_MEMBERS_MAX ? n_left : CPG_MEMBERS_MAX;
	c->n_joined = n_joined < CPG_MEMBERS_MAX ? n_joined : CPG_MEMBERS_MAX;
	memcpy(c->members, members, c->n_members * sizeof(*members));
	memcpy(c->left, left, c->n_left * sizeof(*left));
	memcpy(c->joined, joined, c->n_joined * sizeof(*joined));
	note("confchg: %zu members, %zu left, %zu joined", n_members, n_left, n_joined);
	if (seen.finalize_in_callback && handle == seen.finalize_this) {
		seen.finalize_rc = cpg_finalize(handle);
	}
}

static void on_totem_confchg(cpg_handle_t handle, struct cpg_ring_id ring, uint32_t n,
			     const uint32_t *nodes)
{
	seen.totem_confchgs++;
	note("totem confchg: ring %x.%llx, %u nodes", ring.nodeid, (unsigned long long)ring.seq, n);
	for (uint32_t i = 0; i < n; i++) {
		seen.totem_has_us = seen.totem_has_us || nodes[i] == want_nodeid;
	}
}

/* ---- helpers ------------------------------------------------------------ */

static cs_dispatch_flags_t pump_mode = CS_DISPATCH_ALL;

/* Dispatch @h (in pump_mode) until @done() or WAIT_MS pass. */
static bool pump(cpg_handle_t h, bool (*done)(void))
{
	int fd;
	long long end = now_ms() + WAIT_MS;

	if (cpg_fd_get(h, &fd) != CS_OK) {
		return false;
	}
	while (!done()) {
		long long left = end - now_ms();
		if (left <= 0) {
			return false;
		}
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, (int)(left < 100 ? left : 100)) < 0 && errno != EINTR) {
			return false;
		}
		if (pump_mode == CS_DISPATCH_ONE && !(p.revents & POLLIN)) {
			continue; /* ONE would wait for an event */
		}
		cs_error_t rc = cpg_dispatch(h, pump_mode);
		if (rc != CS_OK) {
			note("cpg_dispatch: %d", rc);
			return false;
		}
	}
	return true;
}

/* Multicast, dispatching while the daemon says TRY_AGAIN. */
static cs_error_t send_iov(cpg_handle_t h, const struct iovec *iov, unsigned int n, int *retries)
{
	long long end = now_ms() + WAIT_MS;
	cs_error_t rc;

	while ((rc = cpg_mcast_joined(h, CPG_TYPE_AGREED, iov, n)) == CS_ERR_TRY_AGAIN &&
	       now_ms() < end) {
		(*retries)++;
		cpg_dispatch(h, CS_DISPATCH_ALL);
		usleep(1000);
	}
	return rc;
}

static cs_error_t connect_model(cpg_handle_t *h, void *context, unsigned int flags)
{
	cpg_model_v1_data_t model = {
		.model = CPG_MODEL_V1,
		.cpg_deliver_fn = on_deliver,
		.cpg_confchg_fn = on_confchg,
		.cpg_totem_confchg_fn = on_totem_confchg,
		.flags = flags,
	};

	return cpg_model_initialize(h, CPG_MODEL_V1, (cpg_model_data_t *)&model, context);
}

static uint32_t watch_nodeid, watch_pid, watch_reason;
static bool joined_seen(void)
{
	return has(seen.last.joined, seen.last.n_joined, watch_nodeid, watch_pid, watch_reason);
}

static bool left_seen(void)
{
	return has(seen.last.left, seen.last.n_left, watch_nodeid, watch_pid, watch_reason);
}

static void watch(uint32_t pid, uint32_t reason)
{
	memset(&seen.last, 0, sizeof(seen.last));
	watch_nodeid = want_nodeid;
	watch_pid = pid;
	watch_reason = reason;
}

/* ---- the checks ----------------------------------------------------------- */

static void where_is_libcpg(void)
{
	Dl_info info;

	if (dladdr((void *)cpg_initialize, &info) && info.dli_fname != NULL) {
		note("libcpg from %s", info.dli_fname);
	}
}

static void plain_connection(void)
{
	cpg_handle_t h;
	unsigned int nodeid = 0;
	uint32_t size = 0;
	cpg_callbacks_t callbacks = { on_deliver, on_confchg };

	check_rc(cpg_initialize(&h, &callbacks), CS_OK, "cpg_initialize");
	check_rc(cpg_local_get(h, &nodeid), CS_OK, "cpg_local_get");
	check(nodeid == want_nodeid, "local node id is %u (want %u)", nodeid, want_nodeid);
	check_rc(cpg_max_atomic_msgsize_get(h, &size), CS_OK, "cpg_max_atomic_msgsize_get");
	check(size == 1048576 - 1024, "max atomic message size %u", size);
	check_rc(cpg_dispatch(h, CS_DISPATCH_ONE_NONBLOCKING), CS_ERR_TRY_AGAIN,
		 "dispatch ONE_NONBLOCKING with nothing queued");
	check_rc(cpg_dispatch(h, CS_DISPATCH_ALL), CS_OK, "dispatch ALL with nothing queued");
	check_rc(cpg_finalize(h), CS_OK, "cpg_finalize");
	check_rc(cpg_finalize(h), CS_ERR_BAD_HANDLE, "second cpg_finalize");
	check_rc(cpg_local_get(h, &nodeid), CS_ERR_BAD_HANDLE, "cpg_local_get after finalize");
}

static bool own_join_seen(void)
{
	return joined_seen() && seen.totem_confchgs > 0;
}

static void join_group(cpg_handle_t h)
{
	int ctx_marker = 0;
	void *ctx = NULL;
	int fd = -1;
	cpg_flow_control_state_t fc = CPG_FLOW_CONTROL_ENABLED;

	check_rc(cpg_context_get(h, &ctx), CS_OK, "cpg_context_get");
	check(ctx == &group, "context from cpg_model_initialize");
	check_rc(cpg_context_set(h, &ctx_marker), CS_OK, "cpg_context_set");
	cpg_context_get(h, &ctx);
	check(ctx == &ctx_marker, "context after cpg_context_set");
	check_rc(cpg_fd_get(h, &fd), CS_OK, "cpg_fd_get");
	check(fd >= 0, "fd %d", fd);
	check_rc(cpg_flow_control_state_get(h, &fc), CS_OK, "cpg_flow_control_state_get");
	check(fc == CPG_FLOW_CONTROL_DISABLED, "flow control disabled");

	watch((uint32_t)getpid(), CPG_REASON_JOIN);
	check_rc(cpg_join(h, &group), CS_OK, "cpg_join");
	check(pump(h, own_join_seen), "confchg with ourselves joined (reason JOIN)");
	check(has(seen.last.members, seen.last.n_members, want_nodeid, (uint32_t)getpid(), 0) &&
		      seen.last.n_members == 1,
	      "we are the only member");
	check(seen.totem_confchgs == 1 && seen.totem_has_us,
	      "initial totem confchg (model V1 flag) names our node");
	check_rc(cpg_join(h, &group), CS_ERR_EXIST, "joining the same group again");
}

static bool small_done(void)
{
	return seen.next_seq >= SMALL_COUNT || !seen.small_ok;
}

static void small_messages(cpg_handle_t h)
{
	char buf[128];
	int retries = 0;
	cs_error_t rc = CS_OK;

	for (int i = 0; i < SMALL_COUNT && rc == CS_OK; i++) {
		int n = snprintf(buf, sizeof(buf), "small %d ", i);
		memset(buf + n, 'a' + i % 26, (size_t)(i % 50));
		/* Two pieces: the library joins iovecs. */
		struct iovec iov[2] = { { buf, (size_t)n }, { buf + n, (size_t)(i % 50) } };
		rc = send_iov(h, iov, 2, &retries);
	}
	check_rc(rc, CS_OK, "mcast of small messages");
	note("%d TRY_AGAIN answers while sending", retries);
	pump_mode = CS_DISPATCH_ONE;
	check(pump(h, small_done) && seen.small_ok,
	      "small messages delivered back in order, intact, from us (dispatch ONE)");
	pump_mode = CS_DISPATCH_ALL;
}

static bool big_done(void)
{
	return seen.next_seq > SMALL_COUNT;
}

static void big_message(cpg_handle_t h)
{
	unsigned char *big = malloc(BIG_LEN);
	char tail[64];
	int retries = 0;

	for (size_t i = 0; i < BIG_LEN; i++) {
		big[i] = big_byte(i);
	}
	/* Uneven pieces, so that fragments span iovecs. */
	struct iovec iov[3] = { { big, 1048577 }, { big + 1048577, 1048569 } };
	iov[2].iov_base = big + 2097146;
	iov[2].iov_len = BIG_LEN - 2097146;
	check_rc(send_iov(h, iov, 3, &retries), CS_OK, "mcast of a 3 MiB message (fragments)");
	int n = snprintf(tail, sizeof(tail), "small %d ", SMALL_COUNT);
	memset(tail + n, 'a' + SMALL_COUNT % 26, SMALL_COUNT % 50);
	struct iovec after = { tail, (size_t)n + SMALL_COUNT % 50 };
	check_rc(send_iov(h, &after, 1, &retries), CS_OK, "mcast of a small message after it");
	check(pump(h, big_done) && seen.big_seen == 1 && seen.big_ok,
	      "3 MiB message delivered back once, intact");
	check(seen.after_big && seen.small_ok, "small message after the big one came after it");
	free(big);
}

static bool zcb_done(void)
{
	return seen.zcb_seen > 0;
}

static void zero_copy(cpg_handle_t h)
{
	void *buf = NULL;

	check_rc(cpg_zcb_alloc(h, 64, &buf), CS_OK, "cpg_zcb_alloc");
	if (buf == NULL) {
		return;
	}
	memcpy(buf, "zcb message", 11);
	check_rc(cpg_zcb_mcast_joined(h, CPG_TYPE_AGREED, buf, 11), CS_OK, "cpg_zcb_mcast_joined");
	check(pump(h, zcb_done), "zero-copy message delivered back");
	check_rc(cpg_zcb_free(h, buf), CS_OK, "cpg_zcb_free");
}

static bool flood_done(void)
{
	return seen.flood_next >= FLOOD_COUNT || !seen.flood_ok;
}

/* Faster than the daemon can take: exercises TRY_AGAIN (flow control) on
 * whole messages and on fragments, and the daemon's event queue. */
static void flood(cpg_handle_t h)
{
	char *buf = malloc(FLOOD_BIG_LEN);
	int retries = 0;
	cs_error_t rc = CS_OK;

	for (int seq = 0; seq < FLOOD_COUNT && rc == CS_OK; seq++) {
		size_t len = flood_len(seq);
		memset(buf, seq % 251, len);
		int n = snprintf(buf, 32, "flood %d", seq);
		buf[n] = '\0';
		struct iovec iov = { buf, len };
		rc = send_iov(h, &iov, 1, &retries);
	}
	check(rc == CS_OK, "flood of %d messages of 64 KiB and 3 MiB sent: %d", FLOOD_COUNT, rc);
	note("%d TRY_AGAIN answers during the flood", retries);
	check(pump(h, flood_done) && seen.flood_ok && seen.flood_next == FLOOD_COUNT,
	      "flood delivered back complete and in order (%d)", seen.flood_next);
	free(buf);
}

static void membership(cpg_handle_t h)
{
	struct cpg_address members[CPG_MEMBERS_MAX];
	int n = -1;

	check_rc(cpg_membership_get(h, &group, members, &n), CS_OK, "cpg_membership_get");
	check(n == 1 && has(members, (size_t)n, want_nodeid, (uint32_t)getpid(), 0),
	      "membership is ourselves (%d entries)", n);
}

/* Walk with @type; count the steps that name our group (and our pid, for
 * the kinds that list members).  -1 on error. */
static int walk(cpg_handle_t h, cpg_iteration_type_t type, const struct cpg_name *g,
		cs_error_t *end)
{
	cpg_iteration_handle_t it;
	struct cpg_iteration_description_t d;
	int found = 0;

	if (cpg_iteration_initialize(h, type, g, &it) != CS_OK) {
		return -1;
	}
	while ((*end = cpg_iteration_next(it, &d)) == CS_OK) {
		bool ours = d.group.length == group.length &&
			    memcmp(d.group.value, group.value, group.length) == 0;
		if (ours && (type == CPG_ITERATION_NAME_ONLY ||
			     (d.pid == (uint32_t)getpid() && d.nodeid == want_nodeid))) {
			found++;
		}
	}
	if (cpg_iteration_finalize(it) != CS_OK) {
		return -1;
	}
	if (cpg_iteration_next(it, &d) != CS_ERR_BAD_HANDLE) {
		return -1;
	}
	return found;
}

/* Left open on purpose: cpg_finalize() closes it. */
static cpg_iteration_handle_t open_walk;

static void iteration(cpg_handle_t h)
{
	cs_error_t end = CS_OK;
	struct cpg_iteration_description_t d;

	check(walk(h, CPG_ITERATION_ALL, NULL, &end) == 1, "iteration ALL finds our group and pid");
	check_rc(end, CS_ERR_NO_SECTIONS, "iteration ends with NO_SECTIONS");
	check(walk(h, CPG_ITERATION_NAME_ONLY, NULL, &end) == 1, "iteration NAME_ONLY finds it");
	check(walk(h, CPG_ITERATION_ONE_GROUP, &group, &end) == 1,
	      "iteration ONE_GROUP finds our pid");
	check_rc(cpg_iteration_initialize(h, CPG_ITERATION_ALL, NULL, &open_walk), CS_OK,
		 "an iteration to leave open");
	check_rc(cpg_iteration_next(open_walk, &d), CS_OK, "its first step");
}

/* The second process: join, report the two-member confchg, then finalize
 * without leaving when told. */
static int child(int to_parent, int from_parent)
{
	cpg_handle_t h;
	char go;

	watch((uint32_t)getpid(), CPG_REASON_JOIN);
	if (connect_model(&h, NULL, 0) != CS_OK || cpg_join(h, &group) != CS_OK ||
	    !pump(h, joined_seen) || seen.last.n_members != 2) {
		return 1;
	}
	if (write(to_parent, "j", 1) != 1 || read(from_parent, &go, 1) != 1) {
		return 2;
	}
	return cpg_finalize(h) == CS_OK ? 0 : 3;
}

static void second_process(cpg_handle_t h)
{
	int up[2], down[2], status = -1;
	char c;

	if (pipe(up) != 0 || pipe(down) != 0) {
		check(false, "pipes for the second process");
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		_exit(child(up[1], down[0]));
	}
	watch((uint32_t)pid, CPG_REASON_JOIN);
	check(pump(h, joined_seen) && seen.last.n_members == 2,
	      "second process joined: confchg with 2 members");
	check(read(up[0], &c, 1) == 1, "second process saw the 2-member confchg too");
	struct cpg_address members[CPG_MEMBERS_MAX];
	int n = 0;
	check(cpg_membership_get(h, &group, members, &n) == CS_OK && n == 2 &&
		      has(members, 2, want_nodeid, (uint32_t)pid, 0),
	      "cpg_membership_get lists both processes");
	watch((uint32_t)pid, CPG_REASON_PROCDOWN);
	check(write(down[1], "g", 1) == 1, "tell it to finalize without leaving");
	check(pump(h, left_seen) && seen.last.n_members == 1,
	      "its finalize shows as reason PROCDOWN");
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "second process exit status %d",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
}

static void leave_group(cpg_handle_t h)
{
	watch((uint32_t)getpid(), CPG_REASON_LEAVE);
	check_rc(cpg_leave(h, &group), CS_OK, "cpg_leave");
	check(pump(h, left_seen), "confchg with ourselves left (reason LEAVE)");
	check_rc(cpg_leave(h, &group), CS_ERR_NOT_EXIST, "leaving again");
}

/* A callback that finalizes its own handle ends the dispatch with
 * BAD_HANDLE. */
static void finalize_in_callback(void)
{
	cpg_handle_t h;

	check_rc(connect_model(&h, NULL, 0), CS_OK, "connection for finalize-in-callback");
	seen.finalize_in_callback = true;
	seen.finalize_this = h;
	check_rc(cpg_join(h, &group), CS_OK, "join");
	/* BLOCKING returns only when the handle goes; never wait forever. */
	alarm(WAIT_MS / 1000);
	cs_error_t rc = cpg_dispatch(h, CS_DISPATCH_BLOCKING);
	alarm(0);
	seen.finalize_in_callback = false;
	check_rc(seen.finalize_rc, CS_OK, "cpg_finalize inside the confchg callback");
	check_rc(rc, CS_ERR_BAD_HANDLE, "the dispatch (BLOCKING) running it returns BAD_HANDLE");
	check_rc(cpg_dispatch(h, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE, "handle is gone");
}

static void bad_handles(cpg_handle_t finalized)
{
	void *ctx;
	unsigned int nodeid;

	check_rc(cpg_join(finalized, &group), CS_ERR_BAD_HANDLE, "join on a finalized handle");
	check_rc(cpg_dispatch(finalized, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE,
		 "dispatch on a finalized handle");
	check_rc(cpg_context_get(0x1234, &ctx), CS_ERR_BAD_HANDLE, "context_get on garbage");
	check_rc(cpg_local_get(0, &nodeid), CS_ERR_BAD_HANDLE, "local_get on handle 0");
}

static int run_checks(void)
{
	cpg_handle_t h;

	where_is_libcpg();
	snprintf(group.value, sizeof(group.value), "cpg_check.%d", (int)getpid());
	group.length = (uint32_t)strlen(group.value);

	plain_connection();
	check_rc(connect_model(&h, &group, CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF), CS_OK,
		 "cpg_model_initialize V1 with initial totem confchg");
	join_group(h);
	small_messages(h);
	big_message(h);
	zero_copy(h);
	flood(h);
	membership(h);
	iteration(h);
	second_process(h);
	leave_group(h);
	check_rc(cpg_finalize(h), CS_OK, "cpg_finalize");
	struct cpg_iteration_description_t d;
	check_rc(cpg_iteration_next(open_walk, &d), CS_ERR_BAD_HANDLE,
		 "cpg_finalize closed the iteration left open");
	finalize_in_callback();
	bad_handles(h);
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}

/* Until the daemon is up it refuses connections (TRY_AGAIN) or is not
 * there at all (LIBRARY). */
static int wait_ready(int seconds)
{
	long long end = now_ms() + seconds * 1000LL;

	do {
		cpg_handle_t h;
		unsigned int nodeid;
		if (cpg_initialize(&h, NULL) == CS_OK) {
			cs_error_t rc = cpg_local_get(h, &nodeid);
			cpg_finalize(h);
			if (rc == CS_OK) {
				return 0;
			}
		}
		usleep(100000);
	} while (now_ms() < end);
	fprintf(stderr, "cpg_check: the cpg service did not answer within %d s\n", seconds);
	return 1;
}

static int expect_refusal(cs_error_t want)
{
	cpg_handle_t h;
	cs_error_t rc = cpg_initialize(&h, NULL);

	if (rc == CS_OK) {
		cpg_finalize(h);
	}
	if (rc != want) {
		fprintf(stderr, "cpg_check: cpg_initialize gave %d, want %d\n", rc, want);
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
