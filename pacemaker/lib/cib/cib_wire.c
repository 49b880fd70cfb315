/*
 * Building and reading the messages of crm/cib/wire.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/wire.h>
#include <crm/common/xml.h>

#define ALL_OPTIONS                                                                       \
	(CIB_OPT_XPATH | CIB_OPT_MULTIPLE | CIB_OPT_CAN_CREATE | CIB_OPT_NO_CHILDREN |    \
	 CIB_OPT_XPATH_ADDRESS | CIB_OPT_FORCE | CIB_OPT_NO_MTIME | CIB_OPT_SCOPE_LOCAL | \
	 CIB_OPT_KEEP_VERSION)

xmlNode *cib_wire_calldata(const xmlNode *msg)
{
	return pcmk_xml_first_child(pcmk_xml_first_child(msg, "cib_calldata"), NULL);
}

int cib_wire_set_calldata(xmlNode *msg, const xmlNode *data)
{
	xmlNode *holder = pcmk_xml_add_child(msg, "cib_calldata");
	xmlNode *copy;

	if (holder == NULL) {
		return -ENOMEM;
	}
	copy = xmlDocCopyNode((xmlNode *)data, msg->doc, 1);
	if (copy == NULL) {
		return -ENOMEM;
	}
	xmlAddChild(holder, copy);
	return 0;
}

/* The reply is written with an empty calldata, the last child of the
 * root, whose place the answer's text then takes. */
char *cib_wire_reply_text(const char *op, const xmlNode *output, size_t *len)
{
	static const char empty[] = "<cib_calldata/></cib_reply>";
	xmlNode *reply = cib_wire_reply(op, 0, NULL, NULL);
	char *head = NULL;
	char *answer = NULL;
	char *text = NULL;

	if (reply != NULL && pcmk_xml_add_child(reply, "cib_calldata") != NULL) {
		head = pcmk_xml_to_string(reply, false);
		answer = pcmk_xml_to_string(output, false);
	}
	size_t head_len = head != NULL ? strlen(head) : 0;
	int n;

	if (answer != NULL && head_len > strlen(empty) &&
	    strcmp(head + head_len - strlen(empty), empty) == 0) {
		head[head_len - strlen(empty)] = '\0';
		n = asprintf(&text, "%s<cib_calldata>%s</cib_calldata></cib_reply>", head, answer);
		*len = n >= 0 ? (size_t)n : 0;
		text = n >= 0 ? text : NULL;
	}
	free(head);
	free(answer);
	pcmk_xml_free(reply);
	return text;
}

int cib_wire_move_calldata(xmlNode *msg, xmlNode *data)
{
	xmlNode *holder = pcmk_xml_add_child(msg, "cib_calldata");

	if (holder == NULL) {
		pcmk_xml_free(data);
		return -ENOMEM;
	}
	return pcmk_xml_adopt(holder, data);
}

/* Set @name to @value when @value is not NULL. */
static int set_optional(xmlNode *msg, const char *name, const char *value)
{
	return value == NULL ? 0 : pcmk_xml_set_attr(msg, name, value);
}

xmlNode *cib_wire_request(const struct cib_op_request *req, const char *client_name)
{
	xmlNode *msg = pcmk_xml_new_root("cib_command");
	char options[16];
	int rc;

	if (msg == NULL) {
		return NULL;
	}
	snprintf(options, sizeof(options), "0x%x", req->options);
	rc = pcmk_xml_set_attr(msg, "t", "cib");
	rc = rc ?: pcmk_xml_set_attr(msg, "cib_op", cib_op_name(req->op));
	rc = rc ?: pcmk_xml_set_attr(msg, "cib_callopt", options);
	rc = rc ?: set_optional(msg, "cib_section", req->section);
	rc = rc ?: set_optional(msg, "cib_xpath", req->xpath);
	rc = rc ?: set_optional(msg, "cib_clientname", client_name);
	rc = rc ?: set_optional(msg, "cib_user", req->user);
	if (rc == 0 && req->data != NULL) {
		rc = cib_wire_set_calldata(msg, req->data);
	}
	if (rc < 0) {
		pcmk_xml_free(msg);
		return NULL;
	}
	return msg;
}

