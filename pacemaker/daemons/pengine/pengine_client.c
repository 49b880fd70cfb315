/*
 * The client side of the pengine daemon: send a CIB, get the graph.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "pengine.h"

static int call_failed(struct pengine_result *out, int rc, const char *what)
{
	out->rc = rc;
	if (asprintf(&out->error, "%s: %s", what, pcmk_strerror(rc)) < 0) {
		out->error = NULL;
	}
	return rc;
}

int pengine_client_calc(struct pcmk_ipc_conn *conn, const xmlNode *cib, int transition_id,
			int timeout_ms, struct pengine_result *out)
{
	xmlNode *request;
	xmlDoc *reply = NULL;
	int rc;

	pengine_result_clear(out);
	if (conn == NULL) {
		return call_failed(out, -EINVAL, "no connection to the scheduler");
	}
	request = pengine_request_new(cib, transition_id);
	if (request == NULL) {
		return call_failed(out, cib == NULL || transition_id < 0 ? -EINVAL : -ENOMEM,
				   "cannot build the scheduler request");
	}
	rc = pcmk_ipc_call(conn, request, timeout_ms, &reply);
	pcmk_xml_free(request);
	if (rc < 0) {
		return call_failed(out, rc, "no answer from the scheduler");
	}
	rc = pengine_reply_parse(xmlDocGetRootElement(reply), out);
	xmlFreeDoc(reply);
	return rc;
}
