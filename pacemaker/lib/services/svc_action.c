/*
 * One run of an agent on a GLib main context: the child watch, the output
 * pipes, stdin for fence agents, the timeout with its SIGTERM/SIGKILL
 * escalation, and the result once the agent is gone.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>

#include <crm/common/log.h>

#include "services_private.h"

#define SVC_DEFAULT_TIMEOUT_MS 20000
#define SVC_READ_CHUNK 4096

enum svc_src {
	SVC_SRC_CHILD,
	SVC_SRC_OUT,
	SVC_SRC_ERR,
	SVC_SRC_IN,
	SVC_SRC_TIMEOUT,
	SVC_SRC_KILL,
	SVC_SRC_IDLE,
	SVC_N_SRC
};

struct svc_action_private {
	size_t out_limit;
	GMainContext *ctx;
	GMainLoop *sync_loop; /* set while svc_action_run_sync() waits */
	GSource *src[SVC_N_SRC];
	struct svc_child child;
	GString *out;
	GString *err;
	char *in_data;
	size_t in_len;
	size_t in_off;
	svc_action_cb cb;
	bool started;
	bool running;
	bool timed_out;
	bool cancelled;
	int start_error; /* -errno when the agent could not be started */
	char **argv;     /* a fixed command (svc_run_command), else NULL */
};

static void svc_src_drop(struct svc_action_private *p, enum svc_src which)
{
	if (p->src[which] != NULL) {
		g_source_destroy(p->src[which]);
		g_source_unref(p->src[which]);
		p->src[which] = NULL;
	}
}

static void svc_src_attach(struct svc_action *a, enum svc_src which, GSource *s, GSourceFunc fn)
{
	struct svc_action_private *p = a->priv;

	svc_src_drop(p, which);
	g_source_set_callback(s, fn, a, NULL);
	g_source_attach(s, p->ctx);
	p->src[which] = s;
}

static void svc_close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

char *svc_exit_reason(const char *err)
{
	static const char prefix[] = "ocf-exit-reason:";
	const char *found = NULL;
	const char *line = err;

	/* the last one wins: an agent may refine its reason as it goes */
	while (line != NULL && *line != '\0') {
		if (strncmp(line, prefix, sizeof(prefix) - 1) == 0) {
			found = line + sizeof(prefix) - 1;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	if (found == NULL) {
		return NULL;
	}
	return g_strchomp(g_strndup(found, strcspn(found, "\n")));
}

/* An action with its defaults; the caller fills in what to run. */
static struct svc_action *svc_action_alloc(enum svc_standard std, const char *type,
					   const char *action, int timeout_ms)
{
	struct svc_action *a = g_new0(struct svc_action, 1);

	a->priv = g_new0(struct svc_action_private, 1);
	a->priv->out_limit = SVC_OUTPUT_MAX_DEFAULT;
	a->priv->child = (struct svc_child){ .in_fd = -1, .out_fd = -1, .err_fd = -1 };
	a->standard = std;
	a->type = g_strdup(type);
	a->action = g_strdup(action);
	a->timeout_ms = timeout_ms > 0 ? timeout_ms : SVC_DEFAULT_TIMEOUT_MS;
	a->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	a->rc = PCMK_OCF_UNKNOWN;
	a->status = PCMK_EXEC_UNKNOWN;
	a->exit_code = -1;
	a->stdout_data = g_strdup("");
	a->stderr_data = g_strdup("");
	return a;
}

int svc_action_new(const char *rsc, const char *standard, const char *provider, const char *type,
		   const char *action, guint interval_ms, int timeout_ms, struct svc_action **out)
{
	enum svc_standard std;
	struct svc_action *a;
	char *path = NULL;
	int rc;

	if (out == NULL || action == NULL || *action == '\0') {
		return -EINVAL;
	}
	if ((rc = svc_standard_parse(standard, &std)) < 0 ||
	    (rc = svc_agent_path(standard, provider, type, &path)) < 0) {
		return rc;
	}
	a = svc_action_alloc(std, type, action, timeout_ms);
	a->rsc = g_strdup(rsc);
	a->provider = std == SVC_STD_OCF ? g_strdup(provider) : NULL;
	a->path = path;
	a->interval_ms = interval_ms;
	*out = a;
	return 0;
}

int svc_action_add_param(struct svc_action *a, const char *name, const char *value)
{
	if (a == NULL || name == NULL || *name == '\0' || strpbrk(name, "=\n") != NULL ||
	    (value != NULL && strchr(value, '\n') != NULL)) {
		return -EINVAL;
	}
	if (a->priv->started) {
		return -EBUSY;
	}
	g_hash_table_replace(a->params, g_strdup(name), g_strdup(value ? value : ""));
	return 0;
}

int svc_action_set_output_limit(struct svc_action *a, size_t bytes)
{
	if (a == NULL) {
		return -EINVAL;
	}
	if (a->priv->started) {
		return -EBUSY;
	}
	a->priv->out_limit = bytes;
	return 0;
}

/* ---- output and input */

/* Read what @fd has now into @buf (kept up to the limit).  FALSE at end of
 * file or on an error: the stream is done. */
static gboolean svc_read_some(struct svc_action *a, int fd, GString *buf, bool *truncated)
{
	char chunk[SVC_READ_CHUNK];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && errno == EAGAIN) {
			return TRUE;
		}
		if (n <= 0) {
			return FALSE;
		}
		size_t room = a->priv->out_limit > buf->len ? a->priv->out_limit - buf->len : 0;

		g_string_append_len(buf, chunk, MIN((size_t)n, room));
		if ((size_t)n > room) {
			*truncated = true;
		}
	}
}

