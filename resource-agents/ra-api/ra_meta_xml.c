/*
 * Parsing meta-data and validating it against the RELAX NG schema, with
 * libxml2's messages turned into findings instead of being printed.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "ra_meta.h"

/* libxml2 messages end in a newline; findings are one line each. */
static void add_libxml_error(struct ra_report *report, const xmlError *err, const char *prefix)
{
	char msg[1024];
	const xmlNode *node = err->node;
	size_t n;
	enum ra_severity sev = err->level == XML_ERR_WARNING ? RA_WARNING : RA_ERROR;

	snprintf(msg, sizeof(msg), "%s%s", prefix, err->message ? err->message : "unknown error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (node != NULL && node->type == XML_ELEMENT_NODE) {
		ra_report_add(report, sev, node, "%s", msg);
		return;
	}
	ra_report_add_at(report, sev, err->line, NULL, msg);
}

static void parse_error_cb(void *data, xmlErrorPtr err)
{
	/* An unreadable DOCTYPE system id is not the agent's fault: the DTD is
	   never loaded (the schema replaces it). */
	if (err->level == XML_ERR_WARNING && err->code == XML_IO_LOAD_ERROR)
		return;
	add_libxml_error(data, err, "not well-formed: ");
}

static void schema_error_cb(void *data, xmlErrorPtr err)
{
	add_libxml_error(data, err, "schema: ");
}

static void validity_error_cb(void *data, xmlErrorPtr err)
{
	add_libxml_error(data, err, "");
}

int ra_meta_parse(const char *buf, size_t len, struct ra_report *report, xmlDoc **doc)
{
	unsigned before = report->errors;

	if (len > INT32_MAX)
		return -EFBIG;
	xmlSetStructuredErrorFunc(report, parse_error_cb);
	*doc = xmlReadMemory(buf, (int)len, "meta-data", NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (*doc != NULL && report->errors == before)
		return 0;
	if (report->errors == before)
		ra_report_add_at(report, RA_ERROR, 0, NULL, "not well-formed: empty document");
	xmlFreeDoc(*doc);
	*doc = NULL;
	return -EINVAL;
}

int ra_meta_schema_load(const char *path, struct ra_report *report, xmlRelaxNG **schema)
{
	xmlRelaxNGParserCtxt *ctxt;

	*schema = NULL;
	if (access(path, R_OK) != 0)
		return -errno;
	ctxt = xmlRelaxNGNewParserCtxt(path);
	if (ctxt == NULL)
		return -ENOMEM;
	xmlRelaxNGSetParserStructuredErrors(ctxt, schema_error_cb, report);
	*schema = xmlRelaxNGParse(ctxt);
	xmlRelaxNGFreeParserCtxt(ctxt);
	return *schema == NULL ? -EINVAL : 0;
}

int ra_meta_validate(xmlRelaxNG *schema, xmlDoc *doc, struct ra_report *report)
{
	xmlRelaxNGValidCtxt *ctxt = xmlRelaxNGNewValidCtxt(schema);
	unsigned before = report->errors;
	int rc;

	if (ctxt == NULL)
		return -ENOMEM;
	xmlRelaxNGSetValidStructuredErrors(ctxt, validity_error_cb, report);
	rc = xmlRelaxNGValidateDoc(ctxt, doc);
	xmlRelaxNGFreeValidCtxt(ctxt);
	/* a failure libxml2 did not explain still makes the document invalid */
	if (rc != 0 && report->errors == before)
		ra_report_add_at(report, RA_ERROR, 0, NULL, "does not match the schema");
	return 0;
}

xmlNode *ra_xml_next(xmlNode *parent, xmlNode *after, const char *name)
{
	xmlNode *n = after != NULL ? after->next : parent->children;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (name == NULL || strcmp((const char *)n->name, name) == 0)
			return n;
	}
	return NULL;
}

char *ra_xml_attr(const xmlNode *node, const char *attr)
{
	return (char *)xmlGetProp(node, BAD_CAST attr);
}
