/*
 * libcfg: administration of the local corosync daemon.
 *
 * Node ids and addresses, link and node status, configuration reload, log
 * file reopening, killing a node, and the shutdown protocol: a program that
 * tracks shutdowns (corosync_cfg_trackstart()) is asked, through its
 * shutdown callback, whether the daemon may stop, and answers with
 * corosync_cfg_replyto_shutdown().
 *
 * This is part of the public client API: types, constants and prototypes
 * are those of corosync 3.x libcfg, so programs written for it compile and
 * link against this library unchanged.
 *
 * Threads: every call may be made from any thread; the shutdown callback
 * runs in the thread that calls corosync_cfg_dispatch().
 */
#ifndef COROSYNC_CFG_H_DEFINED
#define COROSYNC_CFG_H_DEFINED

#include <netinet/in.h>
#include <corosync/corotypes.h>

/** A connection to the cfg service; 0 is never a valid handle. */
typedef uint64_t corosync_cfg_handle_t;

/** How insistent a shutdown request is. */
typedef enum {
	/** Ask the tracking programs; any of them may refuse. */
	COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST = 0,
	/** Tell the tracking programs, but stop whatever they answer. */
	COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS = 1,
	/** Stop at once (the other nodes are still told). */
	COROSYNC_CFG_SHUTDOWN_FLAG_IMMEDIATE = 2,
} corosync_cfg_shutdown_flags_t;

/** A tracking program's answer to a shutdown request. */
typedef enum {
	COROSYNC_CFG_SHUTDOWN_FLAG_NO = 0,
	COROSYNC_CFG_SHUTDOWN_FLAG_YES = 1,
} corosync_cfg_shutdown_reply_flags_t;

/**
 * Called when the daemon asks whether it may shut down (@p flags says how
 * insistently); answer with corosync_cfg_replyto_shutdown().
 */
typedef void (*corosync_cfg_shutdown_callback_t)(corosync_cfg_handle_t cfg_handle,
						 corosync_cfg_shutdown_flags_t flags);

/** The callbacks of corosync_cfg_initialize(). */
typedef struct {
	corosync_cfg_shutdown_callback_t corosync_cfg_shutdown_callback;
} corosync_cfg_callbacks_t;

/**
 * One address of a node: @c address holds a struct sockaddr_in or
 * sockaddr_in6 (look at its family); @c address_length is its size.
 */
typedef struct {
	int address_length;
	char address[sizeof(struct sockaddr_in6)];
} corosync_cfg_node_address_t;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Connect to the cfg service.  @p cfg_callbacks (may be NULL) is copied.
 * CS_ERR_LIBRARY when the daemon does not run, CS_ERR_ACCESS when it
 * refuses us, CS_ERR_TRY_AGAIN while it starts.
 */
cs_error_t corosync_cfg_initialize(corosync_cfg_handle_t *cfg_handle,
				   const corosync_cfg_callbacks_t *cfg_callbacks);

/** The descriptor to poll before corosync_cfg_dispatch(); not to be closed. */
cs_error_t corosync_cfg_fd_get(corosync_cfg_handle_t cfg_handle, int32_t *selection_fd);

/** Handle pending events (shutdown requests) as @p dispatch_flags says. */
cs_error_t corosync_cfg_dispatch(corosync_cfg_handle_t cfg_handle,
				 cs_dispatch_flags_t dispatch_flags);

/** Close the connection; the handle is invalid afterwards. */
cs_error_t corosync_cfg_finalize(corosync_cfg_handle_t cfg_handle);

/**
 * The status of the local node's links, as two arrays of
 * @p interface_count strings: "<link> <address>" names and status texts.
 * The caller frees each string and both arrays with free().
 */
cs_error_t corosync_cfg_ring_status_get(corosync_cfg_handle_t cfg_handle, char ***interface_names,
					char ***status, unsigned int *interface_count);

/** The layout versions corosync_cfg_node_status_get() can fill. */
typedef enum {
	CFG_NODE_STATUS_V1 = 1,
} corosync_cfg_node_status_version_t;

#define CFG_MAX_HOST_LEN 256
#define CFG_MAX_LINKS 8

/** One link to a node, as the local node sees it. */
struct corosync_knet_link_status_v1 {
	uint8_t enabled;      /**< configured and enabled */
	uint8_t connected;    /**< usable for traffic */
	uint8_t dynconnected; /**< brought up by the peer (dynamic address) */
	unsigned int mtu;
	char src_ipaddr[CFG_MAX_HOST_LEN];
	char dst_ipaddr[CFG_MAX_HOST_LEN];
};

/** A node and its links (CFG_NODE_STATUS_V1). */
struct corosync_cfg_node_status_v1 {
	corosync_cfg_node_status_version_t version;
	unsigned int nodeid;
	uint8_t reachable;
	uint8_t remote;
	uint8_t external;
	uint8_t onwire_min;
	uint8_t onwire_max;
	uint8_t onwire_ver;
	struct corosync_knet_link_status_v1 link_status[CFG_MAX_LINKS];
};

/**
 * Fill @p node_status (a struct corosync_cfg_node_status_v1 for
 * CFG_NODE_STATUS_V1) with what the local node knows of @p nodeid.
 * CS_ERR_NOT_EXIST for a node it does not know.
 */
cs_error_t corosync_cfg_node_status_get(corosync_cfg_handle_t cfg_handle, unsigned int nodeid,
					corosync_cfg_node_status_version_t version,
					void *node_status);

/** Make node @p nodeid leave the cluster (its daemon exits), logging @p reason. */
cs_error_t corosync_cfg_kill_node(corosync_cfg_handle_t cfg_handle, unsigned int nodeid,
				  const char *reason);

/** Be asked about shutdowns from now on; @p track_flags is unused (0). */
cs_error_t corosync_cfg_trackstart(corosync_cfg_handle_t cfg_handle, uint8_t track_flags);

/** Stop being asked about shutdowns. */
cs_error_t corosync_cfg_trackstop(corosync_cfg_handle_t cfg_handle);

/**
 * Ask the daemon to shut down.  CS_ERR_BUSY when a tracking program
 * refused a REQUEST.
 */
cs_error_t corosync_cfg_try_shutdown(corosync_cfg_handle_t cfg_handle,
				     corosync_cfg_shutdown_flags_t flags);

/** Answer the shutdown request delivered to the shutdown callback. */
cs_error_t corosync_cfg_replyto_shutdown(corosync_cfg_handle_t cfg_handle,
					 corosync_cfg_shutdown_reply_flags_t flags);

/**
 * Store in @p addrs (room for @p max_addrs entries) the addresses of node
 * @p nodeid (0: the local node), and their number in *@p num_addrs.
 * CS_ERR_NOT_EXIST for an unknown node.
 */
cs_error_t corosync_cfg_get_node_addrs(corosync_cfg_handle_t cfg_handle, unsigned int nodeid,
				       size_t max_addrs, int *num_addrs,
				       corosync_cfg_node_address_t *addrs);

/** The local node's id. */
cs_error_t corosync_cfg_local_get(corosync_cfg_handle_t handle, unsigned int *local_nodeid);

/** Make every node of the cluster read corosync.conf again. */
cs_error_t corosync_cfg_reload_config(corosync_cfg_handle_t handle);

/**
 * Make the local daemon reopen its log files (after they were rotated).
 * CS_ERR_NOT_SUPPORTED when it cannot.
 */
cs_error_t corosync_cfg_reopen_log_files(corosync_cfg_handle_t handle);

#ifdef __cplusplus
}
#endif

#endif /* COROSYNC_CFG_H_DEFINED */
