/*
 * cpg_test_client: a CPG process for cluster tests.
 *
 *   cpg_test_client -m                 print the ring's members and exit
 *   cpg_test_client -g GROUP -o LOG [-r RATE] [-s SIZE] [-t SECONDS]
 *
 * In the second form it joins GROUP, multicasts RATE messages per second
 * (default 50) of SIZE bytes (at least the label), and logs to LOG, one
 * line per event, in the order the daemon delivered them:
 *   S <nodeid> <pid>               the client started
 *   T <rep>.<seq> <members...>     a new ring (totem configuration)
 *   J                              our own join took effect: from here on
 *                                  we are in the group and get its messages
 *   M <nodeid>:<pid>:<seq>         a message delivered
 * It stops after SECONDS (default: never) or on SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <corosync/cpg.h>

static volatile sig_atomic_t stop;
static FILE *log_file;
static bool members_only;
static bool members_printed;
static unsigned int local_nodeid;

static void on_signal(int sig)
{
	stop = 1;
}

static void on_deliver(cpg_handle_t handle, const struct cpg_name *group, uint32_t nodeid,
		       uint32_t pid, void *msg, size_t len)
{
	const char *text = msg;
	size_t n = strnlen(text, len);

	if (log_file != NULL) {
		fprintf(log_file, "M %.*s\n", (int)n, text);
	}
}

static void on_confchg(cpg_handle_t handle, const struct cpg_name *group,
		       const struct cpg_address *members, size_t n_members,
		       const struct cpg_address *left, size_t n_left,
		       const struct cpg_address *joined, size_t n_joined)
{
	for (size_t i = 0; log_file != NULL && i < n_joined; i++) {
		if (joined[i].nodeid == local_nodeid && joined[i].pid == (uint32_t)getpid()) {
			fprintf(log_file, "J\n");
		}
	}
}

static void on_totem(cpg_handle_t handle, struct cpg_ring_id ring_id, uint32_t n,
		     const uint32_t *members)
{
	FILE *out = members_only ? stdout : log_file;

	if (members_only) {
		if (members_printed) {
			return;
		}
		members_printed = true;
		for (uint32_t i = 0; i < n; i++) {
			fprintf(out, "%s%u", i ? " " : "", members[i]);
		}
		fprintf(out, "\n");
		return;
	}
	fprintf(out, "T %x.%" PRIx64, ring_id.nodeid, ring_id.seq);
	for (uint32_t i = 0; i < n; i++) {
		fprintf(out, " %u", members[i]);
	}
	fprintf(out, "\n");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait for the daemon's TRY_AGAIN to pass, bounded. */
static cs_error_t retry(cs_error_t (*fn)(cpg_handle_t, const struct cpg_name *), cpg_handle_t h,
			const struct cpg_name *g)
{
	cs_error_t rc;

	for (int i = 0; i < 3000; i++) {
		rc = fn(h, g);
		if (rc != CS_ERR_TRY_AGAIN) {
			return rc;
		}
		usleep(10000);
	}
	return rc;
}

static int run(const char *group_name, double rate, size_t size, double seconds)
{
	cpg_model_v1_data_t model = {
		.model = CPG_MODEL_V1,
		.cpg_deliver_fn = on_deliver,
		.cpg_confchg_fn = on_confchg,
		.cpg_totem_confchg_fn = on_totem,
		.flags = CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF,
	};
	struct cpg_name group = { 0 };
	cpg_handle_t h;
	unsigned int nodeid = 0, tag;
	uint64_t seq = 0;
	char *buf = calloc(1, size + 64);
	double start = now(), next = start;
	int fd;
	cs_error_t rc;

	snprintf(group.value, sizeof(group.value), "%s", group_name);
	group.length = (uint32_t)strlen(group.value);
	rc = cpg_model_initialize(&h, CPG_MODEL_V1, (cpg_model_data_t *)&model, NULL);
	if (rc != CS_OK) {
		fprintf(stderr, "cpg_test_client: cannot connect to corosync: error %d\n", rc);
		return 1;
	}
	cpg_local_get(h, &nodeid);
	local_nodeid = nodeid;
	/* Messages carry this process's tag, not its bare pid: a node powered
	 * on again starts a fresh PID namespace, where the next client gets the
	 * same pid as the last one, and their messages must not look alike. */
	tag = ((unsigned int)getpid() & 0xFFFFFu) | (((unsigned int)(now() * 1e6) & 0xFFFu) << 20);
	if (!members_only) {
		fprintf(log_file, "S %u %u\n", nodeid, tag);
	}
	rc = retry(cpg_join, h, &group);
	if (rc != CS_OK) {
		fprintf(stderr, "cpg_test_client: cannot join %s: error %d\n", group_name, rc);
		cpg_finalize(h);
		return 1;
	}
	cpg_fd_get(h, &fd);
	while (!stop && !(members_only && members_printed) &&
	       (seconds <= 0 || now() - start < seconds)) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		double wait = rate > 0 ? next - now() : 0.1;
		poll(&p, 1, wait > 0 ? (int)(wait * 1000) + 1 : 0);
		cs_error_t drc = cpg_dispatch(h, CS_DISPATCH_ALL);
		if (drc != CS_OK && drc != CS_ERR_TRY_AGAIN) {
			fprintf(stderr, "cpg_test_client: lost corosync: error %d\n", drc);
			break;
		}
		if (members_only || rate <= 0 || now() < next) {
			continue;
		}
		snprintf(buf, size + 64, "%u:%u:%" PRIu64, nodeid, tag, seq);
		struct iovec iov = { buf, strlen(buf) + 1 > size ? strlen(buf) + 1 : size };
		rc = cpg_mcast_joined(h, CPG_TYPE_AGREED, &iov, 1);
		if (rc == CS_OK) {
			seq++;
			next += 1.0 / rate;
		} else if (rc == CS_ERR_TRY_AGAIN) {
			next = now() + 0.005; /* the daemon asks us to wait */
		} else {
			fprintf(stderr, "cpg_test_client: mcast failed: error %d\n", rc);
			break;
		}
		if (log_file != NULL) {
			fflush(log_file);
		}
	}
	cpg_leave(h, &group);
	cpg_finalize(h);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *group = "cpg_test", *log_path = NULL;
	double rate = 50, seconds = 0;
	size_t size = 32;
	int c;

	while ((c = getopt(argc, argv, "mg:o:r:s:t:")) != -1) {
		switch (c) {
		case 'm':
			members_only = true;
			break;
		case 'g':
			group = optarg;
			break;
		case 'o':
			log_path = optarg;
			break;
		case 'r':
			rate = atof(optarg);
			break;
		case 's':
			size = (size_t)atol(optarg);
			break;
		case 't':
			seconds = atof(optarg);
			break;
		default:
			fprintf(stderr, "usage: cpg_test_client -m | -g GROUP -o LOG [-r RATE] [-s "
					"SIZE] [-t SECONDS]\n");
			return 2;
		}
	}
	if (members_only) {
		seconds = 10;
		group = "cpg_test_members";
	} else {
		if (log_path == NULL) {
			fprintf(stderr, "cpg_test_client: -o LOG is required\n");
			return 2;
		}
		log_file = fopen(log_path, "a");
		if (log_file == NULL) {
			perror(log_path);
			return 1;
		}
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	int rc = run(group, rate, size, seconds);
	if (log_file != NULL) {
		fclose(log_file);
	}
	return rc != 0 ? rc : (members_only && !members_printed ? 1 : 0);
}
