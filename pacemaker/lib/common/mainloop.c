/*
 * libqb's IPC server expects a poll loop with fd dispatch and jobs; this
 * maps those onto glib sources so that one main loop serves IPC, timers
 * and cluster messages in a daemon.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <glib-unix.h>

#include <crm/common/log.h>
#include <crm/common/mainloop.h>

/* One watched descriptor of a libqb server. */
struct qb_fd_watch {
	int32_t fd;
	void *data;
	qb_ipcs_dispatch_fn_t fn;
	guint source_id;
};

/* fd -> struct qb_fd_watch; libqb adds and removes by fd. */
static GHashTable *qb_watches;

static GIOCondition poll_to_gio(int32_t events)
{
	GIOCondition cond = 0;

	if (events & POLLIN) {
		cond |= G_IO_IN;
	}
	if (events & POLLPRI) {
		cond |= G_IO_PRI;
	}
	if (events & POLLOUT) {
		cond |= G_IO_OUT;
	}
	return cond | G_IO_ERR | G_IO_HUP | G_IO_NVAL;
}

static int32_t gio_to_poll(GIOCondition cond)
{
	int32_t revents = 0;

	if (cond & G_IO_IN) {
		revents |= POLLIN;
	}
	if (cond & G_IO_PRI) {
		revents |= POLLPRI;
	}
	if (cond & G_IO_OUT) {
		revents |= POLLOUT;
	}
	if (cond & G_IO_ERR) {
		revents |= POLLERR;
	}
	if (cond & G_IO_HUP) {
		revents |= POLLHUP;
	}
	if (cond & G_IO_NVAL) {
		revents |= POLLNVAL;
	}
	return revents;
}

/* libqb's priorities map onto glib's: high work first, slow clients last. */
static gint qb_to_glib_priority(enum qb_loop_priority p)
{
	switch (p) {
	case QB_LOOP_HIGH:
		return G_PRIORITY_HIGH;
	case QB_LOOP_LOW:
		return G_PRIORITY_LOW;
	default:
		return G_PRIORITY_DEFAULT;
	}
}

static gboolean fd_ready(gint fd, GIOCondition cond, gpointer user_data)
{
	struct qb_fd_watch *w = user_data;

	if (w->fn(fd, gio_to_poll(cond), w->data) < 0) {
		/* libqb is done with this descriptor; dispatch_del may already
		 * have dropped the entry, so only remove what is still ours. */
		if (g_hash_table_lookup(qb_watches, GINT_TO_POINTER(fd)) == w) {
			w->source_id = 0;
			g_hash_table_remove(qb_watches, GINT_TO_POINTER(fd));
		}
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

static void watch_free(gpointer p)
{
	struct qb_fd_watch *w = p;

	if (w->source_id != 0) {
		g_source_remove(w->source_id);
	}
	g_free(w);
}

static int32_t dispatch_add(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
			    qb_ipcs_dispatch_fn_t fn)
{
	struct qb_fd_watch *w = g_new0(struct qb_fd_watch, 1);

	if (qb_watches == NULL) {
		qb_watches = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, watch_free);
	}
	w->fd = fd;
	w->data = data;
	w->fn = fn;
	w->source_id = g_unix_fd_add_full(qb_to_glib_priority(p), fd, poll_to_gio(events), fd_ready,
					  w, NULL);
	g_hash_table_replace(qb_watches, GINT_TO_POINTER(fd), w);
	return 0;
}

static int32_t dispatch_del(int32_t fd)
{
	if (qb_watches == NULL || !g_hash_table_remove(qb_watches, GINT_TO_POINTER(fd))) {
		return -ENOENT;
	}
	return 0;
}

static int32_t dispatch_mod(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
			    qb_ipcs_dispatch_fn_t fn)
{
	dispatch_del(fd);
	return dispatch_add(p, fd, events, data, fn);
}

struct qb_job {
	void *data;
	qb_loop_job_dispatch_fn fn;
};

static gboolean job_run(gpointer user_data)
{
	struct qb_job *job = user_data;

	job->fn(job->data);
	return G_SOURCE_REMOVE;
}

static int32_t job_add(enum qb_loop_priority p, void *data, qb_loop_job_dispatch_fn fn)
{
	struct qb_job *job = g_new0(struct qb_job, 1);

	job->data = data;
	job->fn = fn;
	g_idle_add_full(qb_to_glib_priority(p), job_run, job, g_free);
	return 0;
}

struct qb_ipcs_poll_handlers *pcmk_mainloop_qb_handlers(void)
{
	static struct qb_ipcs_poll_handlers handlers = {
		.job_add = job_add,
		.dispatch_add = dispatch_add,
		.dispatch_mod = dispatch_mod,
		.dispatch_del = dispatch_del,
	};
	return &handlers;
}

static gboolean quit_loop(gpointer user_data)
{
	pcmk_notice("Shutting down on signal");
	g_main_loop_quit(user_data);
	return G_SOURCE_CONTINUE;
}

int pcmk_mainloop_quit_on_signals(GMainLoop *loop)
{
	g_unix_signal_add(SIGTERM, quit_loop, loop);
	g_unix_signal_add(SIGINT, quit_loop, loop);
	return 0;
}

void pcmk_mainloop_drain(void)
{
	while (g_main_context_iteration(NULL, FALSE)) {
	}
}
