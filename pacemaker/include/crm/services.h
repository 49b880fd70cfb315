/*
 * libcrmservice: run resource agents and fence agents on this node.
 *
 * The executor (lrmd), the fencer (stonithd) and crm_resource's
 * --force-* actions run every agent action through this library: it
 * finds the agent, builds its environment (or its stdin for fence agents),
 * runs it in its own process group with stdin/stdout/stderr on pipes,
 * enforces the timeout and maps the agent's exit code onto OCF results.
 *
 * Standards (the "class" of a resource):
 *   ocf      RA_DIR/PROVIDER/TYPE; RA_DIR is $OCF_RA_PATH (a ':' list,
 *            first match wins), else $OCF_ROOT/resource.d, else the
 *            configured OCF_RA_DIR.  Parameters as OCF_RESKEY_NAME.
 *   lsb      LSB_INIT_DIR/TYPE (an init script; $PCMK_LSB_INIT_DIR
 *            overrides the directory); exit codes mapped as pacemaker
 *            maps them; "monitor" runs "status"; no parameters passed.
 *   service  the same as lsb here (no systemd/upstart support).
 *   stonith  TYPE "fence_*": FENCE_AGENT_DIR/TYPE ($PCMK_FENCE_AGENT_DIR
 *            overrides) run with the fence agent stdin protocol
 *            ("action=X", then "NAME=VALUE" lines sorted by name, without
 *            the cluster's CRM_meta_* and pcmk_* parameters); exit 0 is
 *            ok, "status" exiting 2 is "not running", other codes errors.
 *            Any other TYPE (null, meatware, external/ssh, ...) is a
 *            cluster-glue plugin run through the `stonith` command
 *            (HA_SBINDIR/stonith, or $PCMK_STONITH_TOOL) with the
 *            parameters in its environment (-E): the command's process
 *            can be timed out and killed like any agent, which an
 *            in-process libstonith call could not.  Actions: monitor and
 *            status -> -S, list -> -l, reboot/reset, off, on -> -T with
 *            the host from parameter "port" (else "nodename"); others end
 *            with PCMK_EXEC_NOT_SUPPORTED.
 *
 * Every agent runs in a process group of its own, in directory /, with
 * stdin at end of file (fence agents: their input), stdout and stderr
 * captured.  OCF agents get our environment without any inherited
 * OCF_RESKEY_* plus OCF_ROOT, OCF_RA_VERSION_MAJOR/MINOR (1.1),
 * OCF_EXIT_REASON_PREFIX, OCF_RESOURCE_INSTANCE/TYPE/PROVIDER,
 * OCF_RESKEY_CRM_meta_timeout (the action's timeout in ms) and, for a
 * recurring action, OCF_RESKEY_CRM_meta_interval, then OCF_RESKEY_NAME for
 * every parameter (a CRM_meta_timeout parameter overrides the default).
 *
 * Errors are 0 or a negative errno.  Results of an agent are in the
 * action (rc, status), not in return values.  The library never prints.
 */
#ifndef PCMK_SERVICES_H
#define PCMK_SERVICES_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Results of an action in OCF terms (the CIB's rc-code). */
enum pcmk_ocf_rc {
	PCMK_OCF_OK = 0,
	PCMK_OCF_UNKNOWN_ERROR = 1,
	PCMK_OCF_INVALID_PARAM = 2,
	PCMK_OCF_UNIMPLEMENT_FEATURE = 3,
	PCMK_OCF_INSUFFICIENT_PRIV = 4,
	PCMK_OCF_NOT_INSTALLED = 5,
	PCMK_OCF_NOT_CONFIGURED = 6,
	PCMK_OCF_NOT_RUNNING = 7,
	PCMK_OCF_RUNNING_PROMOTED = 8,
	PCMK_OCF_FAILED_PROMOTED = 9,
	PCMK_OCF_DEGRADED = 190,
	PCMK_OCF_DEGRADED_PROMOTED = 191,
	PCMK_OCF_UNKNOWN = 193, /* no result yet */
};

