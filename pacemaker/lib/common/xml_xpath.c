/*
 * XPath queries over a document, as cibadmin --xpath and the CIB daemon's
 * section lookups need them.  Expressions may come from the command line,
 * so a bad one is an ordinary error, never a crash or a line on stderr.
 */
#include <errno.h>
#include <stdlib.h>
#include <libxml/xpath.h>

#include <crm/common/xml.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError *xpath_error_t;
#else
typedef xmlError *xpath_error_t;
#endif

/* The caller learns of a bad expression from the return code; libxml2's
 * own reports would otherwise go to stderr. */
static void ignore_error(void *data, xpath_error_t err)
{
}

static void ignore_generic(void *data, const char *fmt, ...)
{
}

/* Some evaluation errors (an unknown function) bypass the context's
 * handler, so the generic one is silenced too, for this call only. */
static xmlXPathObject *quiet_eval(const char *xpath, xmlXPathContext *ctx)
{
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_data = xmlGenericErrorContext;
	xmlXPathObject *result;

	ctx->error = ignore_error;
	xmlSetGenericErrorFunc(NULL, ignore_generic);
	result = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	xmlSetGenericErrorFunc(saved_data, saved);
	return result;
}

/* Returns the node-set result of @xpath, or NULL when the expression is
 * invalid or memory runs out (caller frees with xmlXPathFreeObject()). */
static xmlXPathObject *evaluate(xmlDoc *doc, const char *xpath)
{
	xmlXPathContext *ctx;
	xmlXPathObject *result;

	if (doc == NULL || xpath == NULL) {
		return NULL;
	}
	ctx = xmlXPathNewContext(doc);
	if (ctx == NULL) {
		return NULL;
	}
	result = quiet_eval(xpath, ctx);
	xmlXPathFreeContext(ctx);
	if (result != NULL && result->type != XPATH_NODESET) {
		xmlXPathFreeObject(result);
		return NULL;
	}
	return result;
}

/* The element a match stands for, or NULL (e.g. namespace nodes). */
static xmlNode *match_element(xmlNode *match)
{
	switch (match->type) {
	case XML_ELEMENT_NODE:
		return match;
	case XML_DOCUMENT_NODE:
		return xmlDocGetRootElement((xmlDoc *)match);
	case XML_ATTRIBUTE_NODE:
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
	case XML_COMMENT_NODE:
	case XML_PI_NODE:
		return pcmk_xml_is(match->parent, NULL) ? match->parent : NULL;
	default:
		return NULL;
	}
}

static int set_size(const xmlXPathObject *result)
{
	return result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;
}

int pcmk_xml_xpath_first(xmlDoc *doc, const char *xpath, xmlNode **match)
{
	xmlXPathObject *result = evaluate(doc, xpath);
	int rc = -ENOENT;

	if (match == NULL || result == NULL) {
		xmlXPathFreeObject(result);
		return -EINVAL;
	}
	*match = NULL;
	for (int i = 0; i < set_size(result) && *match == NULL; i++) {
		*match = match_element(result->nodesetval->nodeTab[i]);
	}
	if (*match != NULL) {
		rc = 0;
	}
	xmlXPathFreeObject(result);
	return rc;
}

int pcmk_xml_xpath_all(xmlDoc *doc, const char *xpath, xmlNode ***matches)
{
	xmlXPathObject *result = evaluate(doc, xpath);
	int total, count = 0;

	if (matches == NULL || result == NULL) {
		xmlXPathFreeObject(result);
		return -EINVAL;
	}
	*matches = NULL;
	total = set_size(result);
	if (total > 0) {
		*matches = calloc((size_t)total, sizeof(**matches));
		if (*matches == NULL) {
			xmlXPathFreeObject(result);
			return -ENOMEM;
		}
	}
	for (int i = 0; i < total; i++) {
		xmlNode *element = match_element(result->nodesetval->nodeTab[i]);

		if (element != NULL) {
			(*matches)[count++] = element;
		}
	}
	xmlXPathFreeObject(result);
	if (count == 0) {
		free(*matches);
		*matches = NULL;
	}
	return count;
}
