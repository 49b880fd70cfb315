/*
 * SIGCHLD through a self-pipe into the glib main loop (see pcmkd_reaper.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib-unix.h>

#include <crm/common/log.h>
#include "pcmkd_reaper.h"

static struct {
	int pipe[2];
	guint source;
	pcmkd_reaped_fn fn;
	void *data;
	struct sigaction old;
} reaper = { .pipe = { -1, -1 } };

static void on_sigchld(int sig)
{
	int saved = errno;
	char byte = (char)sig;

	/* a full pipe already promises a wake-up */
	if (write(reaper.pipe[1], &byte, 1) < 0) {
	}
	errno = saved;
}

void pcmkd_reaper_reap(void)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (reaper.fn == NULL || !reaper.fn(pid, status, reaper.data)) {
			pcmk_debug("Reaped orphaned process %d", (int)pid);
		}
	}
}

static gboolean on_pipe(gint fd, GIOCondition cond, gpointer user_data)
{
	char buf[64];

	(void)cond;
	(void)user_data;
	while (read(fd, buf, sizeof(buf)) > 0) {
	}
	pcmkd_reaper_reap();
	return G_SOURCE_CONTINUE;
}

static void close_pipe(void)
{
	for (int i = 0; i < 2; i++) {
		if (reaper.pipe[i] >= 0) {
			close(reaper.pipe[i]);
			reaper.pipe[i] = -1;
		}
	}
}

int pcmkd_reaper_start(pcmkd_reaped_fn fn, void *data)
{
	struct sigaction sa;

	if (reaper.source != 0) {
		return -EBUSY;
	}
	if (pipe2(reaper.pipe, O_NONBLOCK | O_CLOEXEC) < 0) {
		return -errno;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGCHLD, &sa, &reaper.old) < 0) {
		int rc = -errno;

		close_pipe();
		return rc;
	}
	reaper.fn = fn;
	reaper.data = data;
	reaper.source = g_unix_fd_add(reaper.pipe[0], G_IO_IN, on_pipe, NULL);
	/* children that exited before the handler was in place */
	on_sigchld(SIGCHLD);
	return 0;
}

void pcmkd_reaper_stop(void)
{
	if (reaper.source == 0) {
		return;
	}
	sigaction(SIGCHLD, &reaper.old, NULL);
	g_source_remove(reaper.source);
	reaper.source = 0;
	reaper.fn = NULL;
	reaper.data = NULL;
	close_pipe();
}
