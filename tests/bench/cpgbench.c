/*
 * cpgbench: CPG throughput and latency on the libcpg API.
 *
 *   cpgbench [-g GROUP] [-s SIZE] [-t SECONDS] [-d DRAIN] [-w MEMBERS]
 *
 * Joins GROUP, optionally waits until MEMBERS processes are in it (to
 * start together on several nodes), multicasts SIZE-byte agreed messages
 * as fast as the daemon takes them for SECONDS, then waits up to DRAIN
 * seconds for its own messages to come back.  Messages carry a sequence
 * number and the send time, so order and latency are checked.  Prints:
 *   size=1024 B duration=10.00 s sent=N delivered=N lost=0 out_of_order=0 try_again=N foreign=N
 *   rate: N msgs/s  N MB/s (payload, 1 MB = 10^6 B)
 *   latency send->deliver: avg N ms  max N ms
 * Exit status 0 when every message came back in order, 3 otherwise.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <corosync/cpg.h>

struct payload_head {
	uint64_t seq;
	uint64_t sent_ns;
	uint32_t nodeid;
	uint32_t pid;
};

static struct {
	uint32_t nodeid;
	uint32_t pid;
	size_t members;
	bool in_group;
	uint64_t delivered, foreign, expected, out_of_order;
	uint64_t lat_sum, lat_max;
} b;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void on_deliver(cpg_handle_t h, const struct cpg_name *g, uint32_t nodeid, uint32_t pid,
		       void *msg, size_t len)
{
	struct payload_head head;

	if (len < sizeof(head)) {
		return;
	}
	memcpy(&head, msg, sizeof(head));
	if (head.nodeid != b.nodeid || head.pid != b.pid) {
		b.foreign++;
		return;
	}
	if (head.seq != b.expected) {
		b.out_of_order++;
	}
	b.expected = head.seq + 1;
	b.delivered++;
	uint64_t lat = now_ns() - head.sent_ns;
	b.lat_sum += lat;
	if (lat > b.lat_max) {
		b.lat_max = lat;
	}
}

static void on_confchg(cpg_handle_t h, const struct cpg_name *g, const struct cpg_address *m,
		       size_t n, const struct cpg_address *l, size_t nl,
		       const struct cpg_address *j, size_t nj)
{
	b.members = n;
	for (size_t i = 0; i < n; i++) {
		if (m[i].nodeid == b.nodeid && m[i].pid == b.pid) {
			b.in_group = true;
		}
	}
}

static void drain(cpg_handle_t h, int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, timeout_ms) > 0) {
		cpg_dispatch(h, CS_DISPATCH_ALL);
	}
}

int main(int argc, char **argv)
{
	const char *group_name = "cpgbench";
	size_t size = 1024;
	double seconds = 10, drain_s = 10;
	size_t wait_members = 0;
	cpg_callbacks_t cb = { .cpg_deliver_fn = on_deliver, .cpg_confchg_fn = on_confchg };
	struct cpg_name group = { 0 };
	uint64_t sent = 0, try_again = 0;
	cpg_handle_t h;
	int c, fd;

	while ((c = getopt(argc, argv, "g:s:t:d:w:")) != -1) {
		switch (c) {
		case 'g':
			group_name = optarg;
			break;
		case 's':
			size = (size_t)atol(optarg);
			break;
		case 't':
			seconds = atof(optarg);
			break;
		case 'd':
			drain_s = atof(optarg);
			break;
		case 'w':
			wait_members = (size_t)atol(optarg);
			break;
		default:
			fprintf(stderr, "usage: cpgbench [-g GROUP] [-s SIZE] [-t SECONDS] [-d "
					"DRAIN] [-w MEMBERS]\n");
			return 2;
		}
	}
	if (size < sizeof(struct payload_head)) {
		size = sizeof(struct payload_head);
	}
	snprintf(group.value, sizeof(group.value), "%s", group_name);
	group.length = (uint32_t)strlen(group.value);
	if (cpg_initialize(&h, &cb) != CS_OK) {
		fprintf(stderr, "cpgbench: cannot connect to corosync\n");
		return 1;
	}
	cpg_local_get(h, &b.nodeid);
	b.pid = (uint32_t)getpid();
	cpg_fd_get(h, &fd);
	while (cpg_join(h, &group) == CS_ERR_TRY_AGAIN) {
		usleep(10000);
	}
	for (uint64_t start = now_ns(); !b.in_group || b.members < wait_members;) {
		drain(h, fd, 10);
		if (now_ns() - start > 60 * 1000000000ull) {
			fprintf(stderr, "cpgbench: group did not reach %zu members\n",
				wait_members);
			return 1;
		}
	}

	char *buf = calloc(1, size);
	struct iovec iov = { buf, size };
	uint64_t start = now_ns(), end = start + (uint64_t)(seconds * 1e9);
	while (now_ns() < end) {
		struct payload_head head = { sent, now_ns(), b.nodeid, b.pid };
		memcpy(buf, &head, sizeof(head));
		cs_error_t rc = cpg_mcast_joined(h, CPG_TYPE_AGREED, &iov, 1);
		if (rc == CS_OK) {
			sent++;
			if (sent % 16 == 0) {
				cpg_dispatch(h, CS_DISPATCH_ALL);
			}
		} else if (rc == CS_ERR_TRY_AGAIN) {
			try_again++;
			drain(h, fd, 1);
		} else {
			fprintf(stderr, "cpgbench: mcast failed: error %d\n", rc);
			break;
		}
	}
	double elapsed = (double)(now_ns() - start) / 1e9;
	uint64_t drain_end = now_ns() + (uint64_t)(drain_s * 1e9);
	while (b.delivered < sent && now_ns() < drain_end) {
		drain(h, fd, 10);
	}
	printf("size=%zu B duration=%.2f s sent=%" PRIu64 " delivered=%" PRIu64 " lost=%" PRIu64
	       " out_of_order=%" PRIu64 " try_again=%" PRIu64 " foreign=%" PRIu64 "\n",
	       size, elapsed, sent, b.delivered, sent - b.delivered, b.out_of_order, try_again,
	       b.foreign);
	printf("rate: %.0f msgs/s  %.2f MB/s (payload, 1 MB = 10^6 B)\n", (double)sent / elapsed,
	       (double)sent * (double)size / elapsed / 1e6);
	printf("latency send->deliver: avg %.3f ms  max %.3f ms\n",
	       b.delivered ? (double)b.lat_sum / (double)b.delivered / 1e6 : 0.0,
	       (double)b.lat_max / 1e6);
	cpg_leave(h, &group);
	cpg_finalize(h);
	free(buf);
	return b.delivered == sent && b.out_of_order == 0 ? 0 : 3;
}