/* Take what one of the agent's output streams has; at its end, stop
 * watching it. */
static gboolean svc_on_output(struct svc_action *a, enum svc_src which, int *fd, GString *buf,
			      bool *truncated)
{
	if (svc_read_some(a, *fd, buf, truncated)) {
		return G_SOURCE_CONTINUE;
	}
	svc_src_drop(a->priv, which);
	svc_close_fd(fd);
	return G_SOURCE_REMOVE;
}

static gboolean svc_on_stdout(gint fd, GIOCondition cond, gpointer data)
{
	struct svc_action *a = data;

	return svc_on_output(a, SVC_SRC_OUT, &a->priv->child.out_fd, a->priv->out,
			     &a->stdout_truncated);
}

static gboolean svc_on_stderr(gint fd, GIOCondition cond, gpointer data)
{
	struct svc_action *a = data;

	return svc_on_output(a, SVC_SRC_ERR, &a->priv->child.err_fd, a->priv->err,
			     &a->stderr_truncated);
}

static gboolean svc_on_stdin(gint fd, GIOCondition cond, gpointer data)
{
	struct svc_action *a = data;
	struct svc_action_private *p = a->priv;

	while (p->in_off < p->in_len) {
		ssize_t n = send(p->child.in_fd, p->in_data + p->in_off, p->in_len - p->in_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && errno == EAGAIN) {
			return G_SOURCE_CONTINUE;
		}
		if (n < 0) {
			break; /* the agent stopped reading: it will say so */
		}
		p->in_off += (size_t)n;
	}
	svc_src_drop(p, SVC_SRC_IN);
	svc_close_fd(&p->child.in_fd);
	return G_SOURCE_REMOVE;
}

/* ---- completion */

static void svc_drop_all(struct svc_action_private *p)
{
	for (int i = 0; i < SVC_N_SRC; i++) {
		svc_src_drop(p, (enum svc_src)i);
	}
	svc_close_fd(&p->child.in_fd);
	svc_close_fd(&p->child.out_fd);
	svc_close_fd(&p->child.err_fd);
}

static void svc_set_wait_status(struct svc_action *a, int wstatus)
{
	if (WIFEXITED(wstatus)) {
		a->exit_code = WEXITSTATUS(wstatus);
		a->exit_signal = 0;
	} else {
		a->exit_code = -1;
		a->exit_signal = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
	}
}

static void svc_set_reason(struct svc_action *a, char *reason)
{
	g_free(a->exit_reason);
	a->exit_reason = reason;
}

