/*
 * The messages between the CIB client library and the cib daemon, and
 * between cib daemons.  Ours alone (no outside program reads them), kept
 * in one place so that both ends agree:
 *
 *   request  <cib_command cib_op="cib_modify" cib_section="resources"
 *                cib_xpath="..." cib_callopt="0x1" cib_clientname="cibadmin">
 *              <cib_calldata>...</cib_calldata></cib_command>
 *   reply    <cib_reply cib_op="..." cib_rc="-6" cib_error="...">
 *              <cib_calldata>output</cib_calldata></cib_reply>
 *   change   <cib_notify cib_op="..." cib_rc="0" cib_origin="node1"
 *              cib_clientname="cibadmin"><cib_calldata><diff .../></cib_calldata></cib_notify>
 */
#ifndef CIB_WIRE_H
#define CIB_WIRE_H

#include <libxml/tree.h>

#include <crm/cib/ops.h>

/* Request names beyond the CIB operations. */
#define CIB_WIRE_OP_SUBSCRIBE "cib_notify"

/* @req as a request message from client @client_name.  Returns it (caller
 * frees with pcmk_xml_free()) or NULL on OOM. */
xmlNode *cib_wire_request(const struct cib_op_request *req, const char *client_name);

/* Read request @msg into @req, whose strings and data point into @msg
 * (valid while @msg lives).  Returns 0, or -EINVAL naming the problem in
 * *@error (malloc'd; caller frees): not a request, unknown operation,
 * bad options. */
int cib_wire_request_parse(const xmlNode *msg, struct cib_op_request *req, char **error);

/* The client name a request carries ("unknown" when none). */
const char *cib_wire_request_client(const xmlNode *msg);

/* A reply to operation @op with result @rc, explanation @error (may be
 * NULL) and output @output (copied; may be NULL).  Caller frees. */
xmlNode *cib_wire_reply(const char *op, int rc, const char *error, const xmlNode *output);

/* Read reply @msg: returns the operation's result (0 or negative) and
 * points *@output at the output inside @msg (NULL when none) and *@error
 * at the explanation inside @msg (NULL when none).  A message that is not
 * a reply gives -EPROTO. */
int cib_wire_reply_parse(const xmlNode *msg, const xmlNode **output, const char **error);

/* A change notification.  Caller frees. */
xmlNode *cib_wire_change(const char *op, int rc, const char *origin, const char *client,
			 const xmlNode *patch);

/* The element inside <cib_calldata> of @msg, or NULL. */
xmlNode *cib_wire_calldata(const xmlNode *msg);

/* Put a copy of @data inside a new <cib_calldata> of @msg.  0 or -ENOMEM. */
int cib_wire_set_calldata(xmlNode *msg, const xmlNode *data);

/* As cib_wire_set_calldata(), moving @data (the root of its own
 * document, which is consumed) instead of copying it: for large answers.
 * 0 or -ENOMEM. */
int cib_wire_move_calldata(xmlNode *msg, xmlNode *data);

/* The text of cib_wire_reply(@op, 0, NULL, @output), written without
 * copying @output into a tree: for answers as large as the CIB.  Sets
 * *@len; caller frees.  NULL on OOM. */
char *cib_wire_reply_text(const char *op, const xmlNode *output, size_t *len);

#endif /* CIB_WIRE_H */
