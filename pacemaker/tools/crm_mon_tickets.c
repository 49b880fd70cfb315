/*
 * The tickets of crm_mon's XML output: every ticket a constraint depends
 * on or the status section records, whether it is granted, in standby,
 * and when it was last granted.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "crm_mon.h"

static void ticket_names(xmlNode *parent, const char *element, const char *attr, GPtrArray *ids)
{
	for (xmlNode *x = pcmk_xml_first_child(parent, element); x != NULL;
	     x = pcmk_xml_next(x, true)) {
		const char *id = pcmk_xml_attr(x, attr);

		if (id != NULL && !g_ptr_array_find_with_equal_func(ids, id, g_str_equal, NULL)) {
			g_ptr_array_add(ids, (gpointer)id);
		}
	}
}

static gint by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static xmlNode *ticket_state(const struct pe_cluster *c, const char *id)
{
	xmlNode *tickets = pcmk_xml_first_child(pcmk_xml_first_child(c->cib, "status"), "tickets");

	for (xmlNode *t = pcmk_xml_first_child(tickets, "ticket_state"); t != NULL;
	     t = pcmk_xml_next(t, true)) {
		if (g_strcmp0(pcmk_xml_attr(t, "id"), id) == 0) {
			return t;
		}
	}
	return NULL;
}

static bool attr_true(const xmlNode *x, const char *name)
{
	const char *v = pcmk_xml_attr(x, name);

	return v != NULL && (g_ascii_strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
			     g_ascii_strcasecmp(v, "yes") == 0 || g_ascii_strcasecmp(v, "on") == 0);
}

static void ticket_element(const struct pe_cluster *c, const char *id, xmlNode *list)
{
	xmlNode *state = ticket_state(c, id);
	xmlNode *x = pcmk_xml_add_child(list, "ticket");
	long long granted_at = -1;
	char when[64];

	pcmk_xml_set_attr(x, "id", id);
	pcmk_xml_set_attr(x, "status", attr_true(state, "granted") ? "granted" : "revoked");
	pcmk_xml_set_attr(x, "standby", attr_true(state, "standby") ? "true" : "false");
	if (state != NULL && pcmk_xml_attr_int(state, "last-granted", &granted_at) == 0 &&
	    granted_at >= 0) {
		mon_time_text(granted_at, when, sizeof(when));
		pcmk_xml_set_attr(x, "last-granted", when);
	}
}

void mon_tickets_xml(const struct pe_cluster *c, xmlNode *root)
{
	xmlNode *config = pcmk_xml_first_child(c->cib, "configuration");
	xmlNode *tickets = pcmk_xml_first_child(pcmk_xml_first_child(c->cib, "status"), "tickets");
	GPtrArray *ids = g_ptr_array_new();
	xmlNode *list = NULL;

	ticket_names(pcmk_xml_first_child(config, "constraints"), "rsc_ticket", "ticket", ids);
	ticket_names(tickets, "ticket_state", "id", ids);
	g_ptr_array_sort(ids, by_name);
	for (guint i = 0; i < ids->len; i++) {
		list = list != NULL ? list : pcmk_xml_add_child(root, "tickets");
		ticket_element(c, ids->pdata[i], list);
	}
	g_ptr_array_free(ids, TRUE);
}
