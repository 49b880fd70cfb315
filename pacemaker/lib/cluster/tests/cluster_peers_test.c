/*
 * The peer cache: nodelist entries, membership and group transitions,
 * the callbacks they cause, names for nodes outside the nodelist.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../cluster_peers.h"

/* What the callbacks saw, as "id:state:group" words. */
struct seen {
	char log[1024];
	int resolved;
};

static const char state_letter[] = {
	[PCMK_PEER_UNKNOWN] = 'U', [PCMK_PEER_MEMBER] = 'M', [PCMK_PEER_LOST] = 'L'
};

static void changed(const struct pcmk_peer *peer, void *data)
{
	struct seen *s = data;
	size_t used = strlen(s->log);

	snprintf(s->log + used, sizeof(s->log) - used, "%s%u:%c:%d", used > 0 ? " " : "",
		 peer->nodeid, state_letter[peer->state], peer->in_group ? 1 : 0);
}

/* Nodes 100 and up have a name outside the nodelist; others have none. */
static char *resolve(uint32_t nodeid, void *data)
{
	struct seen *s = data;
	char *name = NULL;

	s->resolved++;
	if (nodeid >= 100 && asprintf(&name, "far%u", nodeid) < 0) {
		return NULL;
	}
	return name;
}

static struct cluster_peers *new_cache(struct seen *s)
{
	const struct cluster_peers_ops ops = { .resolve = resolve, .changed = changed };
	struct cluster_peers *peers = cluster_peers_new(&ops, s);

	assert_non_null(peers);
	assert_int_equal(cluster_peers_add(peers, 3, "node3"), 0);
	assert_int_equal(cluster_peers_add(peers, 1, "node1"), 0);
	assert_int_equal(cluster_peers_add(peers, 2, "node2"), 0);
	return peers;
}

static void take_log(struct seen *s, const char *want)
{
	assert_string_equal(s->log, want);
	s->log[0] = '\0';
}

static void nodelist_entries_are_unknown(void **state)
{
	struct seen s = { 0 };
	struct cluster_peers *peers = new_cache(&s);
	const struct pcmk_peer *p = cluster_peers_get(peers, 2);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p->name, "node2");
	assert_int_equal(p->state, PCMK_PEER_UNKNOWN);
	assert_false(p->in_group);
	assert_null(cluster_peers_get(peers, 4));
	take_log(&s, "");
	assert_int_equal(cluster_peers_add(peers, 0, "zero"), -EINVAL);
	assert_int_equal(cluster_peers_add(peers, 2, NULL), 0);
	assert_string_equal(cluster_peers_get(peers, 2)->name, "2");
	assert_int_equal(cluster_peers_add(peers, 2, "renamed"), 0);
	assert_string_equal(cluster_peers_get(peers, 2)->name, "renamed");
	assert_int_equal(s.resolved, 0);
	cluster_peers_free(peers);
}

static void membership_transitions(void **state)
{
	struct seen s = { 0 };
	struct cluster_peers *peers = new_cache(&s);
	const uint32_t all[] = { 2, 1, 3 }, two[] = { 1, 2 };

	(void)state;
	assert_int_equal(cluster_peers_set_members(peers, two, 2), 0);
	take_log(&s, "1:M:0 2:M:0");
	assert_int_equal(cluster_peers_get(peers, 3)->state, PCMK_PEER_UNKNOWN);
	assert_int_equal(cluster_peers_set_members(peers, two, 2), 0);
	take_log(&s, ""); /* nothing changed, nothing said */
	assert_int_equal(cluster_peers_set_members(peers, all, 3), 0);
	take_log(&s, "3:M:0");
	assert_int_equal(cluster_peers_set_members(peers, two + 1, 1), 0);
	take_log(&s, "1:L:0 3:L:0");
	assert_int_equal(cluster_peers_set_members(peers, NULL, 0), 0);
	take_log(&s, "2:L:0");
	assert_int_equal(cluster_peers_set_members(peers, two, 2), 0);
	take_log(&s, "1:M:0 2:M:0");
	assert_int_equal(cluster_peers_get(peers, 3)->state, PCMK_PEER_LOST);
	assert_int_equal(s.resolved, 0);
	cluster_peers_free(peers);
}

