/*
 * The "Node List" section: nodes in a state worth a line of their own
 * (unclean, pending, standby, maintenance, unhealthy) one per line in name
 * order, then the rest summarized as Online/OFFLINE (and remote) lists.
 */
#include <string.h>

#include "pe_status_text_private.h"

enum node_list {
	LIST_ONLINE,
	LIST_OFFLINE,
	LIST_REMOTE_ONLINE,
	LIST_REMOTE_OFFLINE,
	LIST_GUEST_ONLINE,
	N_LISTS,
	LIST_NONE = N_LISTS
};

static const char *const list_names[N_LISTS] = {
	[LIST_ONLINE] = "Online",
	[LIST_OFFLINE] = "OFFLINE",
	[LIST_REMOTE_ONLINE] = "RemoteOnline",
	[LIST_REMOTE_OFFLINE] = "RemoteOFFLINE",
	[LIST_GUEST_ONLINE] = "GuestOnline",
};

/* The summary list a node goes in; offline guest nodes go in none, as
 * their containers (listed with the resources) tell the story. */
static enum node_list list_of(const struct pe_node *node)
{
	if (node->guest) {
		return node->online ? LIST_GUEST_ONLINE : LIST_NONE;
	}
	if (node->remote) {
		return node->online ? LIST_REMOTE_ONLINE : LIST_REMOTE_OFFLINE;
	}
	return node->online ? LIST_ONLINE : LIST_OFFLINE;
}

const char *pe_status_node_kind(const struct pe_node *node)
{
	if (node->guest) {
		return "GuestNode";
	}
	return node->remote ? "RemoteNode" : "Node";
}

static const char *unclean_text(const struct pe_node *node)
{
	if (node->online) {
		return "UNCLEAN (online)";
	}
	return node->pending ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
}

/* The state of a node shown on a line of its own. */
const char *pe_status_node_state(const struct pe_node *node)
{
	if (node->unclean) {
		return unclean_text(node);
	}
	if (node->pending) {
		return "pending";
	}
	if (node->standby_onfail && node->online) {
		return "standby (on-fail)";
	}
	if (node->standby) {
		if (!node->online) {
			return "OFFLINE (standby)";
		}
		return node->running->len > 0 ? "standby (with active resources)" : "standby";
	}
	if (node->maintenance) {
		return node->online ? "maintenance" : "OFFLINE (maintenance)";
	}
	return node->online ? "online" : "OFFLINE";
}

static bool shown_alone(const struct pe_cluster *c, const struct pe_node *node)
{
	return node->unclean || node->pending || (node->standby_onfail && node->online) ||
	       node->standby || node->maintenance || pe_st_node_health(c, node) <= 0;
}

static void node_line(const struct pe_cluster *c, const struct pe_node *node, int depth,
		      GString *out)
{
	int health = pe_st_node_health(c, node);
	const char *suffix = "";

	if (health < 0) {
		suffix = " (health is RED)";
	} else if (health == 0) {
		suffix = " (health is YELLOW)";
	}
	pe_st_item(out, depth, "%s %s: %s%s", pe_status_node_kind(node), node->uname,
		   pe_status_node_state(node), suffix);
}

static void add_word(GString **list, const char *word)
{
	if (*list == NULL) {
		*list = g_string_new(word);
	} else {
		g_string_append_printf(*list, " %s", word);
	}
}

void pe_st_node_list(const struct pe_cluster *c, int depth, GString *out)
{
	GPtrArray *nodes = pe_st_sorted_nodes(c->nodes);
	GString *lists[N_LISTS] = { NULL };

	for (guint i = 0; i < nodes->len; i++) {
		const struct pe_node *node = nodes->pdata[i];

		if (shown_alone(c, node)) {
			node_line(c, node, depth, out);
		} else if (list_of(node) != LIST_NONE) {
			add_word(&lists[list_of(node)], node->uname);
		}
	}
	for (int l = 0; l < N_LISTS; l++) {
		if (lists[l] != NULL) {
			pe_st_item(out, depth, "%s: [ %s ]", list_names[l], lists[l]->str);
			g_string_free(lists[l], TRUE);
		}
	}
	g_ptr_array_free(nodes, TRUE);
}
