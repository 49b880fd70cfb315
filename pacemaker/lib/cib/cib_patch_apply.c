/*
 * Applying a format 2 patch, with the semantics of pacemaker's applier so
 * that a patch from either side gives the same CIB on both:
 *  - a path is walked step by step, each step taking the first child with
 *    that name (and id, when the step has one);
 *  - deletes and modifies run in patch order; a delete whose path finds
 *    nothing is not an error (the element is already gone);
 *  - creates and moves find their element in patch order (a moved element
 *    goes to the end of its parent at that moment) and run afterwards,
 *    sorted by position, so each lands at its final index.
 * The patch runs on a copy that replaces the CIB's content only when every
 * change applied.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/digest.h>
#include <crm/cib/patch.h>
#include <crm/cib/version.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "cib_patch_private.h"

/* A create or move waiting for the second pass. */
struct pending {
	const xmlNode *change;
	xmlNode *match;
	long long position;
};

struct applier {
	xmlNode *cib;   /* the copy being patched */
	GList *pending; /* struct pending, in patch order */
	char *error;    /* first failure, malloc'd */
	int index;      /* 1-based number of the change being applied */
};

static int fail(struct applier *a, const xmlNode *change, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* Record why the patch does not apply, naming the change. */
static int fail(struct applier *a, const xmlNode *change, const char *fmt, ...)
{
	const char *op = pcmk_xml_attr(change, CIB_PATCH_OP);
	const char *path = pcmk_xml_attr(change, CIB_PATCH_PATH);
	char *what = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&what, fmt, ap) < 0) {
		what = NULL;
	}
	va_end(ap);
	free(a->error);
	if (asprintf(&a->error, "change %d (%s %s): %s", a->index, op != NULL ? op : "?",
		     path != NULL ? path : "?", what != NULL ? what : "out of memory") < 0) {
		a->error = NULL;
	}
	free(what);
	return -PCMK_E_DIFF_FAILED;
}

/* Index of @node among all its siblings, as pacemaker counts positions. */
static long long position_of(const xmlNode *node)
{
	long long position = 0;

	for (const xmlNode *s = node->prev; s != NULL; s = s->prev) {
		position++;
	}
	return position;
}

static xmlNode *child_at(xmlNode *parent, long long position)
{
	xmlNode *c = parent->children;

	for (long long i = 0; c != NULL && i < position; i++) {
		c = c->next;
	}
	return c;
}

/* The first child of @parent named @name with id @id (any id when NULL);
 * for the last step of a delete, a comment must also sit at @position. */
static xmlNode *first_match(xmlNode *parent, const char *name, const char *id, long long position)
{
	for (xmlNode *c = parent->children; c != NULL; c = c->next) {
		const char *cid = c->type == XML_ELEMENT_NODE ? pcmk_xml_attr(c, "id") : NULL;

		if (!cib_patch_node_counts(c) || strcmp((const char *)c->name, name) != 0) {
			continue;
		}
		if (id != NULL && (cid == NULL || strcmp(cid, id) != 0)) {
			continue;
		}
		if (c->type == XML_COMMENT_NODE && position >= 0 && position_of(c) != position) {
			continue;
		}
		return c;
	}
	return NULL;
}

/* Split step @step ("name" or "name[@id='ID']") in place. */
static bool parse_step(char *step, const char **name, const char **id)
{
	char *open = strchr(step, '[');
	size_t len;

	*name = step;
	*id = NULL;
	if (open == NULL) {
		return *step != '\0';
	}
	len = strlen(open);
	if (open == step || strncmp(open, "[@id='", 6) != 0 || len < 8 ||
	    strcmp(open + len - 2, "']") != 0) {
		return false;
	}
	*open = '\0';
	open[len - 2] = '\0';
	*id = open + 6;
	return true;
}

/* Walk @path from the root of the copy.  Returns the element, or NULL
 * with *@malformed telling a bad path from one that finds nothing. */
