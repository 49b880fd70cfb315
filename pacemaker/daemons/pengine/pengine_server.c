/*
 * The pengine daemon's IPC server: a request is scheduled at once (the
 * daemon has nothing else to do), its input saved in the series its
 * outcome calls for, the outcome logged and sent back.  A bad request
 * only ever costs its sender an error reply.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <crm/common/log.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "pengine.h"
#include "pengine_daemon.h"

/* The scheduler writes files for each request: only the cluster's own
 * processes (root, its account and group) may make it. */
static int accept_client(uid_t uid, gid_t gid, void *data)
{
	if (pcmk_ipc_cluster_user(uid, gid)) {
		return 0;
	}
	pcmk_warn("Refused a scheduler connection from uid %u: only root, " CLUSTER_USER
		  " and the members of " CLUSTER_GROUP " may connect",
		  (unsigned)uid);
	return -EACCES;
}

static char *input_digest(const xmlNode *cib)
{
	char *text = pcmk_xml_to_string(cib, false);
	char *digest = NULL;

	if (text != NULL) {
		digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
		free(text);
	}
	return digest;
}

/* Save the input unless it is the one saved last time (the controller
 * asks again with the same CIB, e.g. after a failed transition: pacemaker
 * does not keep such repeats either).  Returns the path it is in (g_free),
 * or NULL. */
static char *save_input(struct pengine_daemon *d, const xmlNode *cib,
			const struct pengine_calc *calc)
{
	char *digest = input_digest(cib);
	char *path = NULL;
	int rc;

	if (digest != NULL && g_strcmp0(digest, d->last_digest) == 0 && d->last_path != NULL) {
		pcmk_info("The input has not changed since the last run: not saving it again");
		g_free(digest);
		return g_strdup(d->last_path);
	}
	rc = pengine_series_save(d->dir, calc->series, calc->wrap, calc->input, &path);
	if (rc < 0 && path != NULL) {
		pcmk_err("Saved the scheduler input as %s but cannot record the next number in "
			 "%s/%s.last: %s",
			 path, d->dir, pengine_series_name(calc->series), strerror(-rc));
	} else if (rc < 0) {
		pcmk_err("Cannot save the scheduler input as the next %s file in %s: %s",
			 pengine_series_name(calc->series), d->dir, strerror(-rc));
	} else if (path == NULL) {
		pcmk_debug("Not saving the input: %s is 0", pengine_series_option(calc->series));
	}
	g_free(d->last_digest);
	g_free(d->last_path);
	d->last_digest = digest;
	d->last_path = g_strdup(path);
	return path;
}

static void log_outcome(int transition_id, const struct pengine_calc *calc, const char *path)
{
	const char *saving = path != NULL ? ", saving inputs in " : "";
	const char *where = path != NULL ? path : "";

	for (guint i = 0; calc->errors != NULL && i < calc->errors->len; i++) {
		pcmk_err("%s", (const char *)calc->errors->pdata[i]);
	}
	for (guint i = 0; calc->warnings != NULL && i < calc->warnings->len; i++) {
		pcmk_warn("%s", (const char *)calc->warnings->pdata[i]);
	}
	if (calc->rc < 0) {
		pcmk_err("Could not calculate transition %d: %s%s%s", transition_id, calc->error,
			 saving, where);
	} else if (calc->errors->len > 0) {
		pcmk_err("Calculated transition %d (with errors)%s%s", transition_id, saving,
			 where);
	} else if (calc->warnings->len > 0) {
		pcmk_warn("Calculated transition %d (with warnings)%s%s", transition_id, saving,
			  where);
	} else {
		pcmk_notice("Calculated transition %d%s%s", transition_id, saving, where);
	}
}

static xmlNode *calc_reply(int transition_id, const struct pengine_calc *calc, const char *path)
{
	struct pengine_reply_data data = {
		.rc = calc->rc,
		.transition_id = transition_id,
		.error = calc->error,
		.graph = calc->graph,
		.input = path,
	};

	if (calc->errors != NULL) {
		data.errors = (const char *const *)calc->errors->pdata;
		data.n_errors = calc->errors->len;
	}
	if (calc->warnings != NULL) {
		data.warnings = (const char *const *)calc->warnings->pdata;
		data.n_warnings = calc->warnings->len;
	}
	return pengine_reply_new(&data);
}

xmlNode *pengine_handle_request(struct pengine_daemon *d, const xmlNode *msg)
{
	struct pengine_calc calc;
	const xmlNode *cib = NULL;
	int transition_id = 0;
	char *error = NULL;
	char *path;
	xmlNode *reply;

	if (pengine_request_parse(msg, &transition_id, &cib, &error) < 0) {
		struct pengine_reply_data data = { .rc = -EINVAL, .error = error };

		pcmk_warn("Rejected a scheduler request: %s", error != NULL ? error : "unreadable");
		reply = pengine_reply_new(&data);
		free(error);
		return reply;
	}
	pengine_calc_run(cib, transition_id, (long long)time(NULL), &calc);
	path = save_input(d, cib, &calc);
	log_outcome(transition_id, &calc, path);
	reply = calc_reply(transition_id, &calc, path);
	g_free(path);
	pengine_calc_clear(&calc);
	return reply;
}

static void on_request(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		       xmlNode *msg, void *data)
{
	xmlNode *reply = pengine_handle_request(data, msg);

	if (reply == NULL) {
		pcmk_err("Out of memory answering scheduler client %d: dropping it",
			 (int)pcmk_ipc_client_pid(client));
		pcmk_ipc_client_disconnect(client);
		return;
	}
	if ((req->flags & (PCMK_IPC_REPLY_SYNC | PCMK_IPC_REPLY_ASYNC)) != 0) {
		int rc = pcmk_ipc_reply(client, req, reply);

		if (rc < 0) {
			pcmk_warn("Cannot answer scheduler client %d: %s",
				  (int)pcmk_ipc_client_pid(client), strerror(-rc));
		}
	}
	pcmk_xml_free(reply);
}

static const struct pcmk_ipc_server_ops server_ops = {
	.accept = accept_client,
	.request = on_request,
};

int pengine_server_start(struct pengine_daemon *d)
{
	int rc = 0;

	d->server = pcmk_ipc_server_start(d->ipc_name, &server_ops, d, &rc);
	if (d->server == NULL) {
		pcmk_err("Cannot serve IPC %s: %s", d->ipc_name, strerror(-rc));
		return rc;
	}
	return 0;
}

void pengine_server_stop(struct pengine_daemon *d)
{
	pcmk_ipc_server_stop(d->server);
	d->server = NULL;
	g_free(d->last_digest);
	g_free(d->last_path);
	d->last_digest = d->last_path = NULL;
}