/* How the execution went (the CIB's op-status), pacemaker's values. */
enum pcmk_exec_status {
	PCMK_EXEC_UNKNOWN = -2,
	PCMK_EXEC_PENDING = -1,      /* running */
	PCMK_EXEC_DONE = 0,          /* the agent ran to completion; see rc */
	PCMK_EXEC_CANCELLED = 1,     /* svc_action_cancel() */
	PCMK_EXEC_TIMEOUT = 2,       /* killed at its timeout */
	PCMK_EXEC_NOT_SUPPORTED = 3, /* the standard cannot do this action */
	PCMK_EXEC_ERROR = 4,         /* could not run the agent (fork, pipes) */
	PCMK_EXEC_ERROR_HARD = 5,
	PCMK_EXEC_ERROR_FATAL = 6,
	PCMK_EXEC_NOT_INSTALLED = 7, /* the agent is missing or not executable */
	PCMK_EXEC_NOT_CONNECTED = 8,
	PCMK_EXEC_INVALID = 9,
	PCMK_EXEC_NO_FENCE_DEVICE = 10,
	PCMK_EXEC_NO_SECRETS = 11,
};

enum svc_standard {
	SVC_STD_OCF,
	SVC_STD_LSB,
	SVC_STD_SERVICE,
	SVC_STD_STONITH,
};

/* Captured output per stream when svc_action_set_output_limit() is not
 * called: more is read and dropped (stdout_truncated / stderr_truncated). */
#define SVC_OUTPUT_MAX_DEFAULT (256 * 1024)

/* After SIGTERM to a timed-out or cancelled action's process group, the
 * time before SIGKILL goes to the group. */
#define SVC_KILL_GRACE_MS 2000

/* The standard named @name ("ocf", "lsb", "service", "stonith"; case
 * matters, as in pacemaker).  Returns 0 and sets *@out, or -EPROTONOSUPPORT
 * for any other name (-EINVAL for NULL). */
int svc_standard_parse(const char *name, enum svc_standard *out);

/* The name of @std ("ocf"...); static string, "unknown" when out of range. */
const char *svc_standard_name(enum svc_standard std);

/* Words for an OCF result ("ok", "not running", "error"...) and an
 * execution status ("complete", "Timed Out"...) as pacemaker prints them
 * (crm_mon, crm_resource).  Static strings. */
const char *svc_ocf_rc_str(int rc);
const char *svc_exec_status_str(int status);

/* ---- Listing.  Lists are GLists of g_malloc'd strings, sorted (but see
 * svc_list_standards), without duplicates; the caller frees them with
 * g_list_free_full(list, g_free).  An empty result is 0 with *out ==
 * NULL. */

/* The standards this library runs, in pacemaker's order: "ocf", "lsb",
 * "service", "stonith". */
int svc_list_standards(GList **out);

/* OCF providers: directories under every RA directory. */
int svc_list_ocf_providers(GList **out);

/* Agents of @standard: for ocf those of @provider (NULL: the types of
 * every provider, merged); lsb/service the
 * executable files of LSB_INIT_DIR; stonith the fence_* executables of
 * FENCE_AGENT_DIR and the cluster-glue plugin types (`stonith -L`).
 * -EPROTONOSUPPORT for an unknown standard. */
int svc_list_agents(const char *standard, const char *provider, GList **out);

/* The OCF providers that have agent @type (for crm_resource
 * --list-ocf-alternatives); a malformed @type has none. */
int svc_list_ocf_providers_of(const char *type, GList **out);

/* Full path of the executable for the agent, g_malloc'd into *@path.
 * -ENOENT when it does not exist or is not executable, -EINVAL for a
 * malformed name (empty, '/' in an OCF/LSB type or provider, "..", or an
 * OCF agent without provider), -EPROTONOSUPPORT for an unknown standard.
 * For a cluster-glue stonith plugin the path is the `stonith` command. */
int svc_agent_path(const char *standard, const char *provider, const char *type, char **path);

/* The agent's meta-data XML, g_malloc'd into *@xml: the OCF "meta-data"
 * action, fence agents' stdin "action=metadata", `stonith -t TYPE -m` for
 * plugins, and for LSB scripts XML made from the script's "### BEGIN INIT
 * INFO" block as pacemaker makes it.  Runs synchronously within
 * @timeout_ms (<= 0: 30 s).  Errors: those of svc_agent_path(), -ETIME on
 * timeout, -EPROTO when the agent failed or printed nothing. */
int svc_agent_metadata(const char *standard, const char *provider, const char *type, int timeout_ms,
		       char **xml);

/* ---- Actions. */

struct svc_action;
typedef void (*svc_action_cb)(struct svc_action *action, void *user_data);

