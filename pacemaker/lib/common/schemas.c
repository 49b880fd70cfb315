/*
 * The CIB schemas by name, loaded once from the schema directory, and the
 * validation of a CIB against the one its validate-with names.
 *
 * Each known name has its own file NAME.rng so that the files can be
 * read by name as pacemaker's are; most of them only include the grammar
 * their family shares.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/relaxng.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>

#include "schemas_private.h"

/* Oldest first: an upgrade only ever moves down this table. */
static const char *const names[] = {
	"pacemaker-1.0", "pacemaker-1.2", "pacemaker-1.3", "pacemaker-2.0",  "pacemaker-2.1",
	"pacemaker-2.2", "pacemaker-2.3", "pacemaker-2.4", "pacemaker-2.5",  "pacemaker-2.6",
	"pacemaker-2.7", "pacemaker-2.8", "pacemaker-2.9", "pacemaker-2.10", "pacemaker-3.0",
	"pacemaker-3.1", "pacemaker-3.2", "pacemaker-3.3", "pacemaker-3.4",  "pacemaker-3.5",
	"pacemaker-3.6", "pacemaker-3.7", "pacemaker-3.8", "pacemaker-3.9",  "pacemaker-next",
};

#define N_SCHEMAS ((int)(sizeof(names) / sizeof(names[0])))
#define LATEST (N_SCHEMAS - 2) /* "next" is for testing, never the default */

static xmlRelaxNGPtr loaded[N_SCHEMAS];

const char *pcmk__schema_dir(void)
{
	const char *dir = getenv("PCMK_schema_directory");

	return (dir != NULL && dir[0] != '\0') ? dir : PCMK_SCHEMA_DIR;
}

int pcmk__schema_index(const char *name)
{
	for (int i = 0; name != NULL && i < N_SCHEMAS; i++) {
		if (strcmp(names[i], name) == 0) {
			return i;
		}
	}
	return -1;
}

int pcmk__schema_major(int index)
{
	if (index < 0 || index >= N_SCHEMAS) {
		return 0;
	}
	return (index == N_SCHEMAS - 1) ? 4 : names[index][10] - '0';
}

const char *pcmk__schema_name(int index)
{
	return (index >= 0 && index < N_SCHEMAS) ? names[index] : "none";
}

const char *pcmk_schema_latest(void)
{
	return names[LATEST];
}

bool pcmk_schema_known(const char *name)
{
	return pcmk__schema_index(name) >= 0 || (name != NULL && strcmp(name, "none") == 0);
}

/* Parse the schema file of @index into loaded[@index].  Returns 0, or
 * -ENOENT with the reason in *@error. */
static int load_schema(int index, char **error)
{
	struct schema_report report = { .index = index };
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	xmlRelaxNGParserCtxtPtr parser;
	char path[4096], *why;

	snprintf(path, sizeof(path), "%s/%s.rng", pcmk__schema_dir(), names[index]);
	parser = xmlRelaxNGNewParserCtxt(path);
	if (parser == NULL) {
		return -ENOMEM;
	}
	/* The files are read through libxml2's parser, which reports I/O and
	 * syntax problems globally; a library must not print them. */
	xmlSetStructuredErrorFunc(&report, pcmk__schema_report_error);
	xmlRelaxNGSetParserStructuredErrors(parser, pcmk__schema_report_error, &report);
	loaded[index] = xmlRelaxNGParse(parser);
	xmlRelaxNGFreeParserCtxt(parser);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	if (loaded[index] != NULL) {
		return 0;
	}
	if (error != NULL) {
		why = pcmk__schema_report_take(&report, "cannot be read");
		if (why != NULL &&
		    asprintf(error, "schema %s (%s): %s", names[index], path, why) < 0) {
			*error = NULL;
		}
		free(why);
	}
	return -ENOENT;
}

/* The content of the status section while it is set aside. */
struct status_aside {
	xmlNode *status;
	xmlNode *first;
	xmlNode *last;
};

/* Every schema accepts any content in the status section (status.rng), yet
 * libxml2 spends nearly all its time there: 6 of 6.3 s with 10,000
 * resources on 32 nodes.  Validating without that content gives the same
 * verdict, so it is detached for the run and put back afterwards. */
static void status_set_aside(xmlDoc *doc, struct status_aside *aside)
{
	xmlNode *root = xmlDocGetRootElement(doc);

	memset(aside, 0, sizeof(*aside));
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "status")) {
			aside->status = n;
			aside->first = n->children;
			aside->last = n->last;
			n->children = NULL;
			n->last = NULL;
			return;
		}
	}
}

static void status_put_back(const struct status_aside *aside)
{
	if (aside->status != NULL) {
		aside->status->children = aside->first;
		aside->status->last = aside->last;
	}
}

/* Run the validation proper; @report collects what is wrong. */
static int run_validation(xmlDoc *doc, int index, struct schema_report *report)
{
	xmlRelaxNGValidCtxtPtr valid = xmlRelaxNGNewValidCtxt(loaded[index]);
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	struct status_aside aside;
	int rc;

	if (valid == NULL) {
		return -ENOMEM;
	}
	/* Dangling IDREFs are found by libxml2's DTD layer, which reports
	 * through the global handler rather than the context's. */
	xmlSetStructuredErrorFunc(report, pcmk__schema_report_error);
	xmlRelaxNGSetValidStructuredErrors(valid, pcmk__schema_report_error, report);
	status_set_aside(doc, &aside);
	rc = xmlRelaxNGValidateDoc(valid, doc);
	status_put_back(&aside);
	xmlRelaxNGFreeValidCtxt(valid);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	if (rc == 0) {
		return 0;
	}
	return (rc < 0) ? -ENOMEM : -PCMK_E_SCHEMA;
}

int pcmk__schema_validate_index(xmlDoc *doc, int index, char **error)
{
	struct schema_report report = { .index = index };
	int rc;

	if (error != NULL) {
		*error = NULL;
	}
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL || index < 0 || index >= N_SCHEMAS) {
		return -EINVAL;
	}
	if (loaded[index] == NULL && (rc = load_schema(index, error)) < 0) {
		return rc;
	}
	rc = run_validation(doc, index, &report);
	if (rc == -PCMK_E_SCHEMA && error != NULL) {
		*error =
			pcmk__schema_report_take(&report, "the CIB does not conform to its schema");
	}
	return rc;
}

int pcmk_schema_validate_as(xmlDoc *cib, const char *name, char **error)
{
	if (error != NULL) {
		*error = NULL;
	}
	if (name != NULL && strcmp(name, "none") == 0) {
		return (cib != NULL) ? 0 : -EINVAL;
	}
	if (pcmk__schema_index(name) < 0) {
		if (error != NULL && asprintf(error, "unknown schema '%s'", name ? name : "") < 0) {
			*error = NULL;
		}
		return -EINVAL;
	}
	return pcmk__schema_validate_index(cib, pcmk__schema_index(name), error);
}

int pcmk_schema_validate(xmlDoc *cib, char **error)
{
	const char *name = NULL;

	if (cib != NULL) {
		name = pcmk_xml_attr(xmlDocGetRootElement(cib), "validate-with");
	}
	return pcmk_schema_validate_as(cib, name ? name : pcmk_schema_latest(), error);
}

void pcmk_schema_cleanup(void)
{
	for (int i = 0; i < N_SCHEMAS; i++) {
		xmlRelaxNGFree(loaded[i]);
		loaded[i] = NULL;
	}
}