static xmlNode *resolve(struct applier *a, const char *path, long long position, bool *malformed)
{
	char **steps;
	xmlNode *at = NULL;

	*malformed = path == NULL || path[0] != '/';
	if (*malformed) {
		return NULL;
	}
	steps = g_strsplit(path + 1, "/", -1);
	for (size_t i = 0; steps[i] != NULL; i++) {
		const char *name, *id;
		long long pos = steps[i + 1] == NULL ? position : -1;

		if (!parse_step(steps[i], &name, &id)) {
			*malformed = true;
			at = NULL;
			break;
		}
		if (i == 0) {
			at = strcmp((const char *)a->cib->name, name) == 0 &&
					     (id == NULL ||
					      g_strcmp0(pcmk_xml_attr(a->cib, "id"), id) == 0)
				     ? a->cib
				     : NULL;
		} else {
			at = first_match(at, name, id, pos);
		}
		if (at == NULL) {
			break;
		}
	}
	g_strfreev(steps);
	return at;
}

static int read_position(struct applier *a, const xmlNode *change, long long fallback,
			 long long *out)
{
	int rc = pcmk_xml_attr_int(change, CIB_PATCH_POSITION, out);

	if (rc == -ENOENT) {
		*out = fallback;
		return 0;
	}
	if (rc < 0 || *out < 0) {
		return fail(a, change, "position \"%s\" is not a non-negative number",
			    pcmk_xml_attr(change, CIB_PATCH_POSITION));
	}
	return 0;
}

static bool within(const xmlNode *node, const xmlNode *top)
{
	for (; node != NULL; node = node->parent) {
		if (node == top) {
			return true;
		}
	}
	return false;
}

static int apply_delete(struct applier *a, const xmlNode *change, xmlNode *match)
{
	if (match == a->cib) {
		return fail(a, change, "the root element cannot be deleted");
	}
	for (GList *l = a->pending; l != NULL; l = l->next) {
		const struct pending *p = l->data;

		if (within(p->match, match)) {
			return fail(a, change, "deletes the target of an earlier %s",
				    pcmk_xml_attr(p->change, CIB_PATCH_OP));
		}
	}
	xmlUnlinkNode(match);
	xmlFreeNode(match);
	return 0;
}

/* A modify replaces every attribute with those of the result. */
static int apply_modify(struct applier *a, const xmlNode *change, xmlNode *match)
{
	const xmlNode *result =
		pcmk_xml_first_child(pcmk_xml_first_child(change, CIB_PATCH_RESULT), NULL);

	if (result == NULL) {
		return fail(a, change, "no <" CIB_PATCH_RESULT "> element to take attributes from");
	}
	while (match->properties != NULL) {
		xmlRemoveProp(match->properties);
	}
	for (const xmlAttr *attr = result->properties; attr != NULL; attr = attr->next) {
		const char *name = (const char *)attr->name;
		int rc = pcmk_xml_set_attr(match, name, pcmk_xml_attr(result, name));

		if (rc < 0) {
			return fail(a, change, "cannot set attribute %s: %s", name, strerror(-rc));
		}
	}
	return 0;
}

static int defer(struct applier *a, const xmlNode *change, xmlNode *match, bool move)
{
	struct pending *p = g_new0(struct pending, 1);
	int rc = read_position(a, change, 0, &p->position);

	p->change = change;
	p->match = match;
	a->pending = g_list_append(a->pending, p);
	if (rc == 0 && move && match->parent != NULL && match->parent->last != match) {
		xmlAddNextSibling(match->parent->last, match);
	}
	return rc;
}

static int apply_create(struct applier *a, const struct pending *p)
{
	const xmlNode *source = p->change->children;
	xmlNode *copy, *before;

	while (source != NULL && !cib_patch_node_counts(source)) {
		source = source->next;
	}
	if (source == NULL) {
		return fail(a, p->change, "nothing to create");
	}
	copy = xmlDocCopyNode((xmlNode *)source, a->cib->doc, 1);
	if (copy == NULL) {
		return fail(a, p->change, "out of memory");
	}
	before = child_at(p->match, p->position);
	if (before != NULL) {
		xmlAddPrevSibling(before, copy);
	} else {
		xmlAddChild(p->match, copy);
	}
	return 0;
}

static int apply_move(struct applier *a, const struct pending *p)
{
	xmlNode *match = p->match, *before;
	long long target = p->position;

	if (match->parent == NULL || p->position == position_of(match)) {
		return 0;
	}
	if (target > position_of(match)) {
		target++; /* count past the element itself */
	}
	before = child_at(match->parent, target);
	if (before == NULL) {
		xmlAddNextSibling(match->parent->last, match);
	} else if (before != match) {
		xmlAddPrevSibling(before, match);
	}
	if (position_of(match) != p->position) {
		return fail(a, p->change, "moved to position %lld instead of %lld",
			    position_of(match), p->position);
	}
	return 0;
}

