/*
 * Saying which attribute is wrong when libxml2 only says "Element primitive
 * failed to validate attributes" (it cannot tell when an element's
 * definition has alternatives, as primitive, rsc_location and most others
 * do).  The grammar files are read as plain XML, every definition of the
 * element is walked, and the element is compared with what they allow:
 * an attribute no definition has, a value outside a list, or what the
 * closest alternative still needs.  Only run once a document has failed,
 * so nothing is cached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "schemas_private.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define MAX_DOCS 32
#define MAX_DEFINES 256
#define MAX_ALTS 48
#define MAX_ITEMS 16
#define MAX_ALLOWED 48
#define MAX_VALUES 16
#define MAX_DEPTH 24

struct grammar {
	xmlDoc *docs[MAX_DOCS];
	int n_docs;
	const xmlNode *defines[MAX_DEFINES];
	int n_defines;
};

/* One way to satisfy a definition: the attributes (and child elements,
 * named with a leading '<') it cannot do without. */
struct item {
	const char *name;
	bool element;
};

struct alt {
	struct item items[MAX_ITEMS];
	int n;
};

struct alts {
	struct alt a[MAX_ALTS];
	int n;
};

struct allowed {
	const char *name;
	const char *values[MAX_VALUES];
	int n_values;
	bool any_value;
};

struct element_rules {
	struct allowed attrs[MAX_ALLOWED];
	int n_attrs;
	bool any_attr;
	struct alts alts;
};

static bool is_rng(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static const char *rng_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a = xmlHasProp(n, BAD_CAST name);

	return (a != NULL && a->children != NULL) ? (const char *)a->children->content : NULL;
}

/* The first definition of a name wins: overrides inside an include are
 * registered before the included file is read. */
static void add_define(struct grammar *g, const xmlNode *def)
{
	const char *name = rng_attr(def, "name");

	for (int i = 0; name == NULL || i < g->n_defines; i++) {
		if (name == NULL || strcmp(rng_attr(g->defines[i], "name"), name) == 0) {
			return;
		}
	}
	if (g->n_defines < MAX_DEFINES) {
		g->defines[g->n_defines++] = def;
	}
}

static void load_file(struct grammar *g, const char *file, int depth);

static void load_include(struct grammar *g, const xmlNode *inc, int depth)
{
	const char *href = rng_attr(inc, "href");
	char path[4096];

	for (const xmlNode *c = inc->children; c != NULL; c = c->next) {
		if (is_rng(c, "define")) {
			add_define(g, c);
		}
	}
	if (href != NULL) {
		snprintf(path, sizeof(path), "%s/%s", pcmk__schema_dir(), href);
		load_file(g, path, depth + 1);
	}
}

static void load_file(struct grammar *g, const char *path, int depth)
{
	xmlDoc *doc;

	if (depth > 8 || g->n_docs >= MAX_DOCS) {
		return;
	}
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		return;
	}
	g->docs[g->n_docs++] = doc;
	for (const xmlNode *c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next) {
		if (is_rng(c, "include")) {
			load_include(g, c, depth);
		} else if (is_rng(c, "define")) {
			add_define(g, c);
		}
	}
}

static const xmlNode *find_define(const struct grammar *g, const char *name)
{
	for (int i = 0; name != NULL && i < g->n_defines; i++) {
		if (strcmp(rng_attr(g->defines[i], "name"), name) == 0) {
			return g->defines[i];
		}
	}
	return NULL;
}

/* @out = every alternative of @a combined with every one of @b. */
static void alts_product(struct alts *a, const struct alts *b)
{
	struct alts out = { .n = 0 };

	for (int i = 0; i < a->n; i++) {
		for (int j = 0; j < b->n && out.n < MAX_ALTS; j++) {
			struct alt *o = &out.a[out.n++];

			*o = a->a[i];
			for (int k = 0; k < b->a[j].n && o->n < MAX_ITEMS; k++) {
				o->items[o->n++] = b->a[j].items[k];
			}
		}
	}
	*a = out;
}

static void alts_append(struct alts *a, const struct alts *b)
{
	for (int j = 0; j < b->n && a->n < MAX_ALTS; j++) {
		a->a[a->n++] = b->a[j];
	}
}