/* rc and status from how the agent ended. */
static void svc_set_result(struct svc_action *a)
{
	struct svc_action_private *p = a->priv;

	svc_set_reason(a, svc_exit_reason(a->stderr_data));
	if (p->timed_out || p->cancelled) {
		a->status = p->timed_out ? PCMK_EXEC_TIMEOUT : PCMK_EXEC_CANCELLED;
		a->rc = PCMK_OCF_UNKNOWN_ERROR;
		if (p->timed_out && a->exit_reason == NULL) {
			svc_set_reason(a, g_strdup_printf("%s %s did not complete within %d ms",
							  a->type, a->action, a->timeout_ms));
		}
	} else if (a->exit_signal != 0) {
		a->status = PCMK_EXEC_ERROR;
		a->rc = PCMK_OCF_UNKNOWN_ERROR;
		svc_set_reason(a, g_strdup_printf("%s %s was killed by signal %d (%s)", a->type,
						  a->action, a->exit_signal,
						  strsignal(a->exit_signal)));
	} else {
		a->status = PCMK_EXEC_DONE;
		a->rc = svc_map_exit_code(a->standard, a->action, a->exit_code);
	}
}

static void svc_set_start_failure(struct svc_action *a)
{
	int e = -a->priv->start_error;
	bool missing = e == ENOENT || e == EACCES || e == ENOEXEC;

	a->status = e == EOPNOTSUPP ? PCMK_EXEC_NOT_SUPPORTED
				    : (missing ? PCMK_EXEC_NOT_INSTALLED : PCMK_EXEC_ERROR);
	a->rc = missing ? PCMK_OCF_NOT_INSTALLED
			: (e == EOPNOTSUPP ? PCMK_OCF_UNIMPLEMENT_FEATURE : PCMK_OCF_UNKNOWN_ERROR);
	if (e == EOPNOTSUPP) {
		svc_set_reason(a,
			       g_strdup_printf("%s:%s cannot run action %s (or lacks the "
					       "target host parameter it needs)",
					       svc_standard_name(a->standard), a->type, a->action));
	} else {
		svc_set_reason(a, g_strdup_printf("cannot run %s: %s", a->path, g_strerror(e)));
	}
}

/* The action is over: results in place, then the caller hears of it.
 * Nothing touches @a after the callback, which may free it. */
static void svc_finish(struct svc_action *a)
{
	struct svc_action_private *p = a->priv;
	svc_action_cb cb = p->cb;

	svc_drop_all(p);
	g_free(a->stdout_data);
	g_free(a->stderr_data);
	a->stdout_data = g_string_free(p->out, FALSE);
	a->stderr_data = g_string_free(p->err, FALSE);
	p->out = p->err = NULL;
	if (p->start_error < 0) {
		svc_set_start_failure(a);
	} else {
		svc_set_result(a);
	}
	a->pid = 0;
	p->running = false;
	pcmk_debug("%s %s (%s:%s) finished: %s, rc %d (%s)", a->rsc ? a->rsc : a->type, a->action,
		   svc_standard_name(a->standard), a->type, svc_exec_status_str(a->status), a->rc,
		   svc_ocf_rc_str(a->rc));
	if (p->sync_loop != NULL) {
		g_main_loop_quit(p->sync_loop);
	} else if (cb != NULL) {
		cb(a, a->user_data);
	}
}

static gboolean svc_on_idle_finish(gpointer data)
{
	svc_finish(data);
	return G_SOURCE_REMOVE;
}

static void svc_on_child_exit(GPid pid, gint wstatus, gpointer data)
{
	struct svc_action *a = data;
	struct svc_action_private *p = a->priv;

	/* glib frees the child watch source after this returns */
	g_source_unref(p->src[SVC_SRC_CHILD]);
	p->src[SVC_SRC_CHILD] = NULL;
	svc_set_wait_status(a, wstatus);
	if (p->timed_out || p->cancelled) {
		/* what the agent started must not outlive it */
		svc_child_signal_group(pid, false, SIGKILL);
	}
	/* what the agent wrote before exiting is in the pipes; a daemon it
	 * started may hold them open, so take what is there, not EOF */
	if (p->child.out_fd >= 0) {
		svc_read_some(a, p->child.out_fd, p->out, &a->stdout_truncated);
	}
	if (p->child.err_fd >= 0) {
		svc_read_some(a, p->child.err_fd, p->err, &a->stderr_truncated);
	}
	svc_finish(a);
}