static void unlisted_nodes_get_names(void **state)
{
	struct seen s = { 0 };
	struct cluster_peers *peers = new_cache(&s);
	const uint32_t ring[] = { 1, 150, 7 };

	(void)state;
	assert_int_equal(cluster_peers_set_members(peers, ring, 3), 0);
	take_log(&s, "1:M:0 7:M:0 150:M:0");
	assert_int_equal(s.resolved, 2);
	assert_string_equal(cluster_peers_get(peers, 150)->name, "far150");
	assert_string_equal(cluster_peers_get(peers, 7)->name, "7");
	assert_int_equal(cluster_peers_set_members(peers, ring, 3), 0);
	assert_int_equal(s.resolved, 2); /* resolved once, when first seen */
	cluster_peers_free(peers);
}

static void group_transitions(void **state)
{
	struct seen s = { 0 };
	struct cluster_peers *peers = new_cache(&s);
	const uint32_t ring[] = { 1, 2, 3 };
	const struct pcmk_group_member g1[] = { { 1, 10 }, { 1, 11 }, { 3, 30 } };
	const struct pcmk_group_member g2[] = { { 3, 30 }, { 120, 5 } };

	(void)state;
	cluster_peers_set_members(peers, ring, 3);
	take_log(&s, "1:M:0 2:M:0 3:M:0");
	assert_int_equal(cluster_peers_set_group(peers, g1, 3), 0);
	take_log(&s, "1:M:1 3:M:1");
	assert_true(cluster_peers_get(peers, 1)->in_group);
	assert_false(cluster_peers_get(peers, 2)->in_group);
	assert_int_equal(cluster_peers_set_group(peers, g1 + 1, 2), 0);
	take_log(&s, ""); /* node 1 still has a process in the group */
	assert_int_equal(cluster_peers_set_group(peers, g2, 2), 0);
	take_log(&s, "1:M:0 120:U:1");
	assert_string_equal(cluster_peers_get(peers, 120)->name, "far120");
	assert_int_equal(cluster_peers_set_group(peers, NULL, 0), 0);
	take_log(&s, "3:M:0 120:U:0");
	cluster_peers_free(peers);
}

static void collect(const struct pcmk_peer *peer, void *data)
{
	struct seen *s = data;

	changed(peer, s);
}

static void foreach_in_node_order(void **state)
{
	struct seen s = { 0 };
	struct cluster_peers *peers = new_cache(&s);

	(void)state;
	for (uint32_t id = 60; id > 4; id -= 7) {
		assert_int_equal(cluster_peers_add(peers, id, NULL), 0);
	}
	s.log[0] = '\0';
	assert_int_equal(cluster_peers_foreach(peers, collect, &s), 11);
	take_log(&s, "1:U:0 2:U:0 3:U:0 11:U:0 18:U:0 25:U:0 32:U:0 39:U:0 46:U:0 53:U:0 "
		     "60:U:0");
	cluster_peers_free(peers);
	cluster_peers_free(NULL);
}

static void without_callbacks(void **state)
{
	struct cluster_peers *peers = cluster_peers_new(NULL, NULL);
	const uint32_t ring[] = { 5 };

	(void)state;
	assert_non_null(peers);
	assert_int_equal(cluster_peers_set_members(peers, ring, 1), 0);
	assert_string_equal(cluster_peers_get(peers, 5)->name, "5");
	assert_int_equal(cluster_peers_get(peers, 5)->state, PCMK_PEER_MEMBER);
	assert_string_equal(cluster_peer_state_name(PCMK_PEER_LOST), "lost");
	cluster_peers_free(peers);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nodelist_entries_are_unknown),
		cmocka_unit_test(membership_transitions),
		cmocka_unit_test(unlisted_nodes_get_names),
		cmocka_unit_test(group_transitions),
		cmocka_unit_test(foreach_in_node_order),
		cmocka_unit_test(without_callbacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