/* 1-based number of @change among the changes of its patch. */
static int change_number(const xmlNode *change)
{
	int n = 0;

	for (const xmlNode *c = change; c != NULL; c = c->prev) {
		n += pcmk_xml_attr(c, CIB_PATCH_OP) != NULL;
	}
	return n;
}

static gint by_position(gconstpointer x, gconstpointer y)
{
	const struct pending *a = x, *b = y;

	return a->position < b->position ? -1 : a->position > b->position;
}

/* The second pass: creates and moves in order of position (a stable
 * sort keeps patch order among equal positions). */
static int run_pending(struct applier *a)
{
	int rc = 0;

	a->pending = g_list_sort(a->pending, by_position);
	for (GList *l = a->pending; l != NULL && rc == 0; l = l->next) {
		const struct pending *p = l->data;

		a->index = change_number(p->change);
		if (strcmp(pcmk_xml_attr(p->change, CIB_PATCH_OP), "create") == 0) {
			rc = apply_create(a, p);
		} else {
			rc = apply_move(a, p);
		}
	}
	return rc;
}

static int apply_change(struct applier *a, const xmlNode *change)
{
	const char *op = pcmk_xml_attr(change, CIB_PATCH_OP);
	long long position = -1;
	bool malformed = false;
	xmlNode *match;
	int rc;

	if (strcmp(op, "delete") == 0 && (rc = read_position(a, change, -1, &position)) < 0) {
		return rc;
	}
	match = resolve(a, pcmk_xml_attr(change, CIB_PATCH_PATH), position, &malformed);
	if (malformed) {
		return fail(a, change, "not a path of the form /name/name[@id='ID']...");
	}
	if (strcmp(op, "delete") == 0) {
		return match != NULL ? apply_delete(a, change, match) : 0;
	}
	if (match == NULL) {
		return fail(a, change, "no element at this path");
	}
	if (strcmp(op, "modify") == 0) {
		return apply_modify(a, change, match);
	}
	if (strcmp(op, "create") == 0 || strcmp(op, "move") == 0) {
		return defer(a, change, match, strcmp(op, "move") == 0);
	}
	return fail(a, change, "unknown operation \"%s\"", op);
}

static int apply_all(struct applier *a, const xmlNode *patch)
{
	int rc = 0;

	a->index = 0;
	for (const xmlNode *c = pcmk_xml_first_child(patch, NULL); c != NULL && rc == 0;
	     c = pcmk_xml_next(c, false)) {
		/* Like pacemaker, anything without an operation (the version
		 * block) is not a change. */
		if (pcmk_xml_attr(c, CIB_PATCH_OP) != NULL) {
			a->index++;
			rc = apply_change(a, c);
		}
	}
	return rc == 0 ? run_pending(a) : rc;
}

/* Pacemaker's version rule: the CIB must be at the patch's source (a
 * missing field there means "as the CIB"), and the target must be newer
 * in some field, else the patch is stale. */
static int check_version(const xmlNode *cib, const xmlNode *patch, char **why)
{
	const xmlNode *version = pcmk_xml_first_child(patch, CIB_PATCH_VERSION);
	const xmlNode *source = pcmk_xml_first_child(version, CIB_PATCH_SOURCE);
	const xmlNode *target = pcmk_xml_first_child(version, CIB_PATCH_TARGET);
	long long this[3], from[3], to[3];
	bool newer = false;

	for (size_t i = 0; i < 3; i++) {
		if (pcmk_xml_attr_int(cib, cib_patch_version_attrs[i], &this[i]) < 0 ||
		    this[i] < 0) {
			this[i] = 0;
		}
		from[i] = this[i];
		to[i] = this[i] + (i == 2);
		pcmk_xml_attr_int(source, cib_patch_version_attrs[i], &from[i]);
		pcmk_xml_attr_int(target, cib_patch_version_attrs[i], &to[i]);
	}
	for (size_t i = 0; i < 3; i++) {
		if (this[i] != from[i]) {
			if (asprintf(why,
				     "the patch is for CIB version %lld.%lld.%lld but the CIB is "
				     "at %lld.%lld.%lld",
				     from[0], from[1], from[2], this[0], this[1], this[2]) < 0) {
				*why = NULL;
			}
			return this[i] < from[i] ? -PCMK_E_DIFF_RESYNC : -PCMK_E_OLD_DATA;
		}
		newer = newer || to[i] > from[i];
	}
	if (!newer && asprintf(why, "the patch does not move the version on from %lld.%lld.%lld",
			       from[0], from[1], from[2]) < 0) {
		*why = NULL;
	}
	return newer ? 0 : -PCMK_E_OLD_DATA;
}