/* One run of an agent.  Fields are set by the library; callers read them
 * (and may set user_data) but change nothing else. */
struct svc_action {
	char *rsc; /* resource id (OCF_RESOURCE_INSTANCE), may be NULL */
	enum svc_standard standard;
	char *provider; /* ocf only, else NULL */
	char *type;     /* agent name */
	char *action;   /* the action as asked ("monitor") */
	char *path;     /* the executable that runs */
	guint interval_ms;
	int timeout_ms;
	GHashTable *params; /* name -> value (g_malloc'd), incl. CRM_meta_* */

	/* Results, valid in the callback / after svc_action_run_sync(). */
	int rc;            /* enum pcmk_ocf_rc, mapped for the standard */
	int status;        /* enum pcmk_exec_status */
	int exit_code;     /* the agent's own exit code, -1 when signalled */
	int exit_signal;   /* the signal that ended it, 0 when it exited */
	pid_t pid;         /* while running, else 0 */
	char *stdout_data; /* captured output, NUL-terminated, never NULL */
	char *stderr_data; /* after completion */
	bool stdout_truncated;
	bool stderr_truncated;
	char *exit_reason; /* last "ocf-exit-reason:" line of stderr, or a
			    * reason the library gives (timeout, missing
			    * agent); NULL when none */

	void *user_data;
	struct svc_action_private *priv;
};

/* A new action.  @rsc may be NULL (OCF_RESOURCE_INSTANCE is then the
 * type); @provider is required for ocf and ignored otherwise; @interval_ms
 * is only passed to the agent (the caller repeats recurring actions);
 * @timeout_ms <= 0 means 20 s.  The agent is looked up now: errors are
 * those of svc_agent_path() plus -ENOMEM; no process is started.  Free
 * with svc_action_free(). */
int svc_action_new(const char *rsc, const char *standard, const char *provider, const char *type,
		   const char *action, guint interval_ms, int timeout_ms, struct svc_action **out);

/* Add parameter @name=@value (copied; replaces an earlier value).  Meta
 * attributes are named "CRM_meta_NAME".  OCF agents get OCF_RESKEY_NAME,
 * fence agents a "NAME=VALUE" stdin line, plugins NAME in the environment;
 * LSB scripts get none.  -EINVAL for an empty name or one with '=' or a
 * newline, -EBUSY once started. */
int svc_action_add_param(struct svc_action *a, const char *name, const char *value);

/* Bytes of stdout and of stderr kept (0: keep nothing); -EBUSY once
 * started. */
int svc_action_set_output_limit(struct svc_action *a, size_t bytes);

/* Run @a and wait for it (its own main context: safe to call from a
 * callback of the default one).  Returns 0 when the action has a result
 * in a->rc / a->status (the agent may still have failed or timed out),
 * -EBUSY when it already ran or is running, -EINVAL for NULL. */
int svc_action_run_sync(struct svc_action *a);

/* Start @a on the thread-default main context (the daemon's GMainLoop)
 * and return.  @cb runs exactly once, from the main loop (never inside
 * this call), when the action is over: completed, timed out, cancelled or
 * unable to start (status tells).  The caller owns @a throughout and may
 * free it in @cb.  Returns 0, -EBUSY, or -EINVAL (NULL @a or @cb); on an
 * error @cb is not called.  Many actions may run at once. */
int svc_action_run_async(struct svc_action *a, svc_action_cb cb, void *user_data);

/* Stop a running async action: SIGTERM to its process group, SIGKILL
 * after SVC_KILL_GRACE_MS; its callback then runs with
 * PCMK_EXEC_CANCELLED.  -ESRCH when it is not running.
 *
 * Timeouts work the same way: at timeout_ms the group gets SIGTERM, then
 * SIGKILL after the grace period or as soon as the agent itself is gone
 * (what it started dies with it); the result is PCMK_EXEC_TIMEOUT with rc
 * PCMK_OCF_UNKNOWN_ERROR.  An agent that exits by itself leaves the
 * processes it started alone (daemons), and a child holding the output
 * pipes does not delay the result. */
int svc_action_cancel(struct svc_action *a);

/* Free @a; NULL is a no-op.  A still running action's process group is
 * killed (SIGKILL) and reaped first, and its callback does not run. */
void svc_action_free(struct svc_action *a);

#endif /* PCMK_SERVICES_H */
