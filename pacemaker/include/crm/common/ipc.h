/*
 * XML messages between pacemaker daemons and their clients over libqb IPC.
 *
 * A client sends requests; the server answers a request with one reply,
 * either at once or later (after a cluster round trip), and pushes
 * notifications (events) to clients at any time.  Messages of any size
 * are carried: the library splits them into frames that fit the IPC
 * buffer and joins them again.
 *
 * Server side runs on the glib main loop.  Client side can block for a
 * reply (tools) or be attached to the main loop (daemons).
 * XML handed to callbacks belongs to the library and is freed after the
 * callback returns; copy what you keep.
 */
#ifndef PCMK_COMMON_IPC_H
#define PCMK_COMMON_IPC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <libxml/tree.h>

/* Default IPC buffer (the largest frame), overridable with PCMK_ipc_buffer. */
#define PCMK_IPC_BUFFER_DEFAULT (128 * 1024)

/* Largest whole message accepted, so a broken peer cannot make us allocate
 * without bound. */
#define PCMK_IPC_MESSAGE_MAX (256 * 1024 * 1024)

struct pcmk_ipc_server;
struct pcmk_ipc_client;
struct pcmk_ipc_conn;

/* What a server's request handler knows about a request, to answer it
 * (now or later: the struct is small and may be copied). */
struct pcmk_ipc_request {
	uint32_t id;
	uint32_t flags; /* PCMK_IPC_REPLY_* as sent by the client */
};

/* The client blocks on the reply (response channel) ... */
#define PCMK_IPC_REPLY_SYNC 0x1u
/* ... or gets it later through its main loop (event channel). */
#define PCMK_IPC_REPLY_ASYNC 0x2u

/* Whether a process of user @uid (primary group @gid) is one of the
 * cluster's own: root, CLUSTER_USER or a member of CLUSTER_GROUP.  For the
 * accept() of daemons that only the cluster may use. */
bool pcmk_ipc_cluster_user(uid_t uid, gid_t gid);

struct pcmk_ipc_server_ops {
	/* Decide whether a process may connect: 0 to accept, -EACCES to refuse.
	 * NULL accepts everyone. */
	int (*accept)(uid_t uid, gid_t gid, void *data);
	/* A client connected. */
	void (*connected)(struct pcmk_ipc_client *client, void *data);
	/* A whole request arrived.  Answer with pcmk_ipc_reply() when the
	 * request asks for a reply. */
	void (*request)(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
			xmlNode *msg, void *data);
	/* The client is gone; @client is invalid after this returns. */
	void (*closed)(struct pcmk_ipc_client *client, void *data);
};

/* Start serving IPC name @name (e.g. "cib_rw") from the default glib main
 * context.  Returns the server, or NULL with *rc = -errno. */
struct pcmk_ipc_server *
pcmk_ipc_server_start(const char *name, const struct pcmk_ipc_server_ops *ops, void *data, int *rc);

/* Disconnect every client and stop serving.  NULL is a no-op. */
void pcmk_ipc_server_stop(struct pcmk_ipc_server *server);

/* Answer @req of @client with @reply (not consumed).  Returns 0, -ENOTCONN
 * if the client has gone, -EINVAL if the request wanted no reply,
 * -EMSGSIZE if the message is larger than PCMK_IPC_MESSAGE_MAX. */
int pcmk_ipc_reply(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		   xmlNode *reply);

/* As pcmk_ipc_reply(), with the reply already serialized (@len bytes of
 * XML text, not consumed): for answers built without a tree. */
int pcmk_ipc_reply_text(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
			const char *text, size_t len);

/* Push @event (not consumed) to @client.  Returns 0 or -errno. */
int pcmk_ipc_notify(struct pcmk_ipc_client *client, xmlNode *event);

/* Push @event to every client of @server.  Returns how many got it. */
int pcmk_ipc_broadcast(struct pcmk_ipc_server *server, xmlNode *event);

/* Client identity and a slot for the daemon's per-client state. */
pid_t pcmk_ipc_client_pid(const struct pcmk_ipc_client *client);
uid_t pcmk_ipc_client_uid(const struct pcmk_ipc_client *client);
gid_t pcmk_ipc_client_gid(const struct pcmk_ipc_client *client);
void pcmk_ipc_client_set_data(struct pcmk_ipc_client *client, void *data);
void *pcmk_ipc_client_data(const struct pcmk_ipc_client *client);

/* Keep a client alive across an asynchronous answer: a referenced client
 * stays valid (but possibly disconnected, see pcmk_ipc_reply) until
 * unreferenced. */
void pcmk_ipc_client_ref(struct pcmk_ipc_client *client);
void pcmk_ipc_client_unref(struct pcmk_ipc_client *client);

/* Drop a misbehaving client. */
void pcmk_ipc_client_disconnect(struct pcmk_ipc_client *client);

/* ---- client side ---- */

struct pcmk_ipc_conn_ops {
	/* A notification from the server. */
	void (*event)(struct pcmk_ipc_conn *conn, xmlNode *msg, void *data);
	/* The answer to a request sent with pcmk_ipc_send(). */
	void (*reply)(struct pcmk_ipc_conn *conn, uint32_t id, xmlNode *msg, void *data);
	/* The server went away (or sent garbage); the connection is closed. */
	void (*disconnected)(struct pcmk_ipc_conn *conn, void *data);
};

/* Connect to IPC server @name.  Returns the connection, or NULL with
 * *rc = -errno (-ECONNREFUSED when no such server runs). */
struct pcmk_ipc_conn *pcmk_ipc_connect(const char *name, int *rc);

/* Send @msg (not consumed) and wait up to @timeout_ms for its reply, which
 * the caller frees with xmlFreeDoc().  Returns 0, -ETIMEDOUT, -ENOTCONN,
 * -EPROTO (garbage from the server) or another -errno. */
int pcmk_ipc_call(struct pcmk_ipc_conn *conn, xmlNode *msg, int timeout_ms, xmlDoc **reply);

/* Send @msg (not consumed).  With @want_reply the answer comes to the
 * reply callback with the id stored in *id (id may be NULL otherwise).
 * Returns 0 or -errno. */
int pcmk_ipc_send(struct pcmk_ipc_conn *conn, xmlNode *msg, bool want_reply, uint32_t *id);

/* Deliver events and asynchronous replies through the default glib main
 * context.  Returns 0 or -errno. */
int pcmk_ipc_attach(struct pcmk_ipc_conn *conn, const struct pcmk_ipc_conn_ops *ops, void *data);

/* Descriptor that becomes readable when events wait, and a non-blocking
 * dispatch of what waits (for callers with their own poll loop).
 * pcmk_ipc_dispatch returns the number of messages handled or -errno. */
int pcmk_ipc_fd(struct pcmk_ipc_conn *conn);
int pcmk_ipc_dispatch(struct pcmk_ipc_conn *conn);

/* Close and free.  NULL is a no-op.  No callback runs after this. */
void pcmk_ipc_close(struct pcmk_ipc_conn *conn);

#endif /* PCMK_COMMON_IPC_H */
