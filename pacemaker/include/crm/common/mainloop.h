/*
 * The glib main loop as the one event loop of every pacemaker daemon:
 * libqb IPC servers are driven from it, and daemons stop cleanly on a
 * signal through it.
 */
#ifndef PCMK_COMMON_MAINLOOP_H
#define PCMK_COMMON_MAINLOOP_H

#include <glib.h>
#include <qb/qbipcs.h>

/* Poll handlers that run a libqb IPC server from the default glib main
 * context (pass to qb_ipcs_poll_handlers_set()).  Static; not freed. */
struct qb_ipcs_poll_handlers *pcmk_mainloop_qb_handlers(void);

/* Quit @loop when SIGTERM or SIGINT arrives (a daemon's clean stop).
 * Returns 0. */
int pcmk_mainloop_quit_on_signals(GMainLoop *loop);

/* Run the default context until nothing is pending (for tests and tools
 * that need queued work done without blocking). */
void pcmk_mainloop_drain(void);

#endif /* PCMK_COMMON_MAINLOOP_H */
