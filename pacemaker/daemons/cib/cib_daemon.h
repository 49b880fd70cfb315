/*
 * The cib daemon's state and the functions its parts offer each other:
 * clients (cib_clients.c), replication through CPG (cib_replica.c), the
 * join-time synchronisation (cib_sync.c), the disk (cib_persist.c) and the
 * stand-in for the DC until the controller names one (cib_dc.c).
 */
#ifndef CIB_DAEMON_H
#define CIB_DAEMON_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/cib/ops.h>
#include <crm/cib/store.h>
#include <crm/cluster.h>
#include <crm/common/ipc.h>

/* A client's request waiting for its answer (after CPG delivery and/or
 * the disk write). */
struct cib_pending {
	struct pcmk_ipc_client *client; /* referenced */
	struct pcmk_ipc_request req;
	char *op;
	int rc;
	char *error;
	xmlNode *output; /* root of its own document, or NULL */
};

enum cib_sync_state {
	CIB_SYNCED,  /* this node's CIB is the cluster's */
	CIB_SYNCING, /* a member joined: updates wait until the CIBs agree */
};

struct cib_daemon {
	xmlDoc *cib;
	struct cib_store_options store;
	GMainLoop *loop;
	struct pcmk_ipc_server *rw;
	struct pcmk_ipc_server *ro;
	GList *subscribers;           /* struct pcmk_ipc_client, referenced */
	struct pcmk_cluster *cluster; /* NULL when stand-alone */
	const char *local_name;

	/* replication */
	uint32_t next_call_id;
	GHashTable *in_flight; /* call id -> struct cib_pending */

	/* synchronisation */
	enum cib_sync_state sync_state;
	struct pcmk_group_member *members;
	size_t n_members;
	char members_key[17];  /* identifies the membership a round is for */
	GHashTable *announces; /* "nodeid:pid" -> xmlNode announce copy */
	GQueue held;           /* updates delivered while syncing (xmlNode) */

	/* disk */
	bool dirty;
	guint write_source;
	GList *awaiting_write; /* struct cib_pending */
};

/* cib_clients.c */
int cib_clients_start(struct cib_daemon *d);
void cib_clients_stop(struct cib_daemon *d);
/* Tell subscribers about a change. */
void cib_clients_notify(struct cib_daemon *d, const char *op, int rc, const char *origin,
			const char *client, const xmlNode *patch);
/* Send the answer held in @p and free it. */
void cib_pending_answer(struct cib_pending *p);
void cib_pending_free(struct cib_pending *p);

/* cib_apply.c: run one operation on the daemon's CIB; a change is
 * notified and scheduled for the disk.  Returns the result and fills
 * @p's answer (when @p is not NULL). */
int cib_apply(struct cib_daemon *d, const struct cib_op_request *req, struct cib_pending *p);

/* cib_replica.c */
int cib_replica_start(struct cib_daemon *d);
void cib_replica_stop(struct cib_daemon *d);
/* Send a write request to every node; @p is answered once it is applied
 * here.  Returns 0 (p now belongs to the replica) or -errno. */
int cib_replica_submit(struct cib_daemon *d, const xmlNode *request, struct cib_pending *p);
/* An update delivered in CPG order (also the held ones, after a sync). */
void cib_replica_deliver(struct cib_daemon *d, const xmlNode *msg);

/* cib_sync.c */
void cib_sync_group_change(struct cib_daemon *d, const struct pcmk_group_member *members,
			   size_t n_members, size_t n_joined);
/* Handle a synchronisation message; returns false when @msg is not one. */
bool cib_sync_message(struct cib_daemon *d, uint32_t from, const xmlNode *msg);
/* Send this node's CIB to every node (cibadmin --sync). */
int cib_sync_push(struct cib_daemon *d);
void cib_sync_free(struct cib_daemon *d);

/* cib_persist.c */
/* The CIB changed: write it soon. */
void cib_persist_changed(struct cib_daemon *d);
/* Answer @p once what changed so far is on disk (at once if clean). */
void cib_persist_answer_after_write(struct cib_daemon *d, struct cib_pending *p);
/* Write now if dirty (at stop).  Returns 0 or -errno. */
int cib_persist_flush(struct cib_daemon *d);

/* cib_dc.c: the node whose CIB wins a tie.  Until the controller elects
 * a DC, the group member with the lowest node id. */
uint32_t cib_dc_nodeid(const struct cib_daemon *d);

#endif /* CIB_DAEMON_H */
