/*
 * cfg_check: exercises libcfg against a running corosync (one node on
 * 127.0.0.1) and prints TAP.  Written against the public cfg.h only, so
 * that it builds unchanged with corosync's own headers and library (see
 * cpg_check.c).  The daemon keeps running: the shutdown it asks for is
 * refused by a tracking child process.
 *
 *   cfg_check [-n NODEID]    run the checks; exit 0 if all pass, else 1
 *   cfg_check -w SECONDS     wait until the cfg service answers; exit 0/1
 *   cfg_check -e CODE        exit 0 if corosync_cfg_initialize() fails
 *                            with cs_error_t CODE, else 1
 *   cfg_check -V SECONDS     track shutdowns for SECONDS and refuse each,
 *                            printing "tracking", then "asked FLAGS" per
 *                            question (for the tools' tests)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr(), before any system header */
#endif
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <corosync/cfg.h>

#include "check_tap.h"

#define WAIT_MS 10000

static uint32_t want_nodeid = 1;

static void ids_and_addresses(corosync_cfg_handle_t h)
{
	unsigned int nodeid = 0;
	corosync_cfg_node_address_t addrs[8];
	int n = -1;
	char text[INET6_ADDRSTRLEN] = "";

	check_rc(corosync_cfg_local_get(h, &nodeid), CS_OK, "corosync_cfg_local_get");
	check(nodeid == want_nodeid, "local node id %u (want %u)", nodeid, want_nodeid);
	check_rc(corosync_cfg_get_node_addrs(h, nodeid, 8, &n, addrs), CS_OK,
		 "corosync_cfg_get_node_addrs of the local node");
	const struct sockaddr_in *sin = (const struct sockaddr_in *)addrs[0].address;
	if (n >= 1 && sin->sin_family == AF_INET) {
		inet_ntop(AF_INET, &sin->sin_addr, text, sizeof(text));
	}
	check(n >= 1 && strcmp(text, "127.0.0.1") == 0 &&
		      addrs[0].address_length == (int)sizeof(struct sockaddr_in),
	      "its first address is 127.0.0.1 (%d addresses, %s)", n, text);
	n = -1;
	check_rc(corosync_cfg_get_node_addrs(h, 0, 8, &n, addrs), CS_OK,
		 "corosync_cfg_get_node_addrs of node 0 (the local node)");
	check(n >= 1, "has addresses (%d)", n);
	n = -1;
	check_rc(corosync_cfg_get_node_addrs(h, nodeid, 0, &n, addrs), CS_OK,
		 "corosync_cfg_get_node_addrs with no room");
	check(n >= 1, "still reports how many there are (%d)", n);
	check(corosync_cfg_get_node_addrs(h, 999, 8, &n, addrs) != CS_OK,
	      "an unknown node has no addresses");
}

static void node_status(corosync_cfg_handle_t h)
{
	struct corosync_cfg_node_status_v1 st;

	memset(&st, 0xaa, sizeof(st));
	check_rc(corosync_cfg_node_status_get(h, want_nodeid, CFG_NODE_STATUS_V1, &st), CS_OK,
		 "corosync_cfg_node_status_get V1");
	check(st.version == CFG_NODE_STATUS_V1 && st.nodeid == want_nodeid && st.reachable == 1,
	      "version %d, node %u, reachable %d", st.version, st.nodeid, st.reachable);
	check(st.link_status[0].enabled && st.link_status[0].connected &&
		      strcmp(st.link_status[0].src_ipaddr, "127.0.0.1") == 0,
	      "link 0 enabled and connected from %.20s", st.link_status[0].src_ipaddr);
	check_rc(corosync_cfg_node_status_get(h, want_nodeid, 2, &st), CS_ERR_INVALID_PARAM,
		 "an unknown version is refused");
	check(corosync_cfg_node_status_get(h, 999, CFG_NODE_STATUS_V1, &st) != CS_OK,
	      "an unknown node has no status");
}

static void ring_status(corosync_cfg_handle_t h)
{
	char **names = NULL, **status = NULL;
	unsigned int n = 0;

	check_rc(corosync_cfg_ring_status_get(h, &names, &status, &n), CS_OK,
		 "corosync_cfg_ring_status_get");
	check(n >= 1 && names != NULL && status != NULL && strstr(names[0], "127.0.0.1") != NULL,
	      "link 0 is named after its address (%s)", n >= 1 ? names[0] : "none");
	for (unsigned int i = 0; i < n; i++) {
		free(names[i]);
		free(status[i]);
	}
	free(names);
	free(status);
}

