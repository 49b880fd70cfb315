/*
 * The children's table and state machine (see pcmkd_children.h).
 *
 * Startup walks the table with next_start; a child with an IPC name holds
 * the walk until its IPC answers (or ready_timeout_ms passes), because the
 * later daemons connect to the earlier ones as they start.  Shutdown
 * stops the highest running child, waits for it to be reaped, and goes on
 * downwards, so nothing loses a daemon it depends on while still running.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/results.h>
#include "pcmkd_children.h"
#include "pcmkd_reaper.h"
#include "pcmkd_spawn.h"

/* How often a starting child's IPC is tried. */
#define READY_POLL_MS 200

const struct pcmkd_child_def pcmkd_child_table[] = {
	{ "cib", "cib_ro", true },  { "stonithd", "stonith-ng", false }, { "lrmd", "lrmd", false },
	{ "attrd", "attrd", true }, { "pengine", "pengine", true },      { "crmd", "crmd", true },
};
const size_t pcmkd_child_table_len = G_N_ELEMENTS(pcmkd_child_table);

struct child {
	const struct pcmkd_child_def *def;
	struct pcmkd_children *owner;
	char *path;
	enum pcmkd_child_state state;
	pid_t pid;
	unsigned respawns;
	gint64 *recent; /* ring of the last respawn_max respawn times */
	unsigned n_recent, next_recent;
	gint64 ready_deadline;
	guint timer; /* the IPC poll while starting, the SIGKILL while stopping */
};

struct pcmkd_children {
	struct pcmkd_children_config cfg;
	struct child *children;
	size_t n;
	size_t next_start;
	enum pcmkd_state state;
	int exit_code;
	struct pcmkd_identity cluster_id;
	bool have_cluster_id;
	bool reaping;
	guint stopped_idle;
};

static const char *const state_words[] = {
	[PCMKD_STATE_INIT] = "init",       [PCMKD_STATE_STARTING] = "starting",
	[PCMKD_STATE_RUNNING] = "running", [PCMKD_STATE_SHUTTING_DOWN] = "shutting down",
	[PCMKD_STATE_STOPPED] = "stopped",
};

static const char *const child_state_words[] = {
	[PCMKD_CHILD_ABSENT] = "absent",     [PCMKD_CHILD_STOPPED] = "stopped",
	[PCMKD_CHILD_STARTING] = "starting", [PCMKD_CHILD_RUNNING] = "running",
	[PCMKD_CHILD_STOPPING] = "stopping", [PCMKD_CHILD_FAILED] = "failed",
};

const char *pcmkd_state_str(enum pcmkd_state state)
{
	return (size_t)state < G_N_ELEMENTS(state_words) ? state_words[state] : "unknown";
}

const char *pcmkd_child_state_str(enum pcmkd_child_state state)
{
	return (size_t)state < G_N_ELEMENTS(child_state_words) ? child_state_words[state]
							       : "unknown";
}

static void stop_next(struct pcmkd_children *c);
static void start_next(struct pcmkd_children *c);

static void cancel_timer(struct child *ch)
{
	if (ch->timer != 0) {
		g_source_remove(ch->timer);
		ch->timer = 0;
	}
}

static void mark_ready(struct child *ch)
{
	struct pcmkd_children *c = ch->owner;

	ch->state = PCMKD_CHILD_RUNNING;
	ch->timer = 0;
	if (c->state == PCMKD_STATE_STARTING && &c->children[c->next_start] == ch) {
		c->next_start++;
		start_next(c);
	}
}

static gboolean ready_poll(gpointer user_data)
{
	struct child *ch = user_data;
	int rc;
	struct pcmk_ipc_conn *conn = pcmk_ipc_connect(ch->def->ipc, &rc);

	if (conn != NULL) {
		pcmk_ipc_close(conn);
		pcmk_info("%s (pid %d) is ready: IPC %s answers", ch->def->name, (int)ch->pid,
			  ch->def->ipc);
	} else if (g_get_monotonic_time() >= ch->ready_deadline) {
		pcmk_warn("%s (pid %d) does not answer on IPC %s after %u ms (%s); going on "
			  "without it",
			  ch->def->name, (int)ch->pid, ch->def->ipc,
			  ch->owner->cfg.ready_timeout_ms, strerror(-rc));
	} else {
		return G_SOURCE_CONTINUE;
	}
	mark_ready(ch);
	return G_SOURCE_REMOVE;
}

/* Run @ch; a fork failure stops the node (nothing can be run then). */
static int spawn_child(struct pcmkd_children *c, struct child *ch)
{
	const struct pcmkd_identity *id =
		ch->def->cluster_user && c->have_cluster_id ? &c->cluster_id : NULL;
	pid_t pid = pcmkd_spawn(ch->path, id);

	if (pid < 0) {
		pcmk_crit("Cannot start %s: %s; stopping pacemaker", ch->def->name,
			  strerror(-(int)pid));
		ch->state = PCMKD_CHILD_FAILED;
		pcmkd_children_shutdown(c, PCMK_EX_OSERR);
		return (int)pid;
	}
	ch->pid = pid;
	pcmk_info("Started %s (pid %d) as %s", ch->def->name, (int)pid,
		  id != NULL ? c->cfg.user : "pacemakerd's user");
	if (ch->def->ipc == NULL) {
		ch->state = PCMKD_CHILD_RUNNING;
		return 0;
	}
	ch->state = PCMKD_CHILD_STARTING;
	ch->ready_deadline = g_get_monotonic_time() + (gint64)c->cfg.ready_timeout_ms * 1000;
	ch->timer = g_timeout_add(READY_POLL_MS, ready_poll, ch);
	return 0;
}

