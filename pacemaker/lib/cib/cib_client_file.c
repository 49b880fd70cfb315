/*
 * The file backend (CIB_file, CIB_shadow): the operations run here, on
 * the CIB read from the file, and every change is written back at once
 * (atomically), so a tool that stops half-way leaves a whole file.
 *
 * As the file always holds what the document holds, a query of the whole
 * CIB is answered with the document itself (a tool reading a large CIB
 * then neither copies nor frees it twice); the file is read again if the
 * connection is used after that.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <glib.h>

#include <crm/common/log.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include "cib_client_private.h"

struct file_state {
	char *path;
	xmlDoc *doc;    /* NULL once handed over: read the file again */
	bool create;    /* a missing file is an empty CIB */
	char *damage;   /* why the file is not well-formed XML, or NULL */
	mode_t mode;    /* the file's, kept on rewrite */
	GList *pending; /* struct deferred_answer not yet delivered */
};

static struct file_state *state_of(const struct cib *cib)
{
	return cib->state;
}

const char *cib_file_state_path(const struct cib *cib)
{
	return state_of(cib)->path;
}

static int load_file(struct file_state *fs, bool create)
{
	struct stat st;
	char *error = NULL;
	int rc;

	if (stat(fs->path, &st) < 0) {
		if (errno == ENOENT && !create) {
			return -ENXIO; /* as pacemaker's file backend */
		}
		if (errno != ENOENT) {
			return -errno;
		}
		fs->doc = cib_new_empty();
		return fs->doc != NULL ? 0 : -ENOMEM;
	}
	fs->mode = st.st_mode & 07777;
	/* As pacemaker, a CIB file that is not well-formed is taken as libxml2
	 * recovers it; a file that is no CIB then fails as one that does not
	 * validate.  What recovery dropped must not be lost by a write, so
	 * such a file is only read (see file_request). */
	rc = pcmk_xml_parse_file_recover(fs->path, &fs->doc, &error);
	free(fs->damage);
	fs->damage = NULL;
	if (rc == 1) {
		pcmk_warn("%s is not well-formed XML, read as repaired: %s", fs->path,
			  error != NULL ? error : "");
		fs->damage = error;
		error = NULL;
	}
	free(error);
	if (rc < 0) {
		return rc == -EINVAL ? -PCMK_E_SCHEMA : rc;
	}
	if (!pcmk_xml_is(xmlDocGetRootElement(fs->doc), "cib")) {
		return -PCMK_E_SCHEMA;
	}
	return pcmk_schema_validate(fs->doc, NULL);
}

int cib_file_open(struct cib *cib, const char *path, bool create)
{
	struct file_state *fs = calloc(1, sizeof(*fs));
	int rc;

	if (fs == NULL) {
		return -ENOMEM;
	}
	cib->backend = &cib_file_backend;
	cib->state = fs;
	fs->mode = 0644;
	fs->path = strdup(path);
	if (fs->path == NULL) {
		return -ENOMEM;
	}
	fs->create = create;
	rc = load_file(fs, create);
	return rc;
}

/* Answer a query of the whole CIB with the document itself. */
static bool hand_over(struct file_state *fs, const struct cib_op_request *req, xmlDoc **output)
{
	if (output == NULL || cib_op_query_view(fs->doc, req) != xmlDocGetRootElement(fs->doc)) {
		return false;
	}
	*output = fs->doc;
	fs->doc = NULL;
	return true;
}

static int file_request(struct cib *cib, const struct cib_op_request *req, int timeout_ms,
			xmlDoc **output, char **error)
{
	struct file_state *fs = state_of(cib);
	struct cib_op_request local = *req;
	struct cib_op_result res = { 0 };
	int rc;

	if (fs->doc == NULL && (rc = load_file(fs, fs->create)) < 0) {
		xmlFreeDoc(fs->doc); /* what did not validate, if anything */
		fs->doc = NULL;
		return rc;
	}
	if (hand_over(fs, req, output)) {
		return 0;
	}
	if (fs->damage != NULL && cib_op_is_write(req->op)) {
		if (error != NULL && asprintf(error,
					      "%s is not well-formed XML (%s): it is read as "
					      "repaired but not changed; fix the file first",
					      fs->path, fs->damage) < 0) {
			*error = NULL;
		}
		return -EROFS;
	}
	local.client = local.client != NULL ? local.client : cib->name;
	local.now = local.now != 0 ? local.now : time(NULL);
	/* as pacemaker's file backend: no cib-last-written stamp in a file */
	local.options |= CIB_OPT_NO_MTIME;
	rc = cib_op_perform(&fs->doc, &local, &res);
	if (rc == 0 && res.patch != NULL) {
		rc = pcmk_xml_write_file(xmlDocGetRootElement(fs->doc), fs->path, fs->mode);
		if (rc < 0 && error != NULL) {
			*error = cib_error_dup(
				"the changed CIB could not be written back to its file");
		}
	}
	if (output != NULL && res.output != NULL) {
		*output = res.output->doc; /* the output is its document's root */
		res.output = NULL;
	}
	if (error != NULL && *error == NULL) {
		*error = res.error;
		res.error = NULL;
	}
	cib_op_result_clear(&res);
	return rc;
}

struct deferred_answer {
	struct cib *cib;
	guint source;
	cib_callback_fn fn;
	void *data;
	int rc;
	xmlDoc *output;
	char *error;
};

static void free_answer(struct deferred_answer *a)
{
	if (a->output != NULL) {
		xmlFreeDoc(a->output);
	}
	free(a->error);
	free(a);
}

static gboolean deliver_answer(gpointer user_data)
{
	struct deferred_answer *a = user_data;
	struct file_state *fs = state_of(a->cib);

	fs->pending = g_list_remove(fs->pending, a);
	a->fn(a->cib, a->rc, a->output != NULL ? xmlDocGetRootElement(a->output) : NULL, a->error,
	      a->data);
	free_answer(a);
	return G_SOURCE_REMOVE;
}

/* Done at once; the answer still comes from the main loop, as from the
 * daemon, so callers need no second code path. */
static int file_request_async(struct cib *cib, const struct cib_op_request *req, cib_callback_fn fn,
			      void *data)
{
	struct deferred_answer *a = calloc(1, sizeof(*a));

	if (a == NULL) {
		return -ENOMEM;
	}
	a->cib = cib;
	a->fn = fn;
	a->data = data;
	a->rc = file_request(cib, req, 0, &a->output, &a->error);
	if (fn == NULL) {
		free_answer(a);
		return 0;
	}
	a->source = g_idle_add(deliver_answer, a);
	state_of(cib)->pending = g_list_prepend(state_of(cib)->pending, a);
	return 0;
}

static int file_attach(struct cib *cib)
{
	return 0;
}

static void file_close(struct cib *cib)
{
	struct file_state *fs = state_of(cib);

	if (fs == NULL) {
		return;
	}
	for (GList *l = fs->pending; l != NULL; l = l->next) {
		struct deferred_answer *a = l->data;

		g_source_remove(a->source);
		free_answer(a);
	}
	g_list_free(fs->pending);
	if (fs->doc != NULL) {
		xmlFreeDoc(fs->doc);
	}
	free(fs->damage);
	free(fs->path);
	free(fs);
	cib->state = NULL;
}

const struct cib_backend cib_file_backend = {
	.request = file_request,
	.request_async = file_request_async,
	.attach = file_attach,
	.close = file_close,
};
