/*
 * What the two ends of the client library share: a connection is a
 * backend (the daemon over IPC, or a file) behind one table of functions.
 */
#ifndef CIB_CLIENT_PRIVATE_H
#define CIB_CLIENT_PRIVATE_H

#include <crm/cib.h>

struct cib_backend {
	int (*request)(struct cib *cib, const struct cib_op_request *req, int timeout_ms,
		       xmlDoc **output, char **error);
	int (*request_async)(struct cib *cib, const struct cib_op_request *req, cib_callback_fn fn,
			     void *data);
	int (*attach)(struct cib *cib);
	void (*close)(struct cib *cib);
};

struct cib {
	const struct cib_backend *backend;
	char *name; /* client name */
	cib_change_fn on_change;
	cib_lost_fn on_lost;
	void *cb_data;
	void *state; /* the backend's */
};

extern const struct cib_backend cib_ipc_backend;
extern const struct cib_backend cib_file_backend;

/* Connect @cib to the daemon / open file @path for it.  0 or -errno. */
int cib_ipc_open(struct cib *cib, bool read_only);
int cib_file_open(struct cib *cib, const char *path, bool create);

/* The file behind a file connection. */
const char *cib_file_state_path(const struct cib *cib);

/* A malloc'd copy of @text for an error out-parameter (NULL-safe). */
char *cib_error_dup(const char *text);

#endif /* CIB_CLIENT_PRIVATE_H */