static void start_next(struct pcmkd_children *c)
{
	while (c->state == PCMKD_STATE_STARTING && c->next_start < c->n) {
		struct child *ch = &c->children[c->next_start];

		if (ch->state == PCMKD_CHILD_STOPPED && spawn_child(c, ch) < 0) {
			return;
		}
		if (ch->state == PCMKD_CHILD_STARTING) {
			return;
		}
		c->next_start++;
	}
	if (c->state == PCMKD_STATE_STARTING) {
		size_t installed = 0;

		for (size_t i = 0; i < c->n; i++) {
			installed += c->children[i].state != PCMKD_CHILD_ABSENT;
		}
		c->state = PCMKD_STATE_RUNNING;
		pcmk_notice(
			"All pacemaker daemons are running (%zu of the %zu known are installed)",
			installed, c->n);
	}
}

int pcmkd_children_start(struct pcmkd_children *c)
{
	if (c->state != PCMKD_STATE_INIT) {
		return -EALREADY;
	}
	c->state = PCMKD_STATE_STARTING;
	start_next(c);
	return 0;
}

/* The exit of @ch in words, into @buf. */
static const char *exit_words(int status, char *buf, size_t size)
{
	if (WIFSIGNALED(status)) {
		snprintf(buf, size, "was killed by signal %d (%s)%s", WTERMSIG(status),
			 strsignal(WTERMSIG(status)), WCOREDUMP(status) ? ", core dumped" : "");
	} else {
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	}
	return buf;
}

/* Record a respawn of @ch now; true when that makes more than respawn_max
 * within respawn_window_ms. */
static bool respawn_too_often(struct pcmkd_children *c, struct child *ch)
{
	unsigned max = c->cfg.respawn_max;
	gint64 now = g_get_monotonic_time();

	if (max == 0) {
		return true;
	}
	if (ch->n_recent == max &&
	    now - ch->recent[ch->next_recent] < (gint64)c->cfg.respawn_window_ms * 1000) {
		return true;
	}
	ch->recent[ch->next_recent] = now;
	ch->next_recent = (ch->next_recent + 1) % max;
	if (ch->n_recent < max) {
		ch->n_recent++;
	}
	return false;
}

/* @ch died while it should run: respawn it, or stop the node. */
static void child_failed(struct pcmkd_children *c, struct child *ch, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == PCMK_EX_FATAL) {
		pcmk_crit("%s reported a fatal error (exit status %d): not respawning it; stopping "
			  "pacemaker on this node",
			  ch->def->name, PCMK_EX_FATAL);
	} else if (c->cfg.fail_fast) {
		pcmk_crit("%s failed and PCMK_fail_fast is set: stopping pacemaker on this node",
			  ch->def->name);
	} else if (respawn_too_often(c, ch)) {
		pcmk_err("%s failed more than %u times within %u s: giving up on it and stopping "
			 "pacemaker on this node",
			 ch->def->name, c->cfg.respawn_max, c->cfg.respawn_window_ms / 1000);
	} else {
		ch->respawns++;
		pcmk_notice("Respawning %s (respawn %u)", ch->def->name, ch->respawns);
		ch->state = PCMKD_CHILD_STOPPED;
		spawn_child(c, ch);
		return;
	}
	ch->state = PCMKD_CHILD_FAILED;
	pcmkd_children_shutdown(c, PCMK_EX_FATAL);
}

static void child_exited(struct pcmkd_children *c, struct child *ch, int status)
{
	char words[128];
	pid_t pid = ch->pid;

	cancel_timer(ch);
	ch->pid = 0;
	exit_words(status, words, sizeof(words));
	if (ch->state == PCMKD_CHILD_STOPPING || c->state == PCMKD_STATE_SHUTTING_DOWN) {
		pcmk_info("%s (pid %d) stopped: it %s", ch->def->name, (int)pid, words);
		ch->state = PCMKD_CHILD_STOPPED;
		stop_next(c);
		return;
	}
	pcmk_err("%s (pid %d) %s", ch->def->name, (int)pid, words);
	child_failed(c, ch, status);
}

static bool on_reaped(pid_t pid, int status, void *data)
{
	struct pcmkd_children *c = data;

	for (size_t i = 0; i < c->n; i++) {
		if (c->children[i].pid == pid) {
			child_exited(c, &c->children[i], status);
			return true;
		}
	}
	return false;
}

