/*
 * Upgrading a CIB to the newest schema.  A 1.x CIB goes through our
 * stylesheet upgrade-1.x.xsl (libxslt), which rewrites the syntax that
 * changed with 2.0 and 3.0; a 2.x or 3.x CIB is only rewritten when it
 * holds what 3.0 removed.  Either way the
 * result must validate against the newest schema before it replaces the
 * original, so a failed upgrade leaves the caller's document as it was.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>

#include "schemas_private.h"

#define UPGRADE_1X "upgrade-1.x.xsl"

/* What libxslt says while it reads or runs the stylesheet. */
struct xslt_log {
	char text[1024];
	size_t used;
};

static void xslt_log_add(void *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void xslt_log_add(void *ctx, const char *fmt, ...)
{
	struct xslt_log *log = ctx;
	va_list ap;
	int n;

	if (log->used + 1 >= sizeof(log->text)) {
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(log->text + log->used, sizeof(log->text) - log->used, fmt, ap);
	va_end(ap);
	if (n > 0) {
		log->used += (size_t)n;
		log->used = (log->used < sizeof(log->text)) ? log->used : sizeof(log->text) - 1;
	}
}

/* Only our stylesheet runs, but it runs on data from outside: it may read
 * nothing but itself and write nothing at all. */
static xsltSecurityPrefsPtr locked_down(void)
{
	xsltSecurityPrefsPtr prefs = xsltNewSecurityPrefs();

	if (prefs != NULL) {
		xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
		xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
		xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
		xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	}
	return prefs;
}

/* Run @style on @doc into *@out.  Returns 0 or -PCMK_E_TRANSFORM. */
static int run_stylesheet(xsltStylesheetPtr style, xmlDoc *doc, xmlDoc **out)
{
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, doc);
	xsltSecurityPrefsPtr prefs = locked_down();
	int rc = -PCMK_E_TRANSFORM;

	if (ctxt != NULL && prefs != NULL && xsltSetCtxtSecurityPrefs(prefs, ctxt) == 0) {
		*out = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
		if (*out != NULL && ctxt->state == XSLT_STATE_OK) {
			rc = 0;
		} else {
			xmlFreeDoc(*out);
			*out = NULL;
		}
	}
	xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(prefs);
	return rc;
}

/* Transform @doc by stylesheet file @name into *@out, keeping libxml2 and
 * libxslt quiet.  Returns 0, or -PCMK_E_TRANSFORM with *@error. */
static int transform(xmlDoc *doc, const char *name, xmlDoc **out, char **error)
{
	struct xslt_log log = { .used = 0 };
	xmlGenericErrorFunc saved_xslt = xsltGenericError;
	void *saved_xslt_ctx = xsltGenericErrorContext;
	xmlGenericErrorFunc saved_xml = xmlGenericError;
	void *saved_xml_ctx = xmlGenericErrorContext;
	xsltStylesheetPtr style;
	char path[4096];
	int rc = -PCMK_E_TRANSFORM;

	snprintf(path, sizeof(path), "%s/%s", pcmk__schema_dir(), name);
	xsltSetGenericErrorFunc(&log, xslt_log_add);
	xmlSetGenericErrorFunc(&log, xslt_log_add);
	style = xsltParseStylesheetFile(BAD_CAST path);
	if (style != NULL) {
		rc = run_stylesheet(style, doc, out);
		xsltFreeStylesheet(style);
	}
	xsltSetGenericErrorFunc(saved_xslt_ctx, saved_xslt);
	xmlSetGenericErrorFunc(saved_xml_ctx, saved_xml);
	if (rc < 0 && error != NULL &&
	    asprintf(error, "upgrade by %s failed%s%s", path, log.used ? ": " : "", log.text) < 0) {
		*error = NULL;
	}
	return rc;
}

/* Set validate-with to the newest schema and validate against it. */
static int finish(xmlDoc *doc, char **error)
{
	char *why = NULL;
	int rc =
		pcmk_xml_set_attr(xmlDocGetRootElement(doc), "validate-with", pcmk_schema_latest());

	if (rc == 0) {
		rc = pcmk_schema_validate_as(doc, pcmk_schema_latest(), &why);
	}
	if (rc == -PCMK_E_SCHEMA && error != NULL) {
		if (asprintf(error, "the upgraded CIB does not validate with %s: %s",
			     pcmk_schema_latest(), why ? why : "") < 0) {
			*error = NULL;
		}
	} else if (rc < 0 && error != NULL) {
		*error = why;
		why = NULL;
	}
	free(why);
	return rc;
}

/* A 2.x or 3.x CIB needs no rewriting, so it is validated where it is:
 * a copy would double the memory a CIB of 10,000 resources takes.  On
 * failure the old validate-with (or its absence) is put back. */
static int upgrade_in_place(xmlDoc *doc, char **error)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *was = pcmk_xml_attr(root, "validate-with");
	char *old = (was != NULL) ? strdup(was) : NULL;
	int rc;

	if (was != NULL && old == NULL) {
		return -ENOMEM;
	}
	rc = finish(doc, error);
	if (rc < 0) {
		int undo = (old != NULL) ? pcmk_xml_set_attr(root, "validate-with", old)
					 : pcmk_xml_remove_attr(root, "validate-with");

		rc = (undo < 0) ? undo : rc;
	}
	free(old);
	return rc;
}

