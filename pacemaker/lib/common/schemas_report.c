/*
 * Turning libxml2's RelaxNG validation errors into lines that name the
 * element, its id, its line and the problem in plain words, e.g.
 *   line 7: element primitive (id=b): attribute klass not allowed
 * libxml2's own texts ("Element resources has extra content: primitive")
 * name neither the id nor the line, and a single mistake makes it report
 * every enclosing element too; only the innermost errors are kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/relaxng.h>

#include "schemas_private.h"

/* How a libxml2 RelaxNG error code reads; %1 and %2 stand for the error's
 * first and second string (an element or attribute name, a value).  A
 * generic text is replaced by what the grammar says, when it can. */
struct error_words {
	int code;
	bool generic;
	const char *fmt;
};

static const struct error_words words[] = {
	{ XML_RELAXNG_ERR_INVALIDATTR, true, "attribute %1 not allowed" },
	{ XML_RELAXNG_ERR_ATTRVALID, true, "attributes not valid" },
	{ XML_RELAXNG_ERR_NOELEM, true, "missing child element %1" },
	{ XML_RELAXNG_ERR_ELEMNAME, false, "element %2 found where %1 is expected" },
	{ XML_RELAXNG_ERR_ELEMWRONG, false, "child element %1 not allowed here" },
	{ XML_RELAXNG_ERR_EXTRACONTENT, false, "not allowed in %1" },
	{ XML_RELAXNG_ERR_ELEMEXTRANS, false, "element %1 not allowed here" },
	{ XML_RELAXNG_ERR_INTEREXTRA, false, "element %1 not allowed here" },
	{ XML_RELAXNG_ERR_CONTENTVALID, true, "content not valid" },
	{ XML_RELAXNG_ERR_ELEMNOTEMPTY, false, "must be empty" },
	{ XML_RELAXNG_ERR_TEXTWRONG, false, "text not allowed in this element" },
	{ XML_RELAXNG_ERR_NOTELEM, false, "an element is expected, found text" },
	{ XML_RELAXNG_ERR_TYPEVAL, false, "value '%2' not allowed (%1 expected)" },
	{ XML_RELAXNG_ERR_DATATYPE, true, "value not valid (%1 expected)" },
	{ XML_RELAXNG_ERR_VALUE, false, "value %1 not allowed" },
	{ XML_RELAXNG_ERR_DUPID, false, "id %1 used more than once" },
	{ XML_RELAXNG_ERR_ELEMNONS, false, "element %1 has no namespace" },
	{ XML_RELAXNG_ERR_ELEMWRONGNS, false, "element %1 has the wrong namespace" },
};

static const struct error_words *words_for(int code)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (words[i].code == code) {
			return &words[i];
		}
	}
	return NULL;
}

/* Expand @fmt's %1 and %2 into @out; a missing string reads "?". */
static void expand(char *out, size_t room, const char *fmt, const char *s1, const char *s2)
{
	size_t n = 0;

	for (const char *p = fmt; *p != '\0' && n + 1 < room; p++) {
		const char *arg = NULL;

		if (p[0] == '%' && (p[1] == '1' || p[1] == '2')) {
			arg = (p[1] == '1') ? s1 : s2;
			p++;
			n += (size_t)snprintf(out + n, room - n, "%s", arg ? arg : "?");
			n = (n < room) ? n : room - 1;
			continue;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
}

/* libxml2's own text without its trailing newline, first letter lowered. */
static void plain_message(char *out, size_t room, const char *message)
{
	size_t len;

	snprintf(out, room, "%s", message ? message : "not valid");
	len = strlen(out);
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == ' ')) {
		out[--len] = '\0';
	}
	if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z')) {
		out[0] = (char)(out[0] - 'A' + 'a');
	}
}

static bool encloses(const xmlNode *outer, const xmlNode *inner)
{
	for (const xmlNode *n = inner; n != NULL; n = n->parent) {
		if (n == outer) {
			return true;
		}
	}
	return false;
}

/* "line 7: element primitive (id=b)" or less when the parts are unknown. */
static void describe_node(char *out, size_t room, const xmlNode *node, int line)
{
	xmlChar *id;
	int n = 0;

	if (node == NULL || node->type != XML_ELEMENT_NODE) {
		if (line > 0) {
			snprintf(out, room, "line %d", line);
		}
		return;
	}
	line = (line > 0) ? line : (int)xmlGetLineNo(node);
	if (line > 0) {
		n = snprintf(out, room, "line %d: ", line);
	}
	id = xmlGetProp(node, BAD_CAST "id");
	if (id != NULL) {
		snprintf(out + n, room - (size_t)n, "element %s (id=%s)", node->name, id);
	} else {
		snprintf(out + n, room - (size_t)n, "element %s", node->name);
	}
	xmlFree(id);
}