static struct allowed *allowed_slot(struct element_rules *r, const char *name)
{
	for (int i = 0; i < r->n_attrs; i++) {
		if (strcmp(r->attrs[i].name, name) == 0) {
			return &r->attrs[i];
		}
	}
	if (r->n_attrs >= MAX_ALLOWED) {
		return NULL;
	}
	r->attrs[r->n_attrs].name = name;
	return &r->attrs[r->n_attrs++];
}

/* Gather the listed values of an attribute's content, or note any value. */
static void collect_values(const struct grammar *g, struct allowed *a, const xmlNode *content,
			   int depth)
{
	for (const xmlNode *c = content; c != NULL && depth < MAX_DEPTH; c = c->next) {
		const xmlNode *def = is_rng(c, "ref") ? find_define(g, rng_attr(c, "name")) : NULL;

		if (is_rng(c, "value") && c->children != NULL) {
			if (a->n_values < MAX_VALUES) {
				a->values[a->n_values++] = (const char *)c->children->content;
			}
		} else if (is_rng(c, "choice")) {
			collect_values(g, a, c->children, depth + 1);
		} else if (def != NULL) {
			collect_values(g, a, def->children, depth + 1);
		} else if (is_rng(c, NULL)) {
			a->any_value = true;
		}
	}
}

static void walk(const struct grammar *g, struct element_rules *r, const xmlNode *p, int depth,
		 struct alts *out);

/* The patterns of @first and its siblings, all required together. */
static void walk_group(const struct grammar *g, struct element_rules *r, const xmlNode *first,
		       int depth, struct alts *out)
{
	out->n = 1;
	out->a[0].n = 0;
	for (const xmlNode *c = first; c != NULL; c = c->next) {
		struct alts one;

		if (is_rng(c, NULL)) {
			walk(g, r, c, depth, &one);
			alts_product(out, &one);
		}
	}
}

static void walk_attribute(const struct grammar *g, struct element_rules *r, const xmlNode *p,
			   struct alts *out)
{
	const char *name = rng_attr(p, "name");
	struct allowed *a;

	out->n = 1;
	out->a[0].n = 0;
	if (name == NULL) {
		r->any_attr = true;
		return;
	}
	out->a[0].items[out->a[0].n++] = (struct item){ name, false };
	a = allowed_slot(r, name);
	if (a != NULL) {
		collect_values(g, a, p->children, 0);
		a->any_value = a->any_value || p->children == NULL;
	}
}

static void walk(const struct grammar *g, struct element_rules *r, const xmlNode *p, int depth,
		 struct alts *out)
{
	const char *kind = (const char *)p->name;

	out->n = 1;
	out->a[0].n = 0;
	if (depth > MAX_DEPTH) {
		return;
	}
	if (strcmp(kind, "attribute") == 0) {
		walk_attribute(g, r, p, out);
	} else if (strcmp(kind, "element") == 0) {
		/* A child: only its presence matters here. */
		if (rng_attr(p, "name") != NULL) {
			out->a[0].items[out->a[0].n++] = (struct item){ rng_attr(p, "name"), true };
		}
	} else if (strcmp(kind, "optional") == 0 || strcmp(kind, "zeroOrMore") == 0) {
		struct alts ignored;

		walk_group(g, r, p->children, depth + 1, &ignored);
	} else if (strcmp(kind, "choice") == 0) {
		out->n = 0;
		for (const xmlNode *c = p->children; c != NULL; c = c->next) {
			struct alts one;

			if (is_rng(c, NULL)) {
				walk(g, r, c, depth + 1, &one);
				alts_append(out, &one);
			}
		}
	} else if (strcmp(kind, "ref") == 0) {
		const xmlNode *def = find_define(g, rng_attr(p, "name"));

		if (def != NULL) {
			walk_group(g, r, def->children, depth + 1, out);
		}
	} else if (strcmp(kind, "notAllowed") == 0) {
		out->n = 0;
	} else {
		walk_group(g, r, p->children, depth + 1, out);
	}
}

