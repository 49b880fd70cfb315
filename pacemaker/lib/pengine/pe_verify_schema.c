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

/*
 * libxml2 reports dangling IDREFs last, one ID after the other in the order
 * of a hash table it seeds from the clock: the same CIB gives another order
 * from one second to the next.  Here the IDs come in the order in which the
 * document first refers to them (one of the orders libxml2 may give), and
 * the lines of one ID keep libxml2's order.
 */
struct dangling {
	char *line;
	char *id;
	long first; /* where the document first refers to id */
	guint seq;  /* libxml2's place */
};

/* Where (in document order) the first element @elem refers to @id by
 * attribute @attr, counting from *@pos; -1 when none does. */
static long first_ref(const xmlNode *node, const char *elem, const char *attr, const char *id,
		      long *pos)
{
	for (const xmlNode *x = node; x != NULL; x = x->next) {
		if (x->type != XML_ELEMENT_NODE) {
			continue;
		}
		(*pos)++;
		if (pcmk_xml_is(x, elem) && (g_strcmp0(pcmk_xml_attr(x, attr), id) == 0)) {
			return *pos;
		}
		long found = first_ref(x->children, elem, attr, id, pos);

		if (found >= 0) {
			return found;
		}
	}
	return -1;
}

/* A dangling-IDREF line of libxml2's, or NULL for any other line. */
static struct dangling *dangling_new(xmlDoc *doc, char *line, guint seq)
{
	const char *at = strstr(line, "element ");
	char elem[128], attr[128], id[256];
	struct dangling *d = NULL;
	long pos = 0;

	if ((at == NULL) ||
	    (sscanf(at,
		    "element %127[^:]: validity error : IDREF attribute %127s references an "
		    "unknown ID \"%255[^\"]\"",
		    elem, attr, id) != 3)) {
		return NULL;
	}
	d = g_new0(struct dangling, 1);
	d->line = line;
	d->id = g_strdup(id);
	d->first = first_ref(xmlDocGetRootElement(doc), elem, attr, id, &pos);
	d->seq = seq;
	if (d->first < 0) {
		d->first = G_MAXLONG;
	}
	return d;
}

static void dangling_free(gpointer data)
{
	struct dangling *d = data;

	g_free(d->id);
	g_free(d);
}

static gint by_first_ref(gconstpointer a, gconstpointer b)
{
	const struct dangling *x = *(const struct dangling *const *)a;
	const struct dangling *y = *(const struct dangling *const *)b;

	if (x->first != y->first) {
		return (x->first < y->first) ? -1 : 1;
	}
	return (x->seq < y->seq) ? -1 : (x->seq > y->seq);
}

/* Give every line of an ID the earliest reference to that ID of any. */
static void share_first_ref(GPtrArray *refs)
{
	for (guint i = 0; i < refs->len; i++) {
		struct dangling *a = g_ptr_array_index(refs, i);

		for (guint j = 0; j < refs->len; j++) {
			struct dangling *b = g_ptr_array_index(refs, j);

			if ((strcmp(a->id, b->id) == 0) && (b->first < a->first)) {
				a->first = b->first;
			}
		}
	}
}

/* Put the dangling-IDREF lines of @lines in a stable order, in place. */
static void order_dangling(xmlDoc *doc, gchar **lines)
{
	GPtrArray *refs = g_ptr_array_new_with_free_func(dangling_free);
	GArray *slots = g_array_new(FALSE, FALSE, sizeof(int));

	for (int i = 0; lines[i] != NULL; i++) {
		struct dangling *d = dangling_new(doc, lines[i], (guint)i);

		if (d != NULL) {
			g_ptr_array_add(refs, d);
			g_array_append_val(slots, i);
		}
	}
	share_first_ref(refs);
	g_ptr_array_sort(refs, by_first_ref);
	for (guint k = 0; k < refs->len; k++) {
		struct dangling *d = g_ptr_array_index(refs, k);

		lines[g_array_index(slots, int, k)] = d->line;
	}
	g_array_free(slots, TRUE);
	g_ptr_array_free(refs, TRUE);
}

static void report_stream(xmlDoc *doc, struct pe_verify_report *report, const char *text)
{
	gchar **lines = g_strsplit(text, "\n", -1);

	order_dangling(doc, lines);
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
	report_stream(doc, report, text);
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