static void commands(corosync_cfg_handle_t h)
{
	char reason[300];

	check_rc(corosync_cfg_reopen_log_files(h), CS_OK, "corosync_cfg_reopen_log_files");
	check_rc(corosync_cfg_reload_config(h), CS_OK, "corosync_cfg_reload_config");
	check_rc(corosync_cfg_kill_node(h, 999, "cfg_check"), CS_ERR_NOT_EXIST,
		 "corosync_cfg_kill_node of an unknown node");
	memset(reason, 'r', sizeof(reason));
	reason[sizeof(reason) - 1] = '\0';
	check_rc(corosync_cfg_kill_node(h, 999, reason), CS_ERR_NAME_TOO_LONG,
		 "a reason too long is refused");
	check_rc(corosync_cfg_trackstart(h, 0), CS_OK, "corosync_cfg_trackstart");
	check_rc(corosync_cfg_trackstop(h), CS_OK, "corosync_cfg_trackstop");
	check_rc(corosync_cfg_replyto_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_YES), CS_OK,
		 "corosync_cfg_replyto_shutdown with no question pending");
}

/* ---- the shutdown question, answered "no" by a child process ---- */

static int child_flags = -1;

static void answer_no(corosync_cfg_handle_t h, corosync_cfg_shutdown_flags_t flags)
{
	child_flags = (int)flags;
	corosync_cfg_replyto_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_NO);
}

/* Track shutdowns, say "ready" on @out, refuse the first question and
 * report its flags on @out. */
static int vetoing_child(int out)
{
	corosync_cfg_callbacks_t cb = { .corosync_cfg_shutdown_callback = answer_no };
	corosync_cfg_handle_t h;
	int fd;
	char c = 'r';

	if (corosync_cfg_initialize(&h, &cb) != CS_OK || corosync_cfg_trackstart(h, 0) != CS_OK ||
	    corosync_cfg_fd_get(h, &fd) != CS_OK) {
		return 1;
	}
	if (write(out, &c, 1) != 1) {
		return 1;
	}
	long long end = now_ms() + WAIT_MS;
	while (child_flags < 0 && now_ms() < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		if (poll(&pfd, 1, 100) > 0 && corosync_cfg_dispatch(h, CS_DISPATCH_ALL) != CS_OK) {
			break;
		}
	}
	c = (char)('0' + child_flags);
	if (write(out, &c, 1) != 1) {
		return 1;
	}
	corosync_cfg_finalize(h);
	return child_flags < 0;
}