/* Walk every definition of element @name below @n into @r. */
static void scan(const struct grammar *g, const xmlNode *n, const char *name,
		 struct element_rules *r)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		const char *en = is_rng(c, "element") ? rng_attr(c, "name") : NULL;

		if (en != NULL && strcmp(en, name) == 0) {
			struct alts one;

			walk_group(g, r, c->children, 0, &one);
			alts_append(&r->alts, &one);
		}
		if (is_rng(c, NULL)) {
			scan(g, c, name, r);
		}
	}
}

static bool has_item(const xmlNode *node, const struct item *it)
{
	if (!it->element) {
		return xmlHasProp(node, BAD_CAST it->name) != NULL;
	}
	for (const xmlNode *c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, it->name) == 0) {
			return true;
		}
	}
	return false;
}

/* An attribute of @node that no definition allows, or one whose value is
 * outside the list every definition gives. */
static bool check_attributes(const xmlNode *node, const struct element_rules *r, char *out,
			     size_t room)
{
	for (const xmlAttr *a = node->properties; a != NULL && !r->any_attr; a = a->next) {
		const struct allowed *ok = NULL;
		xmlChar *value;
		bool listed = false;

		for (int i = 0; i < r->n_attrs; i++) {
			ok = (strcmp(r->attrs[i].name, (const char *)a->name) == 0) ? &r->attrs[i]
										    : ok;
		}
		if (ok == NULL) {
			snprintf(out, room, "attribute %s not allowed", a->name);
			return true;
		}
		if (ok->any_value || ok->n_values == 0) {
			continue;
		}
		value = xmlNodeGetContent((const xmlNode *)a);
		for (int i = 0; value != NULL && i < ok->n_values; i++) {
			listed = listed || strcmp(ok->values[i], (const char *)value) == 0;
		}
		if (!listed) {
			snprintf(out, room, "value '%s' not allowed for attribute %s", value,
				 a->name);
		}
		xmlFree(value);
		if (!listed) {
			return true;
		}
	}
	return false;
}

static int missing_count(const xmlNode *node, const struct alt *alt, int *present)
{
	int missing = 0;

	*present = 0;
	for (int i = 0; i < alt->n; i++) {
		if (has_item(node, &alt->items[i])) {
			(*present)++;
		} else {
			missing++;
		}
	}
	return missing;
}

/* Name what the closest alternative lacks; false when one is complete. */
static bool check_required(const xmlNode *node, const struct element_rules *r, char *out,
			   size_t room)
{
	const struct alt *best = NULL;
	int best_missing = 0, best_present = 0;
	size_t n;

	for (int i = 0; i < r->alts.n; i++) {
		int present, missing = missing_count(node, &r->alts.a[i], &present);

		if (missing == 0) {
			return false;
		}
		if (best == NULL || missing < best_missing ||
		    (missing == best_missing && present > best_present)) {
			best = &r->alts.a[i];
			best_missing = missing;
			best_present = present;
		}
	}
	if (best == NULL) {
		return false;
	}
	n = (size_t)snprintf(out, room, "missing");
	for (int i = 0; i < best->n && n < room; i++) {
		if (!has_item(node, &best->items[i])) {
			n += (size_t)snprintf(out + n, room - n, "%s %s %s", n > 7 ? "," : "",
					      best->items[i].element ? "child element"
								     : "attribute",
					      best->items[i].name);
		}
	}
	return true;
}

int pcmk__schema_hint(const xmlNode *node, int index, char *out, size_t room)
{
	struct grammar *g = calloc(1, sizeof(*g));
	struct element_rules *r = calloc(1, sizeof(*r));
	char path[4096];
	bool found = false;

	if (g != NULL && r != NULL && node != NULL && node->type == XML_ELEMENT_NODE) {
		snprintf(path, sizeof(path), "%s/%s.rng", pcmk__schema_dir(),
			 pcmk__schema_name(index));
		load_file(g, path, 0);
		for (int d = 0; d < g->n_docs; d++) {
			scan(g, xmlDocGetRootElement(g->docs[d]), (const char *)node->name, r);
		}
		found = r->alts.n > 0 && (check_attributes(node, r, out, room) ||
					  check_required(node, r, out, room));
	}
	for (int d = 0; g != NULL && d < g->n_docs; d++) {
		xmlFreeDoc(g->docs[d]);
	}
	free(g);
	free(r);
	return found ? 0 : -1;
}
