/*
 * Reading the CIB crm_verify is asked to check.  Unlike the strict parser
 * of libcrmcommon, this one reports each of libxml2's complaints in
 * libxml2's own words (the source line and the caret included) and keeps
 * what libxml2 can recover from a document that is not well-formed, so
 * that the schema check can still say what else is wrong with it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <crm/common/xml_escape.h>
#include <crm/pengine/verify.h>

#define PARSE_OPTIONS (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOBLANKS)

/* libxml2 hands its formatted complaints over in pieces; they are joined
 * here and split into lines once parsing is over. */
static void collect(void *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_string_append_vprintf(ctx, fmt, ap);
	va_end(ap);
}

static void report_lines(struct pe_verify_report *report, const GString *text)
{
	gchar **lines = g_strsplit(text->str, "\n", -1);

	/* The text ends with a newline, so the last piece is empty. */
	for (int i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++) {
		pe_verify_add(report, "log_xmllib_err", PE_VERIFY_ERROR, PE_VERIFY_NOTE,
			      "XML Error: %s", lines[i]);
	}
	g_strfreev(lines);
}

static void open_tag(GString *line, const xmlNode *node, bool empty)
{
	g_string_append_printf(line, "<%s", (const char *)node->name);
	for (const xmlAttr *a = node->properties; a != NULL; a = a->next) {
		xmlChar *value = xmlNodeGetContent((const xmlNode *)a);

		g_string_append_printf(line, " %s=\"", (const char *)a->name);
		pcmk_xml_escape_append(line, value ? (const char *)value : "", SIZE_MAX, true);
		g_string_append_c(line, '"');
		xmlFree(value);
	}
	g_string_append(line, empty ? "/>" : ">");
}

static bool has_element_child(const xmlNode *node)
{
	for (const xmlNode *c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			return true;
		}
	}
	return false;
}

/* What was recovered, one element per line, indented by depth. */
static void report_partial(struct pe_verify_report *report, const char *tag, const xmlNode *node,
			   int depth)
{
	bool empty = !has_element_child(node);
	GString *line = g_string_new(NULL);

	open_tag(line, node, empty);
	pe_verify_add(report, tag, PE_VERIFY_ERROR, PE_VERIFY_NOTE, "Partial %*s%s", 2 * depth, "",
		      line->str);
	g_string_free(line, TRUE);
	if (empty) {
		return;
	}
	for (const xmlNode *c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			report_partial(report, tag, c, depth + 1);
		}
	}
	pe_verify_add(report, tag, PE_VERIFY_ERROR, PE_VERIFY_NOTE, "Partial %*s</%s>", 2 * depth,
		      "", (const char *)node->name);
}

static char *last_error_text(const xmlError *err)
{
	char *text = g_strdup(err->message ? err->message : "");

	g_strchomp(text);
	return text;
}

/* Where the document came from: a file names itself, a string shows its
 * size and text (as the messages of pacemaker's two parsers differ). */
struct source {
	const char *path; /* NULL for text */
	const char *text;
	size_t len;
};

static void report_failure(struct pe_verify_report *report, const struct source *src,
			   const xmlError *err, xmlDoc *doc)
{
	const char *tag = src->path ? "filename2xml" : "string2xml";
	const char *how = doc ? "fully " : "";

	if (src->path != NULL) {
		char *why = last_error_text(err);

		pe_verify_add(report, tag, PE_VERIFY_ERROR, PE_VERIFY_NOTE,
			      "Parsing failed (domain=%d, level=%d, code=%d): %s", err->domain,
			      err->level, err->code, why);
		g_free(why);
		pe_verify_add(report, tag, PE_VERIFY_ERROR, PE_VERIFY_NOTE, "Couldn't %sparse %s",
			      how, src->path);
	} else if (doc != NULL) {
		/* pacemaker's string parser says nothing of its own when nothing
		 * at all could be read */
		pe_verify_add(report, tag, PE_VERIFY_ERROR, PE_VERIFY_NOTE,
			      "Couldn't %sparse %zu chars: %.*s", how, src->len, (int)src->len,
			      src->text);
	}
	if (doc != NULL && xmlDocGetRootElement(doc) != NULL) {
		report_partial(report, tag, xmlDocGetRootElement(doc), 1);
	}
}

static xmlDoc *read_source(xmlParserCtxt *ctxt, const struct source *src)
{
	if (src->path != NULL) {
		return xmlCtxtReadFile(ctxt, src->path, NULL, PARSE_OPTIONS);
	}
	if (src->len > (size_t)G_MAXINT) {
		return NULL;
	}
	return xmlCtxtReadMemory(ctxt, src->text, (int)src->len, NULL, NULL, PARSE_OPTIONS);
}

static int parse(const struct source *src, struct pe_verify_report *report, xmlDoc **doc)
{
	xmlGenericErrorFunc saved_func = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	GString *complaints = g_string_new(NULL);
	xmlParserCtxt *ctxt = xmlNewParserCtxt();

	*doc = NULL;
	if (ctxt == NULL) {
		g_string_free(complaints, TRUE);
		return -ENOMEM;
	}
	xmlSetGenericErrorFunc(complaints, collect);
	*doc = read_source(ctxt, src);
	xmlSetGenericErrorFunc(saved_ctx, saved_func);
	report_lines(report, complaints);
	g_string_free(complaints, TRUE);
	if (ctxt->lastError.code != XML_ERR_OK) {
		report_failure(report, src, &ctxt->lastError, *doc);
	}
	xmlFreeParserCtxt(ctxt);
	if (*doc != NULL && xmlDocGetRootElement(*doc) == NULL) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return (*doc == NULL) ? -EINVAL : 0;
}

int pe_verify_parse_file(const char *path, struct pe_verify_report *report, xmlDoc **doc)
{
	struct source src = { .path = path };

	return parse(&src, report, doc);
}

int pe_verify_parse_text(const char *text, size_t len, struct pe_verify_report *report,
			 xmlDoc **doc)
{
	struct source src = { .text = text, .len = len };

	return parse(&src, report, doc);
}