/* Fields the patch's target names are written onto the result. */
static int set_target(xmlNode *cib, const xmlNode *patch)
{
	const xmlNode *version = pcmk_xml_first_child(patch, CIB_PATCH_VERSION);
	const xmlNode *target = pcmk_xml_first_child(version, CIB_PATCH_TARGET);

	for (size_t i = 0; i < 3; i++) {
		long long v;

		if (pcmk_xml_attr_int(target, cib_patch_version_attrs[i], &v) == 0) {
			int rc = pcmk_xml_set_attr_int(cib, cib_patch_version_attrs[i], v);

			if (rc < 0) {
				return rc;
			}
		}
	}
	return 0;
}

/* A patch that carries a digest was made against a CIB whose versioned
 * digest is that: a different result means the CIBs had drifted apart. */
static int check_digest(struct applier *a, const xmlNode *patch)
{
	const char *expected = pcmk_xml_attr(patch, "digest");
	char digest[CIB_DIGEST_SIZE];
	int rc;

	if (expected == NULL) {
		return 0;
	}
	rc = cib_digest_versioned(a->cib, digest);
	if (rc < 0) {
		return rc;
	}
	if (g_ascii_strcasecmp(digest, expected) != 0) {
		free(a->error);
		if (asprintf(&a->error, "the result's digest is %s, the patch expects %s", digest,
			     expected) < 0) {
			a->error = NULL;
		}
		return -PCMK_E_DIFF_FAILED;
	}
	return 0;
}

/* Give @cib the content of @copy.  The old content is freed while it
 * still belongs to its own document (whose dictionary may own its
 * names); the copy's nodes own their names, so they can move. */
static void take_over(xmlNode *cib, xmlNode *copy)
{
	xmlNode *c;

	xmlFreePropList(cib->properties);
	cib->properties = NULL;
	while ((c = cib->children) != NULL) {
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	for (xmlAttr *p = copy->properties; p != NULL; p = p->next) {
		p->parent = cib;
		xmlSetTreeDoc((xmlNode *)p, cib->doc);
	}
	cib->properties = copy->properties;
	copy->properties = NULL;
	while ((c = copy->children) != NULL) {
		xmlUnlinkNode(c);
		xmlAddChild(cib, c);
	}
}

static bool is_format_2(const xmlNode *patch)
{
	return pcmk_xml_is(patch, CIB_PATCH_ROOT) &&
	       g_strcmp0(pcmk_xml_attr(patch, "format"), "2") == 0;
}

static int patch_copy(xmlNode *cib, const xmlNode *patch, struct applier *a)
{
	int rc;

	a->cib = pcmk_xml_copy(cib);
	if (a->cib == NULL) {
		return -ENOMEM;
	}
	rc = apply_all(a, patch);
	if (rc == 0) {
		rc = set_target(a->cib, patch);
	}
	if (rc == 0) {
		rc = check_digest(a, patch);
	}
	return rc;
}

int cib_patch_apply(xmlNode *cib, const xmlNode *patch, bool ignore_version, char **error)
{
	struct applier a = { 0 };
	int rc = 0;

	if (!pcmk_xml_is(cib, "cib") || !is_format_2(patch)) {
		rc = -EINVAL;
		a.error = strdup(!pcmk_xml_is(cib, "cib") ? "not a <cib> element"
							  : "not a <diff format=\"2\"> patch");
	} else if (!ignore_version) {
		rc = check_version(cib, patch, &a.error);
	}
	if (rc == 0) {
		rc = patch_copy(cib, patch, &a);
	}
	if (rc == 0) {
		take_over(cib, a.cib);
	}
	pcmk_xml_free(a.cib);
	g_list_free_full(a.pending, g_free);
	if (error != NULL) {
		*error = a.error;
	} else {
		free(a.error);
	}
	return rc;
}
