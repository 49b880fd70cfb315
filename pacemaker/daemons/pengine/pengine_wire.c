/*
 * The pengine messages (see pengine.h): requests and replies built and
 * read in one place, so the daemon and its clients agree.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include "pengine.h"

#define REQUEST "pe_request"
#define REPLY "pe_reply"
#define GRAPH "transition_graph"

void pengine_result_clear(struct pengine_result *r)
{
	if (r == NULL) {
		return;
	}
	pcmk_xml_free(r->graph);
	free(r->error);
	free(r->input);
	memset(r, 0, sizeof(*r));
}

/* Append a deep copy of @node as the last child of @parent.  Returns 0 or
 * -ENOMEM. */
static int add_copy(xmlNode *parent, const xmlNode *node)
{
	xmlNode *copy = xmlDocCopyNode((xmlNode *)node, parent->doc, 1);

	if (copy == NULL) {
		return -ENOMEM;
	}
	if (xmlAddChild(parent, copy) == NULL) {
		xmlFreeNode(copy);
		return -ENOMEM;
	}
	return 0;
}

xmlNode *pengine_request_new(const xmlNode *cib, int transition_id)
{
	xmlNode *msg;

	if (cib == NULL || cib->type != XML_ELEMENT_NODE || transition_id < 0) {
		return NULL;
	}
	msg = pcmk_xml_new_root(REQUEST);
	if (msg == NULL || pcmk_xml_set_attr_int(msg, "transition_id", transition_id) < 0 ||
	    add_copy(msg, cib) < 0) {
		pcmk_xml_free(msg);
		return NULL;
	}
	return msg;
}

/* A malloc'd message (free()), NULL when memory runs out. */
static char *message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *message(const char *fmt, ...)
{
	char *text = NULL;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&text, fmt, ap);
	va_end(ap);
	return rc < 0 ? NULL : text;
}

int pengine_request_parse(const xmlNode *msg, int *transition_id, const xmlNode **cib, char **error)
{
	long long id = 0;
	int rc;

	*cib = NULL;
	*error = NULL;
	if (!pcmk_xml_is(msg, REQUEST)) {
		*error = message("not a scheduler request: the message is <%s>, not <" REQUEST ">",
				 msg != NULL ? (const char *)msg->name : "nothing");
		return -EINVAL;
	}
	rc = pcmk_xml_attr_int(msg, "transition_id", &id);
	if (rc == -EINVAL || rc == -ERANGE || (rc == 0 && (id < 0 || id > INT_MAX))) {
		*error = message("bad transition_id \"%s\" in the request: a number from 0 is "
				 "expected",
				 pcmk_xml_attr(msg, "transition_id"));
		return -EINVAL;
	}
	*cib = pcmk_xml_first_child(msg, NULL);
	if (*cib == NULL) {
		*error = strdup("the request carries no CIB: <" REQUEST "> has no child element");
		return -EINVAL;
	}
	*transition_id = (int)id;
	return 0;
}

/* Add one <@name>@text</@name> per message. */
static int add_messages(xmlNode *reply, const char *name, const char *const *texts, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		xmlNode *child = pcmk_xml_add_child(reply, name);

		if (child == NULL) {
			return -ENOMEM;
		}
		xmlNodeAddContent(child, (const xmlChar *)texts[i]);
	}
	return 0;
}

static int fill_reply(xmlNode *reply, const struct pengine_reply_data *data)
{
	if (pcmk_xml_set_attr_int(reply, "transition_id", data->transition_id) < 0 ||
	    pcmk_xml_set_attr_int(reply, "rc", data->rc) < 0 ||
	    pcmk_xml_set_attr_int(reply, "config_errors", data->n_errors) < 0 ||
	    pcmk_xml_set_attr_int(reply, "config_warnings", data->n_warnings) < 0) {
		return -ENOMEM;
	}
	if (data->error != NULL && pcmk_xml_set_attr(reply, "error", data->error) < 0) {
		return -ENOMEM;
	}
	if (data->input != NULL && pcmk_xml_set_attr(reply, "input", data->input) < 0) {
		return -ENOMEM;
	}
	if (data->graph != NULL && add_copy(reply, data->graph) < 0) {
		return -ENOMEM;
	}
	if (add_messages(reply, "config_error", data->errors, data->n_errors) < 0) {
		return -ENOMEM;
	}
	return add_messages(reply, "config_warning", data->warnings, data->n_warnings);
}

xmlNode *pengine_reply_new(const struct pengine_reply_data *data)
{
	xmlNode *reply = pcmk_xml_new_root(REPLY);

	if (reply != NULL && fill_reply(reply, data) < 0) {
		pcmk_xml_free(reply);
		return NULL;
	}
	return reply;
}

static int count_children(const xmlNode *reply, const char *name)
{
	int n = 0;

	for (xmlNode *c = pcmk_xml_first_child(reply, name); c != NULL;
	     c = pcmk_xml_next(c, true)) {
		n++;
	}
	return n;
}

static int protocol_error(struct pengine_result *out, const char *what)
{
	out->rc = -EPROTO;
	out->error = message("unreadable reply from the scheduler: %s", what);
	return -EPROTO;
}

static void read_optional(const xmlNode *reply, struct pengine_result *out)
{
	const char *error = pcmk_xml_attr(reply, "error");
	const char *input = pcmk_xml_attr(reply, "input");
	long long id = 0;

	if (pcmk_xml_attr_int(reply, "transition_id", &id) == 0 && id >= 0 && id <= INT_MAX) {
		out->transition_id = (int)id;
	}
	out->error = error != NULL ? strdup(error) : NULL;
	out->input = input != NULL ? strdup(input) : NULL;
	out->config_errors = count_children(reply, "config_error");
	out->config_warnings = count_children(reply, "config_warning");
}

int pengine_reply_parse(const xmlNode *reply, struct pengine_result *out)
{
	const xmlNode *graph;
	long long rc = 0;

	pengine_result_clear(out);
	if (!pcmk_xml_is(reply, REPLY)) {
		return protocol_error(out, "not a <" REPLY ">");
	}
	if (pcmk_xml_attr_int(reply, "rc", &rc) < 0 || rc > 0 || rc < INT_MIN) {
		return protocol_error(out, "no valid rc attribute");
	}
	graph = pcmk_xml_first_child(reply, GRAPH);
	if (rc == 0 && graph == NULL) {
		return protocol_error(out, "success without a <" GRAPH ">");
	}
	read_optional(reply, out);
	out->rc = (int)rc;
	if (rc == 0) {
		out->graph = pcmk_xml_copy(graph);
		if (out->graph == NULL) {
			out->rc = -ENOMEM;
		}
	} else if (out->error == NULL) {
		out->error = strdup("the scheduler gave no reason");
	}
	return out->rc;
}
