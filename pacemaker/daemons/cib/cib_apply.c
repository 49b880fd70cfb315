/*
 * One operation on the daemon's CIB: performed, logged, notified and
 * scheduled for the disk.  Every node runs the same updates in the same
 * order through here, so every node's CIB stays the same.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/version.h>
#include <crm/common/log.h>
#include <crm/common/results.h>
#include "cib_daemon.h"

static void log_change(const struct cib_daemon *d, const struct cib_op_request *req, int rc,
		       const struct cib_op_result *res)
{
	struct cib_version v = { 0, 0, 0 };
	char version[64];

	cib_version_get(xmlDocGetRootElement(d->cib), &v);
	if (rc < 0) {
		pcmk_info("%s from %s/%s refused: %s%s%s", cib_op_name(req->op),
			  req->origin != NULL ? req->origin : "local",
			  req->client != NULL ? req->client : "unknown", pcmk_strerror(rc),
			  res->error != NULL ? ": " : "", res->error != NULL ? res->error : "");
	} else if (res->patch != NULL) {
		pcmk_info("%s from %s/%s applied: version %s%s", cib_op_name(req->op),
			  req->origin != NULL ? req->origin : "local",
			  req->client != NULL ? req->client : "unknown",
			  cib_version_to_string(&v, version, sizeof(version)),
			  res->config_changed ? " (configuration changed)" : "");
	}
}

int cib_apply(struct cib_daemon *d, const struct cib_op_request *req, struct cib_pending *p)
{
	struct cib_op_result res = { 0 };
	int rc = cib_op_perform(&d->cib, req, &res);

	log_change(d, req, rc, &res);
	if (cib_op_is_write(req->op)) {
		cib_clients_notify(d, cib_op_name(req->op), rc, req->origin, req->client,
				   res.patch);
	}
	if (rc == 0 && res.patch != NULL) {
		cib_persist_changed(d);
	}
	if (p != NULL) {
		p->rc = rc;
		p->output = res.output;
		res.output = NULL;
		p->error = res.error;
		res.error = NULL;
	}
	cib_op_result_clear(&res);
	return rc;
}