static gboolean svc_on_kill(gpointer data)
{
	struct svc_action *a = data;

	pcmk_warn("%s %s (pid %d) is still running after SIGTERM: sending SIGKILL",
		  a->rsc ? a->rsc : a->type, a->action, (int)a->pid);
	svc_child_signal_group(a->pid, true, SIGKILL);
	svc_src_drop(a->priv, SVC_SRC_KILL);
	return G_SOURCE_REMOVE;
}

/* SIGTERM to the group now, SIGKILL after the grace period. */
static void svc_terminate(struct svc_action *a)
{
	svc_child_signal_group(a->pid, true, SIGTERM);
	svc_src_attach(a, SVC_SRC_KILL, g_timeout_source_new(SVC_KILL_GRACE_MS), svc_on_kill);
}

static gboolean svc_on_timeout(gpointer data)
{
	struct svc_action *a = data;

	pcmk_warn("%s %s (%s:%s, pid %d) timed out after %d ms", a->rsc ? a->rsc : a->type,
		  a->action, svc_standard_name(a->standard), a->type, (int)a->pid, a->timeout_ms);
	a->priv->timed_out = true;
	svc_src_drop(a->priv, SVC_SRC_TIMEOUT);
	svc_terminate(a);
	return G_SOURCE_REMOVE;
}

/* ---- starting */

static void svc_watch_child(struct svc_action *a)
{
	struct svc_action_private *p = a->priv;
	GSource *s = g_child_watch_source_new(p->child.pid);

	g_source_set_callback(s, (GSourceFunc)(void (*)(void))svc_on_child_exit, a, NULL);
	g_source_attach(s, p->ctx);
	p->src[SVC_SRC_CHILD] = s;
	svc_src_attach(a, SVC_SRC_OUT, g_unix_fd_source_new(p->child.out_fd, G_IO_IN | G_IO_HUP),
		       (GSourceFunc)(void (*)(void))svc_on_stdout);
	svc_src_attach(a, SVC_SRC_ERR, g_unix_fd_source_new(p->child.err_fd, G_IO_IN | G_IO_HUP),
		       (GSourceFunc)(void (*)(void))svc_on_stderr);
	if (p->in_data != NULL) {
		svc_src_attach(a, SVC_SRC_IN, g_unix_fd_source_new(p->child.in_fd, G_IO_OUT),
			       (GSourceFunc)(void (*)(void))svc_on_stdin);
	} else {
		svc_close_fd(&p->child.in_fd); /* the agent reads end of file */
	}
	svc_src_attach(a, SVC_SRC_TIMEOUT, g_timeout_source_new((guint)a->timeout_ms),
		       svc_on_timeout);
}

static int svc_spawn(struct svc_action *a)
{
	char **argv = a->priv->argv ? g_strdupv(a->priv->argv) : svc_build_argv(a);
	char **envp;
	int rc;

	if (argv == NULL) {
		return -EOPNOTSUPP;
	}
	envp = a->priv->argv ? g_get_environ() : svc_build_envp(a);
	a->priv->in_data = svc_build_stdin(a);
	a->priv->in_len = a->priv->in_data ? strlen(a->priv->in_data) : 0;
	rc = svc_child_spawn(argv, envp, &a->priv->child);
	g_strfreev(argv);
	g_strfreev(envp);
	return rc;
}

/* Start on @ctx; a failure to start is reported from an idle callback so
 * that the caller always hears of the end from the main loop. */
static int svc_start(struct svc_action *a, GMainContext *ctx)
{
	struct svc_action_private *p = a->priv;

	if (p->started) {
		return -EBUSY;
	}
	p->started = true;
	p->running = true;
	p->ctx = ctx;
	p->out = g_string_new(NULL);
	p->err = g_string_new(NULL);
	a->status = PCMK_EXEC_PENDING;
	p->start_error = svc_spawn(a);
	if (p->start_error < 0) {
		pcmk_err("Cannot run %s %s (%s): %s", a->rsc ? a->rsc : a->type, a->action, a->path,
			 g_strerror(-p->start_error));
		svc_src_attach(a, SVC_SRC_IDLE, g_idle_source_new(), svc_on_idle_finish);
		return 0;
	}
	a->pid = p->child.pid;
	pcmk_debug("Running %s %s (%s) as pid %d, timeout %d ms", a->rsc ? a->rsc : a->type,
		   a->action, a->path, (int)a->pid, a->timeout_ms);
	svc_watch_child(a);
	return 0;
}