/* The schema index of @cib, or -1 with "none" or no validate-with, which
 * an upgrade treats as content to check against the newest schema. */
static int current_index(xmlDoc *cib, char **error)
{
	const char *name = pcmk_xml_attr(xmlDocGetRootElement(cib), "validate-with");

	if (name == NULL || strcmp(name, "none") == 0) {
		return -1;
	}
	if (pcmk__schema_index(name) < 0) {
		if (error != NULL && asprintf(error, "unknown schema '%s'", name) < 0) {
			*error = NULL;
		}
		return -EINVAL;
	}
	return pcmk__schema_index(name);
}

/* Validate the rewritten @work (when @rc is 0) and put it in place of
 * *@cib; on failure @work is freed and *@cib kept. */
static int adopt(xmlDoc **cib, xmlDoc *work, int rc, char **error)
{
	if (rc == 0) {
		rc = finish(work, error);
	}
	if (rc < 0) {
		xmlFreeDoc(work);
		return rc;
	}
	xmlFreeDoc(*cib);
	*cib = work;
	return 0;
}

/* A 2.x CIB the newest schema refuses as it is may still carry what 3.0
 * removed (old cluster properties, an operation's requires), which the
 * 1.x stylesheet rewrites as well.  When that does not help either, the
 * error about the CIB as given is kept: its lines are the user's. */
static int rewrite_2x(xmlDoc **cib, char **error)
{
	xmlDoc *work = NULL;
	char *why = NULL;
	int rc = transform(*cib, UPGRADE_1X, &work, &why);

	rc = adopt(cib, work, rc, &why);
	if (rc == 0 && error != NULL) {
		free(*error);
		*error = NULL;
	}
	free(why);
	return (rc == 0) ? 0 : -PCMK_E_SCHEMA;
}

int pcmk_schema_upgrade(xmlDoc **cib, char **error)
{
	xmlDoc *work = NULL;
	int index, rc;

	if (error != NULL) {
		*error = NULL;
	}
	if (cib == NULL || *cib == NULL || xmlDocGetRootElement(*cib) == NULL) {
		return -EINVAL;
	}
	index = current_index(*cib, error);
	if (index == -EINVAL) {
		return -EINVAL;
	}
	if (index >= pcmk__schema_index(pcmk_schema_latest())) {
		return -PCMK_E_SCHEMA_UNCHANGED;
	}
	if (index < 0 || pcmk__schema_major(index) != 1) {
		rc = upgrade_in_place(*cib, error);
		if (rc != -PCMK_E_SCHEMA || index < 0 || pcmk__schema_major(index) != 2) {
			return rc;
		}
		return rewrite_2x(cib, error);
	}
	rc = transform(*cib, UPGRADE_1X, &work, error);
	return adopt(cib, work, rc, error);
}
