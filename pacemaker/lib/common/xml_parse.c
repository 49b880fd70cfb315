/*
 * Parsing XML from memory and from files into libxml2 documents, with the
 * problems gathered into one message that names the line, so a daemon or
 * tool can tell the administrator exactly what to fix in the CIB.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <crm/common/xml.h>

/* No XML_PARSE_NOENT (entities stay unexpanded) and no DTD loading;
 * NOBLANKS drops indentation so that pretty output can re-indent.  HUGE
 * lifts libxml2's 10 MB limits: the CIB of a large cluster is bigger, and
 * with DOCTYPEs refused no entity can blow a small input up.  COMPACT
 * keeps short text (most attribute values) inside its node instead of a
 * separate allocation: 100 MB less for a CIB of 10,000 resources. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_HUGE | XML_PARSE_COMPACT)

/* A broken document can make libxml2 report dozens of follow-on errors;
 * the first few are the ones that help. */
#define MAX_REPORTED 5

struct parse_report {
	const char *origin; /* file name, or NULL for text in memory */
	int options;        /* PARSE_OPTIONS, possibly with XML_PARSE_RECOVER */
	int reported;
	int doctype_line; /* > 0 once a DOCTYPE has been refused */
	size_t used;
	char msg[2048];
};

#if LIBXML_VERSION >= 21200
typedef const xmlError *parse_error_t;
#else
typedef xmlError *parse_error_t;
#endif

/* Append one "where: what" line; @line 0 means the problem has no line. */
static void report_add(struct parse_report *r, int line, int column, const char *what)
{
	char *p = r->msg + r->used;
	size_t room = sizeof(r->msg) - r->used;
	int n;

	if (r->reported++ >= MAX_REPORTED || room < 2) {
		return;
	}
	if (r->used > 0) {
		*p++ = '\n';
		room--;
	}
	if (r->origin != NULL && line > 0) {
		n = snprintf(p, room, "%s:%d: %s", r->origin, line, what);
	} else if (r->origin != NULL) {
		n = snprintf(p, room, "%s: %s", r->origin, what);
	} else if (line > 0) {
		n = snprintf(p, room, "line %d: %s", line, what);
	} else {
		n = snprintf(p, room, "%s", what);
	}
	if (n > 0 && column > 0 && (size_t)n < room) {
		n += snprintf(p + n, room - n, " (column %d)", column);
	}
	r->used = strlen(r->msg);
}

/* libxml2 messages end in a newline and some span two lines; fold them
 * into one line so each problem stays on its own line. */
static void collect_error(void *data, parse_error_t err)
{
	struct parse_report *r = data;
	char what[512];
	size_t len;

	if (err == NULL || err->level < XML_ERR_ERROR) {
		return;
	}
	snprintf(what, sizeof(what), "%s", err->message ? err->message : "unknown error");
	len = strlen(what);
	while (len > 0 && (what[len - 1] == '\n' || what[len - 1] == ' ')) {
		what[--len] = '\0';
	}
	for (char *c = what; *c != '\0'; c++) {
		if (*c == '\n') {
			*c = ' ';
		}
	}
	report_add(r, err->line, err->int2, what);
}

/* SAX hook for <!DOCTYPE ...>: stop before any declaration inside it is
 * read, which rules out entity expansion and external fetches. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
			   const xmlChar *system_id)
{
	xmlParserCtxt *ctxt = ctx;
	struct parse_report *r = ctxt->_private;

	r->doctype_line = ctxt->input != NULL ? ctxt->input->line : 1;
	xmlStopParser(ctxt);
}

static void ignore_generic(void *data, const char *fmt, ...)
{
}

/* Errors go to our handler only for the length of one parse; the previous
 * handlers are put back so nothing carries over to the next call. */
static xmlDoc *read_memory(xmlParserCtxt *ctxt, const char *text, int len, struct parse_report *r)
{
	xmlStructuredErrorFunc saved_fn = xmlStructuredError;
	void *saved_data = xmlStructuredErrorContext;
	xmlGenericErrorFunc saved_generic = xmlGenericError;
	void *saved_generic_data = xmlGenericErrorContext;
	xmlDoc *doc;

	xmlSetStructuredErrorFunc(r, collect_error);
	xmlSetGenericErrorFunc(NULL, ignore_generic);
	doc = xmlCtxtReadMemory(ctxt, text, len, NULL, NULL, r->options);
	xmlSetGenericErrorFunc(saved_generic_data, saved_generic);
	xmlSetStructuredErrorFunc(saved_data, saved_fn);
	return doc;
}

