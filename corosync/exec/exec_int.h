/*
 * Between the daemon's core files (exec.c, sync.c, ipc.c): not for
 * services.
 */
#ifndef CS_EXEC_INT_H
#define CS_EXEC_INT_H

#include <stddef.h>
#include <sys/uio.h>

/* Multicast on the sync group.  Returns 0 or -EAGAIN. */
int cs_exec_sync_mcast(const struct iovec *iov, size_t iovcnt);

/* Re-evaluate whether clients may send (totem state, sync, queue room). */
void cs_exec_flow_update(void);

struct cs_daemon_options {
	const char *config_file;
	bool foreground;
};

/* Read the configuration, start totem, the services and IPC.  Returns 0
 * or -errno (the reason is logged / printed). */
int cs_exec_start(const struct cs_map *map, const struct cs_map *lines);
/* Run until shutdown. */
void cs_exec_run(void);
/* Leave the ring, stop services and IPC, free everything. */
void cs_exec_stop(void);

#endif /* CS_EXEC_INT_H */
