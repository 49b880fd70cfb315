/*
 * Starting an agent: fork, a process group of its own (so that a timeout
 * can kill everything it started), directory /, pipes for its standard
 * streams, and a report from the child when exec itself fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "services_private.h"

/* Signals whose disposition the agent must get back at default: a daemon
 * may ignore or catch them, and an agent inheriting "ignore SIGPIPE" or
 * "ignore SIGCHLD" misbehaves. */
static const int svc_reset_signals[] = { SIGPIPE, SIGCHLD, SIGTERM, SIGINT, SIGHUP,
					 SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM };

static void svc_close_pair(int fds[2])
{
	for (int i = 0; i < 2; i++) {
		if (fds[i] >= 0) {
			close(fds[i]);
			fds[i] = -1;
		}
	}
}

/* Close every descriptor from @low on (@max: the limit, for C libraries
 * without closefrom(), such as glibc before 2.34 on EL8). */
static void svc_close_from(int low, long max)
{
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
	(void)max;
	closefrom(low);
#else
	for (long fd = low; fd < max; fd++) {
		close((int)fd);
	}
#endif
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void svc_child_exec(char **argv, char **envp, const int fds[4], long max_fd)
{
	int in = fds[0], out = fds[1], err = fds[2], report = fds[3];
	sigset_t none;
	int e;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (size_t i = 0; i < sizeof(svc_reset_signals) / sizeof(svc_reset_signals[0]); i++) {
		signal(svc_reset_signals[i], SIG_DFL);
	}
	if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
	    dup2(err, STDERR_FILENO) < 0 || chdir("/") < 0) {
		e = errno;
	} else {
		/* the report pipe moves to 3 and everything above it closes:
		 * an agent must not hold the daemon's sockets */
		if (report != 3) {
			dup2(report, 3);
			fcntl(3, F_SETFD, FD_CLOEXEC);
			report = 3;
		}
		svc_close_from(4, max_fd);
		execve(argv[0], argv, envp);
		e = errno;
	}
	if (write(report, &e, sizeof(e)) < 0) {
		/* nothing left to tell it to */
	}
	_exit(127);
}

/* Move both ends of a new close-on-exec pair above the standard streams
 * (a daemon may run with 0..2 closed, and dup2() onto them in the child
 * must not clobber a pair end).  Closes the pair on failure. */
static int svc_raise_pair(int fds[2])
{
	for (int i = 0; i < 2; i++) {
		if (fds[i] >= 0 && fds[i] <= STDERR_FILENO) {
			int hi = fcntl(fds[i], F_DUPFD_CLOEXEC, STDERR_FILENO + 1);

			close(fds[i]);
			fds[i] = hi;
		}
	}
	if (fds[0] < 0 || fds[1] < 0) {
		svc_close_pair(fds);
		return -EMFILE;
	}
	return 0;
}

static int svc_pipe(int fds[2])
{
	if (pipe2(fds, O_CLOEXEC) < 0) {
		return -errno;
	}
	return svc_raise_pair(fds);
}

/* stdin is a socket pair rather than a pipe: writing to an agent that
 * exited early then fails with EPIPE (MSG_NOSIGNAL) instead of raising
 * SIGPIPE in the daemon.  [0] is the agent's end. */
static int svc_stdin_pair(int fds[2])
{
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) {
		return -errno;
	}
	return svc_raise_pair(fds);
}

static void svc_set_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Wait for the child's exec: EOF on the report pipe means it happened, an
 * int is the errno of the failure (the child is then reaped here). */
static int svc_wait_exec(pid_t pid, int report)
{
	int e = 0;
	ssize_t n;

	do {
		n = read(report, &e, sizeof(e));
	} while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof(e)) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
		}
		return -e;
	}
	return 0;
}

int svc_child_spawn(char **argv, char **envp, struct svc_child *child)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 }, rep[2] = { -1, -1 };
	long max_fd;
	int rc;
	pid_t pid;

	if ((rc = svc_stdin_pair(in)) < 0 || (rc = svc_pipe(out)) < 0 || (rc = svc_pipe(err)) < 0 ||
	    (rc = svc_pipe(rep)) < 0) {
		goto fail;
	}
	max_fd = sysconf(_SC_OPEN_MAX);
	pid = fork();
	if (pid < 0) {
		rc = -errno;
		goto fail;
	}
	if (pid == 0) {
		svc_child_exec(argv, envp, (const int[4]){ in[0], out[1], err[1], rep[1] },
			       max_fd > 0 ? max_fd : 1024);
	}
	/* both sides set the group: whichever runs first, a kill of the group
	 * right after this call reaches the agent */
	setpgid(pid, pid);
	close(rep[1]);
	rep[1] = -1;
	rc = svc_wait_exec(pid, rep[0]);
	if (rc < 0) {
		goto fail;
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	close(rep[0]);
	svc_set_nonblock(in[1]);
	svc_set_nonblock(out[0]);
	svc_set_nonblock(err[0]);
	*child = (struct svc_child){
		.pid = pid, .in_fd = in[1], .out_fd = out[0], .err_fd = err[0]
	};
	return 0;
fail:
	svc_close_pair(in);
	svc_close_pair(out);
	svc_close_pair(err);
	svc_close_pair(rep);
	return rc;
}

void svc_child_signal_group(pid_t pgid, bool leader_alive, int signo)
{
	if (pgid <= 1) {
		return;
	}
	kill(-pgid, signo);
	if (leader_alive) {
		/* the leader may have left the group (setsid); once reaped its
		 * pid may belong to someone else, so only while alive */
		kill(pgid, signo);
	}
}
