/*
 * What cfg reports of nodes: addresses from the nodelist, from the
 * transport for ring members outside it, and link 0's status.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../cfg_int.h"

static const uint32_t ring[] = { 1, 2, 9, 10 };

static const char *learned(uint32_t nodeid, char *buf, size_t size)
{
	if (nodeid != 9) {
		return NULL;
	}
	snprintf(buf, size, "192.0.2.9");
	return buf;
}

static void set_v4(struct sockaddr_storage *ss, const char *text)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	in->sin_family = AF_INET;
	in->sin_port = htons(5405);
	assert_int_equal(inet_pton(AF_INET, text, &in->sin_addr), 1);
}

static int setup(void **state)
{
	struct totem_config *t = calloc(1, sizeof(*t));
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&t->nodes[2].addr;
	struct cfg_view *v = calloc(1, sizeof(*v));

	t->nodeid = 1;
	t->netmtu = 1500;
	set_v4(&t->bind_addr, "127.0.0.1");
	t->node_count = 3;
	t->nodes[0].nodeid = 1;
	t->nodes[0].addr = t->bind_addr;
	t->nodes[1].nodeid = 2;
	set_v4(&t->nodes[1].addr, "10.0.0.2");
	t->nodes[2].nodeid = 3;
	in6->sin6_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::3", &in6->sin6_addr);
	v->totem = t;
	v->members = ring;
	v->n_members = 4;
	v->addr = learned;
	*state = v;
	return 0;
}

static int teardown(void **state)
{
	struct cfg_view *v = *state;

	free((void *)v->totem);
	free(v);
	return 0;
}

static void assert_v4(const struct sockaddr_storage *ss, const char *want)
{
	char buf[INET_ADDRSTRLEN];

	assert_int_equal(ss->ss_family, AF_INET);
	inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void addresses(void **state)
{
	const struct cfg_view *v = *state;
	struct sockaddr_storage ss;
	struct cfg_view no_transport = *v;

	assert_int_equal(cfg_node_addr(v, 0, &ss), 0);
	assert_v4(&ss, "127.0.0.1");
	assert_int_equal(cfg_node_addr(v, 1, &ss), 0);
	assert_v4(&ss, "127.0.0.1");
	assert_int_equal(cfg_node_addr(v, 2, &ss), 0);
	assert_v4(&ss, "10.0.0.2");
	assert_int_equal(cfg_node_addr(v, 3, &ss), 0);
	assert_int_equal(ss.ss_family, AF_INET6);
	/* in the ring but not in the nodelist: what the transport learned */
	assert_int_equal(cfg_node_addr(v, 9, &ss), 0);
	assert_v4(&ss, "192.0.2.9");
	assert_int_equal(cfg_node_addr(v, 10, &ss), -ENOENT);
	assert_int_equal(cfg_node_addr(v, 4, &ss), -ENOENT);
	no_transport.addr = NULL;
	assert_int_equal(cfg_node_addr(&no_transport, 9, &ss), -ENOENT);
	/* the transport is asked only about members */
	no_transport = *v;
	no_transport.n_members = 2;
	assert_int_equal(cfg_node_addr(&no_transport, 9, &ss), -ENOENT);
}

static void known_nodes(void **state)
{
	const struct cfg_view *v = *state;

	assert_true(cfg_node_known(v, 1));
	assert_true(cfg_node_known(v, 3));  /* in the nodelist only */
	assert_true(cfg_node_known(v, 10)); /* in the ring, address unknown */
	assert_false(cfg_node_known(v, 4));
	assert_false(cfg_node_known(v, 0));
}

static void the_local_node(void **state)
{
	const struct cfg_view *v = *state;
	struct corosync_cfg_node_status_v1 st;

	assert_int_equal(cfg_node_status(v, 0, &st), 0);
	assert_int_equal(st.version, CFG_NODE_STATUS_V1);
	assert_int_equal(st.nodeid, 1);
	assert_int_equal(st.reachable, 1);
	assert_int_equal(st.link_status[0].enabled, 1);
	assert_int_equal(st.link_status[0].connected, 1);
	assert_int_equal(st.link_status[0].mtu, 1500);
	assert_string_equal(st.link_status[0].src_ipaddr, "127.0.0.1");
	assert_string_equal(st.link_status[0].dst_ipaddr, "127.0.0.1");
	for (int i = 1; i < CFG_MAX_LINKS; i++) {
		assert_int_equal(st.link_status[i].enabled, 0);
	}
}

static void other_nodes(void **state)
{
	const struct cfg_view *v = *state;
	struct corosync_cfg_node_status_v1 st;

	assert_int_equal(cfg_node_status(v, 2, &st), 0);
	assert_int_equal(st.nodeid, 2);
	assert_int_equal(st.reachable, 1);
	assert_int_equal(st.link_status[0].connected, 1);
	/* corosync-cfgtool prints the source as the link's address */
	assert_string_equal(st.link_status[0].src_ipaddr, "127.0.0.1");
	assert_string_equal(st.link_status[0].dst_ipaddr, "10.0.0.2");

	/* configured, not in the ring */
	assert_int_equal(cfg_node_status(v, 3, &st), 0);
	assert_int_equal(st.reachable, 0);
	assert_int_equal(st.link_status[0].enabled, 1);
	assert_int_equal(st.link_status[0].connected, 0);
	assert_string_equal(st.link_status[0].dst_ipaddr, "2001:db8::3");

	memset(&st, 0xff, sizeof(st));
	assert_int_equal(cfg_node_status(v, 4, &st), -ENOENT);
	assert_int_equal(st.nodeid, 0);
	assert_int_equal(st.link_status[0].enabled, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(addresses, setup, teardown),
		cmocka_unit_test_setup_teardown(known_nodes, setup, teardown),
		cmocka_unit_test_setup_teardown(the_local_node, setup, teardown),
		cmocka_unit_test_setup_teardown(other_nodes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
