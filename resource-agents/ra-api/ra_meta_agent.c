/*
 * Running an agent's meta-data action and collecting what it prints.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ra_meta.h"

struct buffer {
	char *data;
	size_t len;
	size_t size;
};

static int buffer_read(struct buffer *b, int fd)
{
	ssize_t n;

	if (b->size - b->len < 4096) {
		size_t size = b->size ? b->size * 2 : 16384;
		char *p = realloc(b->data, size);

		if (p == NULL)
			return -ENOMEM;
		b->data = p;
		b->size = size;
	}
	n = read(fd, b->data + b->len, b->size - b->len - 1);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : -errno;
	b->len += (size_t)n;
	b->data[b->len] = '\0';
	return n > 0;
}

/* The child: exec never returns on success; on failure the parent learns
   why through the close-on-exec status pipe. */
static void run_child(const char *path, int out_fd, int status_fd)
{
	int null = open("/dev/null", O_RDONLY);
	int err;

	if (null >= 0)
		dup2(null, STDIN_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	execl(path, path, "meta-data", (char *)NULL);
	err = errno;
	if (write(status_fd, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads until end of file; 0, -ETIMEDOUT or a negative errno. */
static int collect(int fd, int timeout_ms, struct buffer *b)
{
	long deadline = now_ms() + timeout_ms;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int rc;

	for (;;) {
		long left = deadline - now_ms();

		if (left <= 0)
			return -ETIMEDOUT;
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno != EINTR)
			return -errno;
		if (rc <= 0)
			continue;
		rc = buffer_read(b, fd);
		if (rc <= 0)
			return rc;
	}
}

/* Did exec fail?  0 or the child's negative errno. */
static int exec_result(int status_fd)
{
	int err = 0;
	ssize_t n;

	do
		n = read(status_fd, &err, sizeof(err));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(err) ? -err : 0;
}

static int make_pipe(int fds[2])
{
	return pipe2(fds, O_CLOEXEC) == 0 ? 0 : -errno;
}

int ra_agent_meta_data(const char *path, int timeout_ms, char **out, size_t *len, int *status)
{
	struct buffer b = { 0 };
	int outp[2], statp[2], rc;
	pid_t pid;

	if ((rc = make_pipe(outp)) != 0)
		return rc;
	if ((rc = make_pipe(statp)) != 0)
		goto close_out;
	pid = fork();
	if (pid < 0) {
		rc = -errno;
		goto close_all;
	}
	if (pid == 0)
		run_child(path, outp[1], statp[1]);
	close(outp[1]);
	close(statp[1]);
	outp[1] = statp[1] = -1;
	rc = exec_result(statp[0]);
	if (rc == 0)
		rc = collect(outp[0], timeout_ms, &b);
	if (rc == -ETIMEDOUT) {
		/* the caller sees the partial output and the kill in *status */
		kill(pid, SIGKILL);
		rc = 0;
	}
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	if (rc == 0 && b.data == NULL)
		rc = (b.data = calloc(1, 1)) == NULL ? -ENOMEM : 0;
	if (rc == 0) {
		*out = b.data;
		*len = b.len;
		b.data = NULL;
	}
	free(b.data);
close_all:
	for (int i = 0; i < 2; i++) {
		if (statp[i] >= 0)
			close(statp[i]);
	}
close_out:
	for (int i = 0; i < 2; i++) {
		if (outp[i] >= 0)
			close(outp[i]);
	}
	return rc;
}