int svc_action_run_async(struct svc_action *a, svc_action_cb cb, void *user_data)
{
	int rc;

	if (a == NULL || cb == NULL) {
		return -EINVAL;
	}
	if (a->priv->started) {
		return -EBUSY;
	}
	a->priv->cb = cb;
	a->user_data = user_data;
	rc = svc_start(a, g_main_context_ref_thread_default());
	if (rc < 0) {
		g_main_context_unref(a->priv->ctx);
		a->priv->ctx = NULL;
	}
	return rc;
}

int svc_action_run_sync(struct svc_action *a)
{
	GMainContext *ctx;
	int rc;

	if (a == NULL) {
		return -EINVAL;
	}
	if (a->priv->started) {
		return -EBUSY;
	}
	ctx = g_main_context_new();
	g_main_context_push_thread_default(ctx);
	a->priv->sync_loop = g_main_loop_new(ctx, FALSE);
	rc = svc_start(a, ctx);
	if (rc == 0 && a->priv->running) {
		g_main_loop_run(a->priv->sync_loop);
	}
	g_main_loop_unref(a->priv->sync_loop);
	a->priv->sync_loop = NULL;
	g_main_context_pop_thread_default(ctx);
	return rc;
}

int svc_action_cancel(struct svc_action *a)
{
	if (a == NULL) {
		return -EINVAL;
	}
	if (!a->priv->running || a->pid == 0) {
		return -ESRCH;
	}
	if (!a->priv->cancelled && !a->priv->timed_out) {
		a->priv->cancelled = true;
		svc_src_drop(a->priv, SVC_SRC_TIMEOUT);
		svc_terminate(a);
	}
	return 0;
}

/* Free-time cleanup of a running action: nobody will wait for it. */
static void svc_reap_now(struct svc_action *a)
{
	svc_drop_all(a->priv);
	if (a->pid > 0) {
		svc_child_signal_group(a->pid, true, SIGKILL);
		while (waitpid(a->pid, NULL, 0) < 0 && errno == EINTR) {
		}
	}
	if (a->priv->out != NULL) {
		g_string_free(a->priv->out, TRUE);
	}
	if (a->priv->err != NULL) {
		g_string_free(a->priv->err, TRUE);
	}
}

void svc_action_free(struct svc_action *a)
{
	if (a == NULL) {
		return;
	}
	if (a->priv->running) {
		svc_reap_now(a);
	}
	svc_drop_all(a->priv);
	if (a->priv->ctx != NULL) {
		g_main_context_unref(a->priv->ctx);
	}
	g_free(a->priv->in_data);
	g_strfreev(a->priv->argv);
	g_free(a->priv);
	g_hash_table_destroy(a->params);
	g_free(a->rsc);
	g_free(a->provider);
	g_free(a->type);
	g_free(a->action);
	g_free(a->path);
	g_free(a->stdout_data);
	g_free(a->stderr_data);
	g_free(a->exit_reason);
	g_free(a);
}

int svc_run_command(char **argv, int timeout_ms, char **out)
{
	struct svc_action *a;
	char *name;
	int rc;

	if (!svc_is_executable(argv[0])) {
		return -ENOENT;
	}
	name = g_path_get_basename(argv[0]);
	a = svc_action_alloc(SVC_STD_STONITH, name, argv[1] ? argv[1] : "run", timeout_ms);
	g_free(name);
	a->priv->argv = g_strdupv(argv);
	a->path = g_strdup(argv[0]);
	rc = svc_action_run_sync(a);
	if (rc == 0) {
		rc = a->status == PCMK_EXEC_TIMEOUT                       ? -ETIME
		     : (a->status != PCMK_EXEC_DONE || a->exit_code != 0) ? -EPROTO
									  : 0;
	}
	if (rc == 0) {
		*out = a->stdout_data;
		a->stdout_data = NULL;
	}
	svc_action_free(a);
	return rc;
}
