/*
 * The resources of a colocation or order: two plain resources, or
 * resource sets.  A run of plain resources is one sequential set, "( )"
 * a set with sequential=false, "[ ]" one with require-all=false too;
 * name=value inside brackets sets the set's attributes, after all
 * resources the constraint's (symmetrical=false, node-attribute=...).
 * RSC:SUFFIX is a role in a colocation and an action in an order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

struct set_item {
	char *rsc;
	char *suffix; /* role or action, NULL when none */
	int group;    /* bracket group index, -1 when outside brackets */
};

struct set_parse {
	GArray *items;     /* struct set_item */
	GPtrArray *groups; /* xmlNode * (detached resource_set templates) */
	bool with_actions;
};

static void item_add(struct set_parse *sp, const char *tok, int group)
{
	struct set_item it = { NULL, NULL, group };
	const char *colon = strchr(tok, ':');

	it.rsc = colon ? g_strndup(tok, (size_t)(colon - tok)) : g_strdup(tok);
	it.suffix = colon ? g_strdup(colon + 1) : NULL;
	g_array_append_val(sp->items, it);
}

/* A bracket group from "(" or "[" up to its closing bracket. */
static int parse_group_tokens(struct parser *p, struct set_parse *sp, char open)
{
	const char *close = (open == '(') ? ")" : "]";
	xmlNode *set = pcmk_xml_new_root("resource_set");
	int index = (int)sp->groups->len;

	if (open == '[') {
		pcmk_xml_set_attr(set, "require-all", "false");
	}
	pcmk_xml_set_attr(set, "sequential", "false");
	g_ptr_array_add(sp->groups, set);
	while (!p_end(p) && (strcmp(p_peek(p), close) != 0)) {
		const char *tok = p_next(p);
		const char *eq = strchr(tok, '=');

		if (nv_is_pair(tok)) {
			char *name = g_strndup(tok, (size_t)(eq - tok));

			if ((strcmp(name, "sequential") == 0) && (strcmp(eq + 1, "true") == 0)) {
				pcmk_xml_remove_attr(set, "sequential");
			} else {
				pcmk_xml_set_attr(set, name, eq + 1);
			}
			g_free(name);
		} else {
			item_add(sp, tok, index);
		}
	}
	return p_accept(p, close) ? 0 : p_fail(p, (open == '(') ? "expected )" : "expected ]");
}

static int collect(struct parser *p, struct set_parse *sp, xmlNode *cons)
{
	while (!p_end(p)) {
		const char *tok = p_next(p);

		if ((strcmp(tok, "(") == 0) || (strcmp(tok, "[") == 0)) {
			if (parse_group_tokens(p, sp, tok[0]) < 0) {
				return -EINVAL;
			}
		} else if (nv_is_pair(tok)) {
			const char *eq = strchr(tok, '=');
			char *name = g_strndup(tok, (size_t)(eq - tok));

			pcmk_xml_set_attr(cons, name, eq + 1);
			g_free(name);
		} else {
			item_add(sp, tok, -1);
		}
	}
	return 0;
}

static void simple_form(struct set_parse *sp, xmlNode *cons)
{
	static const char *const coloc[] = { "rsc", "rsc-role", "with-rsc", "with-rsc-role" };
	static const char *const order[] = { "first", "first-action", "then", "then-action" };
	const char *const *names = sp->with_actions ? order : coloc;

	for (guint i = 0; i < 2; i++) {
		struct set_item *it = &g_array_index(sp->items, struct set_item, i);

		pcmk_xml_set_attr(cons, names[2 * i], it->rsc);
		if (it->suffix != NULL) {
			pcmk_xml_set_attr(cons, names[2 * i + 1], it->suffix);
		}
	}
}

/* Whether item @i starts a new set after item @i - 1. */
static bool starts_set(struct set_parse *sp, guint i)
{
	struct set_item *a = NULL, *b = NULL;

	if (i == 0) {
		return true;
	}
	a = &g_array_index(sp->items, struct set_item, i - 1);
	b = &g_array_index(sp->items, struct set_item, i);
	return (a->group != b->group) || (b->group == -1 && g_strcmp0(a->suffix, b->suffix) != 0);
}

static xmlNode *open_set(struct parser *p, struct set_parse *sp, xmlNode *cons,
			 const struct set_item *it)
{
	xmlNode *set = pcmk_xml_add_child(cons, "resource_set");
	char *id = p_new_id(p, pcmk_xml_attr(cons, "id"));

	if (it->group >= 0) {
		xmlNode *tmpl = g_ptr_array_index(sp->groups, it->group);

		for (xmlAttr *a = tmpl->properties; a != NULL; a = a->next) {
			pcmk_xml_set_attr(set, (const char *)a->name,
					  pcmk_xml_attr(tmpl, (const char *)a->name));
		}
	}
	if (it->suffix != NULL) {
		pcmk_xml_set_attr(set, sp->with_actions ? "action" : "role", it->suffix);
	}
	pcmk_xml_set_attr(set, "id", id);
	g_free(id);
	return set;
}

static void sets_form(struct parser *p, struct set_parse *sp, xmlNode *cons)
{
	xmlNode *set = NULL;

	for (guint i = 0; i < sp->items->len; i++) {
		struct set_item *it = &g_array_index(sp->items, struct set_item, i);

		if (starts_set(sp, i)) {
			set = open_set(p, sp, cons, it);
		}
		pcmk_xml_set_attr(pcmk_xml_add_child(set, "resource_ref"), "id", it->rsc);
	}
}

static void set_parse_clear(struct set_parse *sp)
{
	for (guint i = 0; i < sp->items->len; i++) {
		struct set_item *it = &g_array_index(sp->items, struct set_item, i);

		g_free(it->rsc);
		g_free(it->suffix);
	}
	g_array_free(sp->items, TRUE);
	for (guint i = 0; i < sp->groups->len; i++) {
		pcmk_xml_free(g_ptr_array_index(sp->groups, i));
	}
	g_ptr_array_free(sp->groups, TRUE);
}

int parse_sets(struct parser *p, xmlNode *cons, bool with_actions)
{
	struct set_parse sp = { g_array_new(FALSE, FALSE, sizeof(struct set_item)),
				g_ptr_array_new(), with_actions };
	int rc = collect(p, &sp, cons);

	if ((rc == 0) && (sp.items->len < 2)) {
		rc = p_fail(p, "expected <rsc> <rsc>");
	} else if ((rc == 0) && (sp.groups->len == 0) && (sp.items->len == 2)) {
		simple_form(&sp, cons);
	} else if (rc == 0) {
		sets_form(p, &sp, cons);
	}
	set_parse_clear(&sp);
	return rc;
}
