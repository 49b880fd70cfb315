/*
 * The pacemaker daemons pacemakerd runs: one table in start order, started
 * one after the other (each once the previous one answers on its IPC
 * name), respawned when they die (within a limit), stopped one at a time
 * in reverse order.
 *
 * Runs on the default glib main context; children are reaped through
 * pcmkd_reaper, which pcmkd_children_new() starts.
 */
#ifndef PCMKD_CHILDREN_H
#define PCMKD_CHILDREN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* One daemon pacemakerd may run. */
struct pcmkd_child_def {
	const char *name;  /* binary in the daemon directory, and its name in logs */
	const char *ipc;   /* IPC name that answers once it is ready, or NULL */
	bool cluster_user; /* runs as the cluster user rather than root */
};

/* The pacemaker daemons, in start order. */
extern const struct pcmkd_child_def pcmkd_child_table[];
extern const size_t pcmkd_child_table_len;

enum pcmkd_child_state {
	PCMKD_CHILD_ABSENT,   /* not installed: never started */
	PCMKD_CHILD_STOPPED,  /* not running (not yet started, or stopped) */
	PCMKD_CHILD_STARTING, /* running, its IPC does not answer yet */
	PCMKD_CHILD_RUNNING,
	PCMKD_CHILD_STOPPING, /* asked to stop, not yet exited */
	PCMKD_CHILD_FAILED,   /* exited and will not be respawned */
};

enum pcmkd_state {
	PCMKD_STATE_INIT,
	PCMKD_STATE_STARTING,
	PCMKD_STATE_RUNNING,
	PCMKD_STATE_SHUTTING_DOWN,
	PCMKD_STATE_STOPPED,
};

struct pcmkd_children_config {
	const struct pcmkd_child_def *table;
	size_t n_children;
	const char *daemon_dir;
	/* account for the children with cluster_user set; NULL or an unknown
	 * account runs them as pacemakerd's own user */
	const char *user;
	unsigned respawn_max;       /* more respawns than this ... */
	unsigned respawn_window_ms; /* ... within this long stop the node */
	unsigned stop_timeout_ms;   /* SIGTERM, then SIGKILL after this long */
	unsigned ready_timeout_ms;  /* longest wait for a child's IPC */
	bool fail_fast;             /* any unexpected exit stops the node */
	/* Everything has stopped after a shutdown; @exit_code is what
	 * pacemakerd should exit with.  Called once, from the main loop. */
	void (*stopped)(int exit_code, void *data);
	void *data;
};

struct pcmkd_child_status {
	const char *name;
	enum pcmkd_child_state state;
	pid_t pid; /* 0 when not running */
	unsigned respawns;
};

struct pcmkd_children;

/* Prepare the children of @cfg (copied; its table and strings must outlive
 * the result) and start reaping.  Children whose binary is missing are
 * left out with an info log line.  Returns 0 or -errno. */
int pcmkd_children_new(const struct pcmkd_children_config *cfg, struct pcmkd_children **out);

/* Start the children in table order.  Returns 0, or -EALREADY. */
int pcmkd_children_start(struct pcmkd_children *c);

/* Stop every child in reverse order, then call cfg->stopped with
 * @exit_code (the first shutdown's code counts).  Idempotent. */
void pcmkd_children_shutdown(struct pcmkd_children *c, int exit_code);

enum pcmkd_state pcmkd_children_state(const struct pcmkd_children *c);
size_t pcmkd_children_count(const struct pcmkd_children *c);
/* Status of child @i (< pcmkd_children_count()).  Strings are c's. */
void pcmkd_children_status(const struct pcmkd_children *c, size_t i, struct pcmkd_child_status *st);

/* Static words for states ("running", "shutting down"). */
const char *pcmkd_state_str(enum pcmkd_state state);
const char *pcmkd_child_state_str(enum pcmkd_child_state state);

/* Stop reaping and free.  Children still running are killed (SIGKILL) and
 * reaped first.  NULL is a no-op. */
void pcmkd_children_free(struct pcmkd_children *c);

#endif /* PCMKD_CHILDREN_H */
