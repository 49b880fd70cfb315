/*
 * Reading the CIB a tool was pointed at (crm/cib/input.h): one place for
 * the -x / -X / -p / -L choice that crm_simulate and crm_verify share.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include <crm/cib.h>
#include <crm/cib/input.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

static int parse_file(const struct cib_input_parser *parser, const char *path, xmlDoc **doc,
		      char **error)
{
	if (parser->file != NULL) {
		return parser->file(path, parser->data, doc, error);
	}
	return pcmk_xml_parse_file(path, doc, error);
}

static int parse_text(const struct cib_input_parser *parser, const char *text, size_t len,
		      xmlDoc **doc, char **error)
{
	if (parser->text != NULL) {
		return parser->text(text, len, parser->data, doc, error);
	}
	return pcmk_xml_parse(text, len, doc, error);
}

static int read_stdin(const struct cib_input_parser *parser, xmlDoc **doc, char **error)
{
	GString *buf = g_string_new(NULL);
	char chunk[4096];
	size_t n;
	int rc;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		g_string_append_len(buf, chunk, (gssize)n);
	}
	rc = parse_text(parser, buf->str, buf->len, doc, error);
	g_string_free(buf, TRUE);
	return rc;
}

static int query_live(const char *client, xmlDoc **doc, char **error)
{
	struct cib *cib = NULL;
	struct cib_op_request req = { .op = CIB_OP_QUERY };
	int rc = cib_open(client, true, &cib);

	if (rc != 0) {
		*error = g_strdup_printf("Could not connect to the CIB: %s", pcmk_strerror(rc));
		return rc;
	}
	rc = cib_request(cib, &req, 0, doc, error);
	cib_close(cib);
	if ((rc == 0) && (*doc == NULL)) {
		*error = g_strdup("The CIB query returned no document");
		rc = -ENODATA;
	}
	return rc;
}

/* A tool with its own text reader gets the live CIB as text. */
static int read_live(const struct cib_input *in, const struct cib_input_parser *parser,
		     xmlDoc **doc, char **error)
{
	xmlDoc *live = NULL;
	char *text;
	int rc = query_live(in->client, &live, error);

	if (rc != 0) {
		xmlFreeDoc(live); /* a failure report, when there is one */
		return rc;
	}
	if (parser->text == NULL) {
		*doc = live;
		return 0;
	}
	text = pcmk_xml_to_string(xmlDocGetRootElement(live), true);
	xmlFreeDoc(live);
	if (text == NULL) {
		return -ENOMEM;
	}
	rc = parse_text(parser, text, strlen(text), doc, error);
	free(text);
	return rc;
}

static int read_from(const struct cib_input *in, const struct cib_input_parser *parser,
		     xmlDoc **doc, char **error)
{
	if (in->file != NULL) {
		return parse_file(parser, in->file, doc, error);
	}
	if (in->text != NULL) {
		return parse_text(parser, in->text, strlen(in->text), doc, error);
	}
	if (in->from_stdin) {
		return read_stdin(parser, doc, error);
	}
	return read_live(in, parser, doc, error);
}

int cib_input_read(const struct cib_input *in, const struct cib_input_parser *parser, xmlDoc **doc,
		   char **error)
{
	static const struct cib_input_parser strict = { NULL, NULL, NULL };
	char *unwanted = NULL;
	int rc;

	if (error != NULL) {
		*error = NULL;
	}
	if ((in == NULL) || (doc == NULL)) {
		return -EINVAL;
	}
	*doc = NULL;
	rc = read_from(in, (parser == NULL) ? &strict : parser, doc,
		       (error == NULL) ? &unwanted : error);
	free(unwanted);
	return rc;
}
