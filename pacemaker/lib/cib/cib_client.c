/*
 * The client library's entry points: pick the backend the environment
 * asks for and hand requests to it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cib_client_private.h"

char *cib_error_dup(const char *text)
{
	return text != NULL ? strdup(text) : NULL;
}

static struct cib *cib_alloc(const char *name)
{
	struct cib *cib = calloc(1, sizeof(*cib));

	if (cib == NULL) {
		return NULL;
	}
	cib->name = strdup(name != NULL ? name : "client");
	if (cib->name == NULL) {
		free(cib);
		return NULL;
	}
	return cib;
}

/* The file CIB_shadow=@name stands for. */
static int shadow_path(const char *name, char *buf, size_t size)
{
	const char *dir = getenv("CIB_shadow_dir");
	int len;

	if (name[0] == '\0' || strchr(name, '/') != NULL) {
		return -EINVAL;
	}
	len = snprintf(buf, size, "%s/shadow.%s",
		       dir != NULL && dir[0] != '\0' ? dir : PCMK_CIB_DIR, name);
	return len < 0 || (size_t)len >= size ? -ENAMETOOLONG : 0;
}

int cib_open_file(const char *path, bool create, struct cib **out)
{
	struct cib *cib;
	int rc;

	*out = NULL;
	cib = cib_alloc("file");
	if (cib == NULL) {
		return -ENOMEM;
	}
	rc = cib_file_open(cib, path, create);
	if (rc < 0) {
		cib_close(cib);
		return rc;
	}
	*out = cib;
	return 0;
}

int cib_open(const char *name, bool read_only, struct cib **out)
{
	const char *file = getenv("CIB_file");
	const char *shadow = getenv("CIB_shadow");
	char path[PATH_MAX];
	struct cib *cib;
	int rc;

	*out = NULL;
	if (shadow != NULL && shadow[0] != '\0') {
		rc = shadow_path(shadow, path, sizeof(path));
		if (rc < 0) {
			return rc;
		}
		file = path;
	}
	cib = cib_alloc(name);
	if (cib == NULL) {
		return -ENOMEM;
	}
	rc = file != NULL && file[0] != '\0' ? cib_file_open(cib, file, false)
					     : cib_ipc_open(cib, read_only);
	if (rc < 0) {
		cib_close(cib);
		return rc;
	}
	*out = cib;
	return 0;
}

bool cib_is_file(const struct cib *cib)
{
	return cib != NULL && cib->backend == &cib_file_backend;
}

const char *cib_file_path(const struct cib *cib)
{
	return cib_is_file(cib) ? cib_file_state_path(cib) : NULL;
}

int cib_request(struct cib *cib, const struct cib_op_request *req, int timeout_ms, xmlDoc **output,
		char **error)
{
	if (output != NULL) {
		*output = NULL;
	}
	if (error != NULL) {
		*error = NULL;
	}
	if (cib == NULL || cib->backend == NULL || req == NULL || req->op >= CIB_OP_COUNT) {
		return -EINVAL;
	}
	return cib->backend->request(cib, req, timeout_ms > 0 ? timeout_ms : CIB_TIMEOUT_MS_DEFAULT,
				     output, error);
}

int cib_request_async(struct cib *cib, const struct cib_op_request *req, cib_callback_fn fn,
		      void *data)
{
	if (cib == NULL || cib->backend == NULL || req == NULL || req->op >= CIB_OP_COUNT) {
		return -EINVAL;
	}
	return cib->backend->request_async(cib, req, fn, data);
}

int cib_attach(struct cib *cib, cib_change_fn on_change, cib_lost_fn on_lost, void *data)
{
	if (cib == NULL || cib->backend == NULL) {
		return -EINVAL;
	}
	cib->on_change = on_change;
	cib->on_lost = on_lost;
	cib->cb_data = data;
	return cib->backend->attach(cib);
}

void cib_close(struct cib *cib)
{
	if (cib == NULL) {
		return;
	}
	if (cib->backend != NULL) {
		cib->backend->close(cib);
	}
	free(cib->name);
	free(cib);
}
