/*
 * The pengine daemon's protocol and its client side (for the controller).
 *
 * The daemon serves IPC name "pengine".  One request, one reply:
 *
 *   request:  <pe_request transition_id="N">
 *               <cib ...> ... </cib>          the whole CIB, status included
 *             </pe_request>
 *
 *   reply:    <pe_reply transition_id="N" rc="0" input="PATH"
 *                       config_errors="E" config_warnings="W">
 *               <transition_graph transition_id="N" ...> ... </transition_graph>
 *               <config_error>text</config_error> ...      (E of them)
 *               <config_warning>text</config_warning> ...  (W of them)
 *             </pe_reply>
 *
 * rc is 0 when a graph was calculated (configuration errors may still be
 * reported: the graph then does what the valid part of the configuration
 * asks), or a negative errno / PCMK_E_* code (crm/common/results.h) with
 * error="text" naming the problem and no graph: -EINVAL for a request
 * that is not a <pe_request>, carries no CIB or a bad transition_id, or a
 * CIB the scheduler cannot read; -PCMK_E_SCHEMA for a CIB that does not
 * conform to its schema.  input is the file the input was saved in
 * (absent when the series keeps no files).  transition_id is the
 * request's (0 when it had none).
 *
 * Everything here is free of global state; nothing prints.
 */
#ifndef PENGINE_H
#define PENGINE_H

#include <stdbool.h>
#include <libxml/tree.h>

#include <crm/common/ipc.h>

#define PENGINE_IPC_NAME "pengine"

/* What a reply says, parsed.  Zero-initialise before the first use. */
struct pengine_result {
	int rc;            /* as in the reply; 0 when there is a graph */
	int transition_id; /* the request's */
	xmlNode *graph;    /* <transition_graph>, root of its own document */
	char *error;       /* why there is no graph (rc < 0), else NULL */
	char *input;       /* the saved input's path, or NULL */
	int config_errors, config_warnings;
};

/* Free what @r holds and zero it.  NULL is a no-op. */
void pengine_result_clear(struct pengine_result *r);

/* A request for scheduling @cib (copied) as transition @transition_id
 * (>= 0).  Returns the <pe_request> (caller frees with pcmk_xml_free()),
 * or NULL when @cib is not an element, @transition_id < 0 or memory runs
 * out. */
xmlNode *pengine_request_new(const xmlNode *cib, int transition_id);

/* Read @reply (a <pe_reply>) into @out (cleared first).  Returns out->rc
 * (0 or the daemon's negative code), or -EPROTO when @reply is not a
 * reply, lacks rc, or says rc="0" without a graph; out->error then names
 * the problem. */
int pengine_reply_parse(const xmlNode *reply, struct pengine_result *out);

/* Schedule @cib over @conn (a connection to PENGINE_IPC_NAME), waiting
 * up to @timeout_ms: pengine_request_new(), pcmk_ipc_call() and
 * pengine_reply_parse() in one.  Returns 0 with out->graph, the daemon's
 * negative code with out->error, or the IPC error (-ETIMEDOUT,
 * -ENOTCONN, ...) with out->error saying so.  @out is cleared first. */
int pengine_client_calc(struct pcmk_ipc_conn *conn, const xmlNode *cib, int transition_id,
			int timeout_ms, struct pengine_result *out);

/* ---- used by the daemon ---- */

/* What the daemon found, to be sent back. */
struct pengine_reply_data {
	int rc;
	int transition_id;
	const char *error;           /* rc < 0 */
	const xmlNode *graph;        /* rc == 0 (copied into the reply) */
	const char *input;           /* NULL: not saved */
	const char *const *errors;   /* n_errors configuration errors */
	const char *const *warnings; /* n_warnings warnings */
	unsigned int n_errors, n_warnings;
};

/* Build the <pe_reply> for @data.  Returns it (caller frees with
 * pcmk_xml_free()), or NULL when memory runs out. */
xmlNode *pengine_reply_new(const struct pengine_reply_data *data);

/* Read request @msg: *@transition_id (0 when absent) and *@cib (the
 * first child element, a node of @msg).  Returns 0, or -EINVAL with
 * *@error (caller frees with free()) naming the problem. */
int pengine_request_parse(const xmlNode *msg, int *transition_id, const xmlNode **cib,
			  char **error);

#endif /* PENGINE_H */