static int run_parser(const char *text, int len, struct parse_report *r, xmlDoc **doc)
{
	xmlParserCtxt *ctxt = xmlNewParserCtxt();

	if (ctxt == NULL) {
		return -ENOMEM;
	}
	ctxt->_private = r;
	ctxt->sax->internalSubset = refuse_doctype;
	*doc = read_memory(ctxt, text, len, r);
	xmlFreeParserCtxt(ctxt);

	if (r->doctype_line > 0) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		r->reported = 0;
		r->used = 0;
		report_add(r, r->doctype_line, 0,
			   "DOCTYPE declarations are not allowed (no DTDs or entities)");
		return -EINVAL;
	}
	if (*doc == NULL || xmlDocGetRootElement(*doc) == NULL) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		if (r->reported == 0) {
			report_add(r, 0, 0, "not a well-formed XML document");
		}
		return -EINVAL;
	}
	return 0;
}

static bool is_blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
			return false;
		}
	}
	return true;
}

static int parse_buffer(const char *text, size_t len, const char *origin, int options, xmlDoc **doc,
			char **error)
{
	struct parse_report r = { .origin = origin, .options = options };
	int rc;

	if (text == NULL || is_blank(text, len)) {
		report_add(&r, 0, 0, "document is empty");
		rc = -EINVAL;
	} else if (len > INT_MAX) {
		report_add(&r, 0, 0, "document is too large");
		rc = -EFBIG;
	} else {
		rc = run_parser(text, (int)len, &r, doc);
	}
	if (rc != 0 && error != NULL) {
		*error = strdup(r.msg);
	}
	return rc;
}

int pcmk_xml_parse(const char *text, size_t len, xmlDoc **doc, char **error)
{
	if (error != NULL) {
		*error = NULL;
	}
	if (doc == NULL) {
		return -EINVAL;
	}
	*doc = NULL;
	return parse_buffer(text, len, NULL, PARSE_OPTIONS, doc, error);
}

static int grow(char **buf, size_t *cap)
{
	size_t want = *cap ? *cap * 2 : 8192;
	char *bigger;

	if (*cap > INT_MAX) {
		return -EFBIG;
	}
	bigger = realloc(*buf, want);
	if (bigger == NULL) {
		return -ENOMEM;
	}
	*buf = bigger;
	*cap = want;
	return 0;
}

/* Read all of @fd into a malloc'd buffer; a size from fstat() is not
 * trusted because pipes and /dev/stdin have none. */
static int slurp_fd(int fd, char **text, size_t *len)
{
	size_t size = 0, cap = 0;
	char *buf = NULL;
	ssize_t n;
	int rc = 0;

	do {
		if (size == cap && (rc = grow(&buf, &cap)) < 0) {
			break;
		}
		n = read(fd, buf + size, cap - size);
		if (n > 0) {
			size += (size_t)n;
		} else if (n < 0 && errno != EINTR) {
			rc = -errno;
		}
	} while (rc == 0 && n != 0);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*text = buf;
	*len = size;
	return 0;
}

static int read_file(const char *path, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		return -errno;
	}
	rc = slurp_fd(fd, text, len);
	close(fd);
	return rc;
}

int pcmk_xml_parse_file(const char *path, xmlDoc **doc, char **error)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (error != NULL) {
		*error = NULL;
	}
	if (doc == NULL || path == NULL) {
		return -EINVAL;
	}
	*doc = NULL;
	rc = read_file(path, &text, &len);
	if (rc < 0) {
		if (error != NULL && asprintf(error, "%s: %s", path, strerror(-rc)) < 0) {
			*error = NULL;
		}
		return rc;
	}
	rc = parse_buffer(text, len, path, PARSE_OPTIONS, doc, error);
	free(text);
	return rc;
}

/* libxml2's recovery closes what was left open and drops what it cannot
 * place; DOCTYPEs stay refused (the SAX hook stops the parser either way)
 * and a document without an element still fails. */
int pcmk_xml_parse_file_recover(const char *path, xmlDoc **doc, char **error)
{
	char *text = NULL, *why = NULL;
	size_t len = 0;
	int rc;

	rc = pcmk_xml_parse_file(path, doc, &why);
	if (rc != -EINVAL) {
		if (error != NULL) {
			*error = why;
		} else {
			free(why);
		}
		return rc;
	}
	rc = read_file(path, &text, &len);
	if (rc == 0) {
		rc = parse_buffer(text, len, path, PARSE_OPTIONS | XML_PARSE_RECOVER, doc, NULL);
	}
	free(text);
	if (error != NULL) {
		*error = why;
	} else {
		free(why);
	}
	return (rc == 0) ? 1 : rc;
}
