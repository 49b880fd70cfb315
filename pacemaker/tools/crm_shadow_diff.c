/*
 * crm_shadow --diff: a patch between the live CIB and the shadow
 * (crm/cib/patch.h), printed one line per change as pacemaker logs a
 * patchset.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <crm/cib/patch.h>
#include <crm/cib/version.h>
#include <crm/common/xml.h>

#include "crm_shadow.h"

static void print_escaped(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static void print_open_tag(FILE *out, const xmlNode *el)
{
	fprintf(out, "<%s", (const char *)el->name);
	for (const xmlAttr *a = el->properties; a != NULL; a = a->next) {
		fprintf(out, " %s=\"", (const char *)a->name);
		print_escaped(out, pcmk_xml_attr(el, (const char *)a->name));
		fputc('"', out);
	}
	/* as pacemaker's patch log: the open tag ends "/>" even when the
	 * children follow on their own lines */
	fputs("/>\n", out);
}

/* A created element: the first line after @lead, the rest indented below
 * it with "++" in front. */
static void print_created(FILE *out, const xmlNode *el, int col, int depth, const char *lead)
{
	bool has_children = pcmk_xml_first_child(el, NULL) != NULL;

	if (lead != NULL) {
		fputs(lead, out);
	} else {
		fprintf(out, "++%*s", col - 2 + depth * 2, "");
	}
	print_open_tag(out, el);
	for (xmlNode *c = pcmk_xml_first_child(el, NULL); c != NULL; c = pcmk_xml_next(c, false)) {
		print_created(out, c, col, depth + 1, NULL);
	}
	if (has_children) {
		fprintf(out, "++%*s</%s>\n", col - 2 + depth * 2, "", (const char *)el->name);
	}
}

/* "@a=1, @b=2" for the attributes set (@set) or removed by a modify. */
static void print_attr_list(FILE *out, const char *mark, const char *path, const xmlNode *list,
			    bool set)
{
	bool first = true;

	for (xmlNode *a = pcmk_xml_first_child(list, "change-attr"); a != NULL;
	     a = pcmk_xml_next(a, true)) {
		const char *op = pcmk_xml_attr(a, "operation");

		if ((op != NULL && strcmp(op, "set") == 0) != set) {
			continue;
		}
		if (first) {
			fprintf(out, "%s %s:  @%s", mark, path, pcmk_xml_attr(a, "name"));
		} else {
			fprintf(out, ", @%s", pcmk_xml_attr(a, "name"));
		}
		if (set) {
			fprintf(out, "=%s", pcmk_xml_attr(a, "value"));
		}
		first = false;
	}
	if (!first) {
		fputc('\n', out);
	}
}

static void print_change(FILE *out, const xmlNode *change)
{
	const char *op = pcmk_xml_attr(change, "operation");
	const char *path = pcmk_xml_attr(change, "path");

	if (op == NULL || path == NULL) {
		return;
	}
	if (strcmp(op, "delete") == 0) {
		fprintf(out, "-- %s\n", path);
	} else if (strcmp(op, "create") == 0 && pcmk_xml_first_child(change, NULL) != NULL) {
		char lead[4096];
		int col = snprintf(lead, sizeof(lead), "++ %s:  ", path);

		print_created(out, pcmk_xml_first_child(change, NULL), col, 0, lead);
	} else if (strcmp(op, "modify") == 0) {
		const xmlNode *list = pcmk_xml_first_child(change, "change-list");

		print_attr_list(out, "+ ", path, list, true);
		print_attr_list(out, "--", path, list, false);
	} else if (strcmp(op, "move") == 0) {
		fprintf(out, "+~ %s moved to offset %s\n", path, pcmk_xml_attr(change, "position"));
	}
}

static void print_header(FILE *out, const xmlNode *old, const xmlNode *new)
{
	struct cib_version a, b;

	cib_version_get(old, &a);
	cib_version_get(new, &b);
	if (a.admin_epoch == b.admin_epoch && a.epoch == b.epoch &&
	    a.num_updates == b.num_updates) {
		fprintf(out, "  : Local-only Change: %lld.%lld.%lld\n", b.admin_epoch, b.epoch,
			b.num_updates);
		return;
	}
	fprintf(out, "Diff: --- %lld.%lld.%lld 2\n", a.admin_epoch, a.epoch, a.num_updates);
	fprintf(out, "Diff: +++ %lld.%lld.%lld (null)\n", b.admin_epoch, b.epoch, b.num_updates);
}

int shadow_diff_print(FILE *out, const xmlNode *old, const xmlNode *new)
{
	xmlNode *patch = NULL;
	int rc = cib_patch_create(old, new, &patch, NULL);

	if (rc < 0) {
		return rc;
	}
	if (patch == NULL) {
		return 0;
	}
	print_header(out, old, new);
	for (xmlNode *c = pcmk_xml_first_child(patch, "change"); c != NULL;
	     c = pcmk_xml_next(c, true)) {
		print_change(out, c);
	}
	pcmk_xml_free(patch);
	return 1;
}
