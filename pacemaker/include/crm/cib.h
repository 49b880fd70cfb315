/*
 * The client library of the CIB: what every tool and daemon uses to read
 * and change the cluster information base.
 *
 * A connection reaches the cib daemon over IPC (cib_rw, or cib_ro for
 * read-only clients), or, as in pacemaker, a file with no daemon at all:
 * CIB_file=PATH in the environment names the file, CIB_shadow=NAME a
 * shadow copy (CIB_shadow_dir, default PCMK_CIB_DIR, holds
 * shadow.NAME).  Requests are the operations of crm/cib/ops.h; on a file
 * they run in the tool itself and a change is written back at once.
 */
#ifndef PCMK_CIB_H
#define PCMK_CIB_H

#include <stdbool.h>
#include <libxml/tree.h>

#include <crm/cib/ops.h>

struct cib;

/* Default time a synchronous request waits for its answer. */
#define CIB_TIMEOUT_MS_DEFAULT 30000

/* Open the CIB as the environment says (CIB_file, CIB_shadow, else the
 * daemon), as client @name (logged by the daemon, update-client).
 * @read_only connects to cib_ro.  Returns 0 with *@cib set (free with
 * cib_close()), or -errno: -ENOTCONN when the daemon does not run,
 * -ENXIO (no such file), -PCMK_E_SCHEMA (not a valid CIB), -EACCES... when the file cannot be used. */
int cib_open(const char *name, bool read_only, struct cib **cib);

/* Open the CIB in file @path (as CIB_file does).  @create makes an
 * empty CIB when the file does not exist. */
int cib_open_file(const char *path, bool create, struct cib **cib);

/* Whether @cib is a file rather than the daemon. */
bool cib_is_file(const struct cib *cib);

/* The path of the file behind @cib, or NULL for the daemon. */
const char *cib_file_path(const struct cib *cib);

/* Perform @req and wait up to @timeout_ms (0 = default) for the answer.
 * Returns the operation's result (0 or a negative result code);
 * *@output (when not NULL) receives the query result or failure report
 * (caller frees with xmlFreeDoc(); NULL when there is none), *@error (when
 * not NULL) a malloc'd explanation on failure. */
int cib_request(struct cib *cib, const struct cib_op_request *req, int timeout_ms, xmlDoc **output,
		char **error);

/* The answer to an asynchronous request: its result, output (valid during
 * the call only) and explanation (NULL when none). */
typedef void (*cib_callback_fn)(struct cib *cib, int rc, const xmlNode *output, const char *error,
				void *data);

/* Send @req and deliver the answer to @fn from the main loop (the
 * connection must be attached).  Returns 0 or -errno. */
int cib_request_async(struct cib *cib, const struct cib_op_request *req, cib_callback_fn fn,
		      void *data);

/* Every change of the CIB, as a patch (crm/cib/patch.h) with the
 * operation, its result and the client that asked for it.  The patch is
 * valid during the call only. */
struct cib_change {
	const xmlNode *patch;
	const char *op;
	int rc;
	const char *origin; /* node name of the client */
	const char *client; /* client name */
};
typedef void (*cib_change_fn)(struct cib *cib, const struct cib_change *change, void *data);

/* The connection went away (the daemon stopped). */
typedef void (*cib_lost_fn)(struct cib *cib, void *data);

/* Deliver asynchronous answers, changes (when @on_change is not NULL:
 * subscribes) and the loss of the connection through the default glib
 * main context.  Returns 0 or -errno. */
int cib_attach(struct cib *cib, cib_change_fn on_change, cib_lost_fn on_lost, void *data);

/* Close and free; no callback runs after this.  NULL is a no-op. */
void cib_close(struct cib *cib);

#endif /* PCMK_CIB_H */