static gboolean escalate(gpointer user_data)
{
	struct child *ch = user_data;

	pcmk_warn("%s (pid %d) did not stop within %u ms: sending SIGKILL", ch->def->name,
		  (int)ch->pid, ch->owner->cfg.stop_timeout_ms);
	ch->timer = 0;
	kill(ch->pid, SIGKILL);
	return G_SOURCE_REMOVE;
}

static gboolean report_stopped(gpointer user_data)
{
	struct pcmkd_children *c = user_data;

	c->stopped_idle = 0;
	if (c->cfg.stopped != NULL) {
		c->cfg.stopped(c->exit_code, c->cfg.data);
	}
	return G_SOURCE_REMOVE;
}

/* Ask the highest running child to stop, or finish when none runs. */
static void stop_next(struct pcmkd_children *c)
{
	for (size_t i = c->n; i-- > 0;) {
		struct child *ch = &c->children[i];

		if (ch->pid <= 0) {
			continue;
		}
		if (ch->state != PCMKD_CHILD_STOPPING) {
			cancel_timer(ch);
			pcmk_info("Stopping %s (pid %d)", ch->def->name, (int)ch->pid);
			ch->state = PCMKD_CHILD_STOPPING;
			kill(ch->pid, SIGTERM);
			ch->timer = g_timeout_add(c->cfg.stop_timeout_ms, escalate, ch);
		}
		return;
	}
	c->state = PCMKD_STATE_STOPPED;
	pcmk_notice("All pacemaker daemons have stopped");
	/* from the loop: the caller may not have started it yet */
	c->stopped_idle = g_idle_add(report_stopped, c);
}

void pcmkd_children_shutdown(struct pcmkd_children *c, int exit_code)
{
	if (c->state == PCMKD_STATE_SHUTTING_DOWN || c->state == PCMKD_STATE_STOPPED) {
		return;
	}
	c->exit_code = exit_code;
	c->state = PCMKD_STATE_SHUTTING_DOWN;
	pcmk_notice("Stopping the pacemaker daemons in reverse start order");
	stop_next(c);
}

enum pcmkd_state pcmkd_children_state(const struct pcmkd_children *c)
{
	return c->state;
}

size_t pcmkd_children_count(const struct pcmkd_children *c)
{
	return c->n;
}

void pcmkd_children_status(const struct pcmkd_children *c, size_t i, struct pcmkd_child_status *st)
{
	const struct child *ch = &c->children[i];

	st->name = ch->def->name;
	st->state = ch->state;
	st->pid = ch->pid;
	st->respawns = ch->respawns;
}

static void child_init(struct pcmkd_children *c, struct child *ch,
		       const struct pcmkd_child_def *def)
{
	ch->def = def;
	ch->owner = c;
	ch->path = g_build_filename(c->cfg.daemon_dir, def->name, NULL);
	ch->recent = g_new0(gint64, c->cfg.respawn_max > 0 ? c->cfg.respawn_max : 1);
	if (access(ch->path, X_OK) == 0) {
		ch->state = PCMKD_CHILD_STOPPED;
	} else {
		ch->state = PCMKD_CHILD_ABSENT;
		pcmk_info("Not running %s: %s is not installed (%s)", def->name, ch->path,
			  strerror(errno));
	}
}

/* The cluster account, if any child wants it. */
static void lookup_cluster_user(struct pcmkd_children *c)
{
	int rc;

	if (c->cfg.user == NULL) {
		return;
	}
	rc = pcmkd_identity_lookup(c->cfg.user, &c->cluster_id);
	if (rc == 0) {
		c->have_cluster_id = c->cluster_id.change;
		return;
	}
	pcmk_warn("Cluster user %s not found (%s): its daemons will run as root", c->cfg.user,
		  strerror(-rc));
}

int pcmkd_children_new(const struct pcmkd_children_config *cfg, struct pcmkd_children **out)
{
	struct pcmkd_children *c = g_new0(struct pcmkd_children, 1);
	int rc;

	c->cfg = *cfg;
	c->n = cfg->n_children;
	c->children = g_new0(struct child, c->n > 0 ? c->n : 1);
	for (size_t i = 0; i < c->n; i++) {
		child_init(c, &c->children[i], &cfg->table[i]);
	}
	lookup_cluster_user(c);
	rc = pcmkd_reaper_start(on_reaped, c);
	if (rc < 0) {
		pcmkd_children_free(c);
		return rc;
	}
	c->reaping = true;
	*out = c;
	return 0;
}

void pcmkd_children_free(struct pcmkd_children *c)
{
	if (c == NULL) {
		return;
	}
	if (c->reaping) {
		pcmkd_reaper_stop();
	}
	if (c->stopped_idle != 0) {
		g_source_remove(c->stopped_idle);
	}
	for (size_t i = 0; i < c->n; i++) {
		struct child *ch = &c->children[i];

		cancel_timer(ch);
		if (ch->pid > 0) {
			kill(ch->pid, SIGKILL);
			waitpid(ch->pid, NULL, 0);
		}
		g_free(ch->path);
		g_free(ch->recent);
	}
	pcmkd_identity_clear(&c->cluster_id);
	g_free(c->children);
	g_free(c);
}
