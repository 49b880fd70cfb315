/*
 * pacemakerd's IPC "pacemakerd": <ping/> answers with pacemakerd's state
 * and its children's, <shutdown/> (root or the cluster user only) stops
 * the node's pacemaker.  Also the client side of `pacemakerd --shutdown`.
 *
 * The status reply:
 *   <pacemakerd state="running" pid="12" version="0.1.0">
 *     <child name="cib" state="running" pid="13" respawns="0"/> ...
 *   </pacemakerd>
 */
#ifndef PCMKD_IPC_H
#define PCMKD_IPC_H

#include <stdbool.h>
#include <sys/types.h>
#include <libxml/tree.h>

#include "pcmkd_children.h"

#define PCMKD_IPC_NAME "pacemakerd"

struct pcmkd_ipc;

/* Serve PCMKD_IPC_NAME about @children; @shutdown runs on an accepted
 * shutdown request, @admin_uid is allowed to ask besides root.  Returns 0
 * or -errno. */
int pcmkd_ipc_start(struct pcmkd_children *children, uid_t admin_uid, void (*shutdown)(void *data),
		    void *data, struct pcmkd_ipc **out);

/* Stop serving and free.  NULL is a no-op. */
void pcmkd_ipc_stop(struct pcmkd_ipc *ipc);

/* The status reply for @children (free with pcmk_xml_free()). */
xmlNode *pcmkd_ipc_status_xml(const struct pcmkd_children *children);

/* Ask the running pacemakerd to shut down and wait up to @timeout_ms for
 * it to finish.  Returns 0, -ECONNREFUSED when none runs, -EACCES when it
 * refuses, -ETIMEDOUT, or another -errno. */
int pcmkd_ipc_request_shutdown(int timeout_ms);

/* Whether a pacemakerd answers on PCMKD_IPC_NAME. */
bool pcmkd_ipc_running(void);

#endif /* PCMKD_IPC_H */
