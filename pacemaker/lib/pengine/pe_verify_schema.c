/*
 * The schema check of crm_verify.  libcrmcommon's validation keeps only
 * the errors an administrator needs to fix a change; crm_verify shows every
 * validity error libxml2 raises, worded and prefixed ("FILE:LINE: element
 * NAME: Relax-NG validity error : ...") as libxml2 itself does when given
 * a stdio stream, so the stream here is one in memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/relaxng.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include <crm/pengine/verify.h>

/* libxml2 formats messages itself only for a handler that is fprintf. */
#define FPRINTF_HANDLER(type) ((type)(void (*)(void))fprintf)

static char *schema_path(const char *name)
{
	const char *dir = getenv("PCMK_schema_directory");

	if (dir == NULL || dir[0] == '\0') {
		dir = PCMK_SCHEMA_DIR;
	}
	return g_strdup_printf("%s/%s.rng", dir, name);
}

/* Load the grammar of schema @name; its own parse errors go to @sink
 * (they are the installation's problem, not the CIB's). */
static xmlRelaxNGPtr load_schema(const char *name, FILE *sink)
{
	char *path = schema_path(name);
	xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGPtr schema = NULL;

	g_free(path);
	if (parser == NULL) {
		return NULL;
	}
	xmlRelaxNGSetParserErrors(parser, FPRINTF_HANDLER(xmlRelaxNGValidityErrorFunc),
				  FPRINTF_HANDLER(xmlRelaxNGValidityWarningFunc), sink);
	schema = xmlRelaxNGParse(parser);
	xmlRelaxNGFreeParserCtxt(parser);
	return schema;
}

static void report_stream(struct pe_verify_report *report, const char *text)
{
	gchar **lines = g_strsplit(text, "\n", -1);

	for (int i = 0; lines[i] != NULL; i++) {
		if (lines[i][0] != '\0') {
			pe_verify_add(report, NULL, PE_VERIFY_RAW, PE_VERIFY_NOTE, "%s", lines[i]);
		}
	}
	g_strfreev(lines);
}

/* Validate @doc against @name, libxml2's words into @stream.  Returns 0,
 * -PCMK_E_SCHEMA or -ENOENT (schema not loadable). */
static int validate(xmlDoc *doc, const char *name, FILE *stream)
{
	FILE *sink = fopen("/dev/null", "w");
	xmlRelaxNGPtr schema = load_schema(name, sink ? sink : stream);
	xmlRelaxNGValidCtxtPtr valid = NULL;
	int rc = -ENOENT;

	if (sink != NULL) {
		fclose(sink);
	}
	if (schema == NULL) {
		return rc;
	}
	valid = xmlRelaxNGNewValidCtxt(schema);
	if (valid != NULL) {
		xmlRelaxNGSetValidErrors(valid, FPRINTF_HANDLER(xmlRelaxNGValidityErrorFunc),
					 FPRINTF_HANDLER(xmlRelaxNGValidityWarningFunc), stream);
		rc = (xmlRelaxNGValidateDoc(valid, doc) == 0) ? 0 : -PCMK_E_SCHEMA;
		xmlRelaxNGFreeValidCtxt(valid);
	}
	xmlRelaxNGFree(schema);
	return rc;
}

static int validate_reporting(xmlDoc *doc, const char *name, struct pe_verify_report *report)
{
	char *text = NULL;
	size_t size = 0;
	FILE *stream = open_memstream(&text, &size);
	int rc;

	if (stream == NULL) {
		return -errno;
	}
	rc = validate(doc, name, stream);
	fclose(stream);
	report_stream(report, text);
	free(text);
	return rc;
}

int pe_verify_schema(xmlDoc *doc, struct pe_verify_report *report)
{
	const char *name = pcmk_xml_attr(xmlDocGetRootElement(doc), "validate-with");

	/* A CIB that names no schema is checked by none (pacemaker first
	 * tries the oldest schemas on it, then gives up the same way). */
	if (name == NULL || strcmp(name, "none") == 0) {
		pe_verify_add(report, NULL, PE_VERIFY_RAW, PE_VERIFY_NOTE,
			      "Schema validation of configuration is disabled (enabling is "
			      "encouraged and prevents common misconfigurations)");
		return 0;
	}
	if (!pcmk_schema_known(name) || validate_reporting(doc, name, report) < 0) {
		pe_verify_add(report, "main", PE_VERIFY_ERROR, PE_VERIFY_INVALID,
			      "CIB did not pass schema validation");
		return -PCMK_E_SCHEMA;
	}
	return 0;
}