static int parse_options(const char *text, unsigned int *options)
{
	char *end = NULL;
	unsigned long value;

	if (text == NULL) {
		*options = 0;
		return 0;
	}
	errno = 0;
	value = strtoul(text, &end, 16);
	if (errno != 0 || end == text || *end != '\0' || (value & ~ALL_OPTIONS) != 0) {
		return -EINVAL;
	}
	*options = (unsigned int)value;
	return 0;
}

/* -EINVAL with "@problem 'value'" in *@error. */
static int request_error(char **error, const char *problem, const char *value)
{
	if (error != NULL && asprintf(error, "%s '%s'", problem, value != NULL ? value : "") < 0) {
		*error = NULL;
	}
	return -EINVAL;
}

int cib_wire_request_parse(const xmlNode *msg, struct cib_op_request *req, char **error)
{
	const char *op_name = pcmk_xml_attr(msg, "cib_op");
	const char *options = pcmk_xml_attr(msg, "cib_callopt");
	int op;

	if (error != NULL) {
		*error = NULL;
	}
	if (!pcmk_xml_is(msg, "cib_command")) {
		return request_error(
			error, "not a CIB request:", msg != NULL ? (const char *)msg->name : NULL);
	}
	op = cib_op_from_name(op_name);
	if (op < 0) {
		return request_error(error, "unknown CIB operation", op_name);
	}
	memset(req, 0, sizeof(*req));
	req->op = (enum cib_op)op;
	if (parse_options(options, &req->options) < 0) {
		return request_error(error, "bad call options", options);
	}
	req->section = pcmk_xml_attr(msg, "cib_section");
	req->xpath = pcmk_xml_attr(msg, "cib_xpath");
	req->user = pcmk_xml_attr(msg, "cib_user");
	req->client = cib_wire_request_client(msg);
	req->data = cib_wire_calldata(msg);
	return 0;
}

const char *cib_wire_request_client(const xmlNode *msg)
{
	const char *name = pcmk_xml_attr(msg, "cib_clientname");

	return name != NULL ? name : "unknown";
}

/* The shape replies and change notifications share: <@name cib_op cib_rc>
 * with @extra attribute pairs (NULL values left out) and @data, when
 * given, in its calldata.  Caller frees; NULL on OOM. */
static xmlNode *result_message(const char *name, const char *op, int rc,
			       const char *const extra[][2], size_t n_extra, const xmlNode *data)
{
	xmlNode *msg = pcmk_xml_new_root(name);
	int set;

	if (msg == NULL) {
		return NULL;
	}
	set = set_optional(msg, "cib_op", op);
	set = set ?: pcmk_xml_set_attr_int(msg, "cib_rc", rc);
	for (size_t i = 0; set == 0 && i < n_extra; i++) {
		set = set_optional(msg, extra[i][0], extra[i][1]);
	}
	if (set == 0 && data != NULL) {
		set = cib_wire_set_calldata(msg, data);
	}
	if (set < 0) {
		pcmk_xml_free(msg);
		return NULL;
	}
	return msg;
}

xmlNode *cib_wire_reply(const char *op, int rc, const char *error, const xmlNode *output)
{
	const char *const extra[][2] = { { "cib_error", error } };

	return result_message("cib_reply", op, rc, extra, 1, output);
}

int cib_wire_reply_parse(const xmlNode *msg, const xmlNode **output, const char **error)
{
	long long rc = 0;

	if (!pcmk_xml_is(msg, "cib_reply") || pcmk_xml_attr_int(msg, "cib_rc", &rc) < 0 || rc > 0 ||
	    rc < -100000) {
		return -EPROTO;
	}
	if (output != NULL) {
		*output = cib_wire_calldata(msg);
	}
	if (error != NULL) {
		*error = pcmk_xml_attr(msg, "cib_error");
	}
	return (int)rc;
}

xmlNode *cib_wire_change(const char *op, int rc, const char *origin, const char *client,
			 const xmlNode *patch)
{
	const char *const extra[][2] = { { "cib_origin", origin }, { "cib_clientname", client } };

	return result_message("cib_notify", op, rc, extra, 2, patch);
}
