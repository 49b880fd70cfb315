/*
 * Internals of libcrmservice shared between its files.
 */
#ifndef PCMK_SERVICES_PRIVATE_H
#define PCMK_SERVICES_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <glib.h>

#include <crm/services.h>

/* ---- svc_standard.c */

/* @exit_code of an agent of @std running @action as an OCF result. */
int svc_map_exit_code(enum svc_standard std, const char *action, int exit_code);

/* True for a stonith TYPE run through the `stonith` command (a
 * cluster-glue plugin) rather than a fence_* executable. */
bool svc_stonith_is_plugin(const char *type);

/* ---- svc_paths.c */

/* The OCF RA directories in search order: $OCF_RA_PATH split on ':', else
 * $OCF_ROOT/resource.d, else OCF_RA_DIR.  Free with g_strfreev(). */
char **svc_ocf_ra_dirs(void);

/* OCF_ROOT the agents get: $OCF_ROOT, else OCF_ROOT_DIR.  Static or
 * environment string. */
const char *svc_ocf_root(void);

/* Directories of LSB scripts, fence agents and the `stonith` command:
 * $PCMK_LSB_INIT_DIR / $PCMK_FENCE_AGENT_DIR / $PCMK_STONITH_TOOL when set
 * (tests, staged installs), else the configured paths. */
const char *svc_lsb_dir(void);
const char *svc_fence_dir(void);
const char *svc_stonith_tool(void);

/* True when @path is a regular file we may execute. */
bool svc_is_executable(const char *path);

/* ---- svc_lsb_meta.c */

/* Meta-data XML for LSB script @type from its header text @script. */
char *svc_lsb_metadata_from_text(const char *type, const char *script);

/* ---- svc_env.c */

/* The argument vector and environment of @a (g_strfreev both). */
char **svc_build_argv(const struct svc_action *a);
char **svc_build_envp(const struct svc_action *a);

/* What a fence agent reads on stdin (g_free), NULL for other agents. */
char *svc_build_stdin(const struct svc_action *a);

/* The action an LSB script is run with for @action ("monitor" ->
 * "status"). */
const char *svc_lsb_action(const char *action);

/* ---- svc_child.c */

struct svc_child {
	pid_t pid;
	int out_fd; /* read ends, -1 when closed */
	int err_fd;
	int in_fd; /* write end of stdin, -1 when none */
};

/* Fork and exec @argv with @envp in a new process group and directory /,
 * stdin/stdout/stderr on pipes.  Returns 0 or -errno (nothing started). */
int svc_child_spawn(char **argv, char **envp, struct svc_child *child);

/* @signo to the process group @pgid, and to @pgid itself while
 * @leader_alive (it may have left the group). */
void svc_child_signal_group(pid_t pgid, bool leader_alive, int signo);

/* ---- svc_action.c */

/* Run the command @argv (our environment, stdin at end of file) within
 * @timeout_ms and give its stdout (g_free) when it exits 0.  -ENOENT when
 * argv[0] is not executable, -ETIME on timeout, -EPROTO on failure. */
int svc_run_command(char **argv, int timeout_ms, char **out);

/* Last "ocf-exit-reason:" line of @err, g_malloc'd, or NULL. */
char *svc_exit_reason(const char *err);

#endif /* PCMK_SERVICES_PRIVATE_H */