static void refused_shutdown(corosync_cfg_handle_t h)
{
	int p[2];
	char c = 0;

	if (pipe(p) < 0) {
		check(false, "pipe");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(vetoing_child(p[1]));
	}
	close(p[1]);
	check(read(p[0], &c, 1) == 1 && c == 'r', "a child process tracks shutdowns");
	check_rc(corosync_cfg_try_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST), CS_ERR_BUSY,
		 "corosync_cfg_try_shutdown REQUEST is refused by its veto");
	c = 0;
	check(read(p[0], &c, 1) == 1 && c == '0' + COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST,
	      "its callback was asked, with flags REQUEST (%c)", c ? c : '?');
	close(p[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child ended well");
}

static void dispatch_and_fd(corosync_cfg_handle_t h)
{
	int fd = -1;

	check_rc(corosync_cfg_fd_get(h, &fd), CS_OK, "corosync_cfg_fd_get");
	check(fd >= 0, "the descriptor is valid");
	check_rc(corosync_cfg_dispatch(h, CS_DISPATCH_ONE_NONBLOCKING), CS_ERR_TRY_AGAIN,
		 "dispatch ONE_NONBLOCKING with nothing pending");
	check_rc(corosync_cfg_dispatch(h, CS_DISPATCH_ALL), CS_OK,
		 "dispatch ALL with nothing pending");
}

static void bad_handles(corosync_cfg_handle_t dead)
{
	static const corosync_cfg_handle_t bad[] = { 0, 0xdeadbeefcafef00dULL };
	unsigned int nodeid;
	int fd, n;
	corosync_cfg_node_address_t addrs[1];

	for (size_t i = 0; i < 3; i++) {
		corosync_cfg_handle_t h = i < 2 ? bad[i] : dead;
		check(corosync_cfg_finalize(h) == CS_ERR_BAD_HANDLE &&
			      corosync_cfg_fd_get(h, &fd) == CS_ERR_BAD_HANDLE &&
			      corosync_cfg_dispatch(h, CS_DISPATCH_ALL) == CS_ERR_BAD_HANDLE &&
			      corosync_cfg_local_get(h, &nodeid) == CS_ERR_BAD_HANDLE &&
			      corosync_cfg_get_node_addrs(h, 0, 1, &n, addrs) ==
				      CS_ERR_BAD_HANDLE &&
			      corosync_cfg_trackstart(h, 0) == CS_ERR_BAD_HANDLE &&
			      corosync_cfg_reload_config(h) == CS_ERR_BAD_HANDLE,
		      "handle %s is refused everywhere",
		      i == 2 ? "after finalize" : "never issued");
	}
}

static int run_checks(void)
{
	corosync_cfg_handle_t h;

	note_library("libcfg", (void *)corosync_cfg_initialize);
	check_rc(corosync_cfg_initialize(&h, NULL), CS_OK, "corosync_cfg_initialize");
	ids_and_addresses(h);
	node_status(h);
	ring_status(h);
	commands(h);
	dispatch_and_fd(h);
	refused_shutdown(h);
	check_rc(corosync_cfg_finalize(h), CS_OK, "corosync_cfg_finalize");
	bad_handles(h);
	return tap_done();
}

static void say_asked(corosync_cfg_handle_t h, corosync_cfg_shutdown_flags_t flags)
{
	printf("asked %d\n", (int)flags);
	fflush(stdout);
	corosync_cfg_replyto_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_NO);
}

/* Refuse every shutdown for @seconds, or until the daemon is gone. */
static int veto(int seconds)
{
	corosync_cfg_callbacks_t cb = { .corosync_cfg_shutdown_callback = say_asked };
	corosync_cfg_handle_t h;
	int fd;

	if (corosync_cfg_initialize(&h, &cb) != CS_OK || corosync_cfg_trackstart(h, 0) != CS_OK ||
	    corosync_cfg_fd_get(h, &fd) != CS_OK) {
		return 1;
	}
	printf("tracking\n");
	fflush(stdout);
	for (long long end = now_ms() + seconds * 1000LL; now_ms() < end;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		if (poll(&pfd, 1, 100) > 0 && corosync_cfg_dispatch(h, CS_DISPATCH_ALL) != CS_OK) {
			break;
		}
	}
	corosync_cfg_finalize(h);
	return 0;
}

static int wait_ready(int seconds)
{
	long long end = now_ms() + seconds * 1000LL;

	do {
		corosync_cfg_handle_t h;
		if (corosync_cfg_initialize(&h, NULL) == CS_OK) {
			unsigned int nodeid;
			cs_error_t rc = corosync_cfg_local_get(h, &nodeid);
			corosync_cfg_finalize(h);
			if (rc == CS_OK) {
				return 0;
			}
		}
		usleep(100000);
	} while (now_ms() < end);
	fprintf(stderr, "cfg_check: the cfg service did not answer within %d s\n", seconds);
	return 1;
}

static int expect_refusal(cs_error_t want)
{
	corosync_cfg_handle_t h;
	cs_error_t rc = corosync_cfg_initialize(&h, NULL);

	if (rc == CS_OK) {
		corosync_cfg_finalize(h);
	}
	if (rc != want) {
		fprintf(stderr, "cfg_check: corosync_cfg_initialize gave %d, want %d\n", rc, want);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int opt;

	signal(SIGPIPE, SIG_IGN);
	while ((opt = getopt(argc, argv, "e:n:w:V:")) != -1) {
		switch (opt) {
		case 'V':
			return veto(atoi(optarg));
		case 'n':
			want_nodeid = (uint32_t)strtoul(optarg, NULL, 10);
			break;
		case 'w':
			return wait_ready(atoi(optarg));
		case 'e':
			return expect_refusal((cs_error_t)atoi(optarg));
		default:
			fprintf(stderr,
				"usage: %s [-n NODEID] | -w SECONDS | -e CODE | -V SECONDS\n",
				argv[0]);
			return 2;
		}
	}
	return run_checks();
}
