/*
 * Reaping every exited child of pacemakerd from the glib main loop: its
 * daemons and, because pacemakerd is a child subreaper, the orphans
 * (resource agents' helpers, double-forked processes) reparented to it.
 *
 * One waitpid(-1) loop serves both, which glib's per-pid child watches
 * cannot: they would race it for the daemons' exit statuses.
 */
#ifndef PCMKD_REAPER_H
#define PCMKD_REAPER_H

#include <stdbool.h>
#include <sys/types.h>

/* Called for each reaped process with its wait status; returns whether it
 * was one of the caller's (the others are logged as orphans). */
typedef bool (*pcmkd_reaped_fn)(pid_t pid, int status, void *data);

/* Handle SIGCHLD from the default glib main context and report each
 * reaped process to @fn.  One reaper per process.  Returns 0, -EBUSY when
 * one runs already, or -errno. */
int pcmkd_reaper_start(pcmkd_reaped_fn fn, void *data);

/* Stop reaping and restore SIGCHLD's default handling.  Safe when not
 * started. */
void pcmkd_reaper_stop(void);

/* Reap what has exited now (without waiting for the main loop). */
void pcmkd_reaper_reap(void);

#endif /* PCMKD_REAPER_H */