/* The words for @err; *@generic when they say no more than "not valid". */
static void error_text(const struct schema_report *r, schema_error_t err, const xmlNode *node,
		       char *what, size_t room, bool *generic)
{
	const struct error_words *w = words_for(err->code);

	*generic = (w == NULL) || w->generic;
	if (w == NULL) {
		plain_message(what, room, err->message);
	} else if (err->code == XML_RELAXNG_ERR_CONTENTVALID && node != NULL && err->str1 != NULL &&
		   strcmp((const char *)node->name, err->str1) != 0) {
		/* About a child that does not fit its parent's content. */
		expand(what, room, "not allowed in %1", err->str1, NULL);
		*generic = false;
	} else {
		expand(what, room, w->fmt, err->str1, err->str2);
	}
	if (*generic && node != NULL && pcmk__schema_hint(node, r->index, what, room) == 0) {
		*generic = false;
	}
}

static void set_entry(struct schema_entry *e, const xmlNode *node, bool generic, const char *where,
		      const char *what)
{
	e->node = node;
	e->generic = generic;
	snprintf(e->text, sizeof(e->text), "%s%s%s", where, where[0] ? ": " : "", what);
}

/* Whether an error about the content of @parent follows on from one that
 * was reported about an element inside it. */
static bool follows_on(const struct schema_report *r, const xmlNode *parent)
{
	for (int i = 0; parent != NULL && i < r->count; i++) {
		if (encloses(parent, r->entries[i].node)) {
			return true;
		}
	}
	return false;
}

void pcmk__schema_report_error(void *ctx, schema_error_t err)
{
	struct schema_report *r = ctx;
	const xmlNode *node;
	char where[256] = "", what[256];
	bool generic;

	if (r == NULL || err == NULL) {
		return;
	}
	node = err->node;
	if (node != NULL && node->type != XML_ELEMENT_NODE) {
		node = NULL;
	}
	if (err->code == XML_RELAXNG_ERR_ELEMWRONG) {
		/* libxml2 points at the parent or at a sibling here; the
		 * error about the element itself follows. */
		node = NULL;
	}
	if (err->code == XML_RELAXNG_ERR_ATTRVALID && err->str1 != NULL) {
		/* libxml2 may point at the first child of the element whose
		 * attributes failed. */
		while (node != NULL && node->type == XML_ELEMENT_NODE &&
		       strcmp((const char *)node->name, err->str1) != 0) {
			node = node->parent;
		}
		node = (node != NULL && node->type == XML_ELEMENT_NODE) ? node : NULL;
	}
	if (err->code == XML_RELAXNG_ERR_CONTENTVALID && node != NULL && err->str1 != NULL &&
	    strcmp((const char *)node->name, err->str1) != 0 && node->parent != NULL &&
	    xmlStrEqual(node->parent->name, BAD_CAST err->str1) && follows_on(r, node->parent)) {
		/* libxml2 names the parent and points at whichever child it
		 * stopped on, which need not be the one already reported. */
		return;
	}
	error_text(r, err, node, what, sizeof(what), &generic);
	describe_node(where, sizeof(where), node, err->line);
	if (node == NULL) {
		if (r->other[0] == '\0') {
			snprintf(r->other, sizeof(r->other), "%s%s%s", where, where[0] ? ": " : "",
				 what);
		}
		return;
	}
	for (int i = 0; i < r->count; i++) {
		struct schema_entry *e = &r->entries[i];

		if (e->node == node) {
			if (e->generic && !generic) {
				set_entry(e, node, generic, where, what);
			}
			return;
		}
		if (encloses(node, e->node) || encloses(e->node, node)) {
			if (encloses(e->node, node)) {
				set_entry(e, node, generic, where, what);
			}
			return;
		}
	}
	if (r->count < SCHEMA_REPORT_MAX) {
		set_entry(&r->entries[r->count++], node, generic, where, what);
	}
}

char *pcmk__schema_report_take(const struct schema_report *r, const char *fallback)
{
	char msg[SCHEMA_REPORT_MAX * 520] = "";
	size_t used = 0;

	for (int i = 0; i < r->count && used < sizeof(msg); i++) {
		used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s%s", i ? "\n" : "",
					 r->entries[i].text);
	}
	if (used == 0 && r->other[0] != '\0') {
		return strdup(r->other);
	}
	return strdup(used > 0 ? msg : fallback);
}
