/*
 * Remote and guest nodes: the nodes and guest connections unpacking makes,
 * when they are up, what history on them means, how the status text lists
 * them, and where the scheduler may put resources and connections.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <crm/common/xml.h>
#include <crm/pengine/sched.h>
#include <crm/pengine/status_text.h>

#include "../pe_sched_private.h"
#include "unpacked_cib.h"

#define DUMMY(id) "<primitive id='" id "' class='ocf' provider='pacemaker' type='Dummy'/>"
#define STATE(n)                           \
	"<node_state id='" n "' uname='" n \
	"' in_ccm='true' crmd='online' join='member' expected='member'>"
#define OP(rsc, task, node, call)                                                             \
	"<lrm_rsc_op id='" rsc "_last_" call "' operation_key='" rsc "_" task                 \
	"_0' operation='" task "' call-id='" call "' rc-code='0' op-status='0' interval='0' " \
	"on_node='" node "'/>"
/* An lrm_resource of @rsc, an OCF agent of @provider and @type. */
#define LRM(rsc, provider, type, ops)                                                         \
	"<lrm_resource id='" rsc "' class='ocf' provider='" provider "' type='" type "'>" ops \
	"</lrm_resource>"

/* vm1 is the container of guest node guest1; remote1 a remote node.  The
 * status is completed per test: where vm1 and remote1 run, what ran in
 * guest1. */
static const char config[] =
	"<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
	"<nvpair id='o1' name='stonith-enabled' value='false'/>"
	"</cluster_property_set></crm_config>"
	"<nodes><node id='1' uname='node1'/><node id='2' uname='node2'/></nodes>"
	"<resources>"
	"<primitive id='vm1' class='ocf' provider='heartbeat' type='VirtualDomain'>"
	"<meta_attributes id='vm1-m'>"
	"<nvpair id='vm1-m1' name='remote-node' value='guest1'/>"
	"<nvpair id='vm1-m2' name='remote-addr' value='192.0.2.5'/>"
	"</meta_attributes></primitive>"
	"<primitive id='remote1' class='ocf' provider='pacemaker' type='remote'/>"
	"<primitive id='fence1' class='stonith' type='fence_dummy'/>" DUMMY("A")
		DUMMY("B") "</resources><constraints>"
			   "<rsc_location id='B-on-guest' rsc='B' node='guest1' score='100'/>"
			   "</constraints><rsc_defaults><meta_attributes id='d'>"
			   "<nvpair id='d1' name='resource-stickiness' value='100'/>"
			   "</meta_attributes></rsc_defaults></configuration><status>";

static struct unpacked_cib *unpack(const char *status)
{
	char *text = g_strconcat(config, status, "</status></cib>", NULL);
	struct unpacked_cib *f = unpacked_cib_new(text);

	g_free(text);
	return f;
}

/* vm1 and remote1 run on node1; A ran in guest1. */
static const char all_up[] = STATE("1") "<lrm id='1'><lrm_resources>" LRM(
	"vm1", "heartbeat", "VirtualDomain",
	OP("vm1", "start", "node1", "2")) LRM("remote1", "pacemaker", "remote",
					      OP("remote1", "start", "node1", "3"))
	LRM("guest1", "pacemaker", "remote",
	    OP("guest1", "start", "node1",
	       "4")) "</lrm_resources></lrm></node_state>" STATE("2") "</node_state>"
								      "<node_state id='guest1' "
								      "uname='guest1' "
								      "remote_node='true'>"
								      "<lrm "
								      "id='guest1'><lrm_"
								      "resources>" LRM(
									      "A", "pacemaker",
									      "Dummy",
									      OP("A", "start",
										 "guest1",
										 "5")) "</"
										       "lrm_"
										       "resources><"
										       "/lrm></"
										       "node_"
										       "state>";

/* Nothing runs: node1 and node2 up with empty histories, A in guest1. */
static const char container_down[] = STATE("1") "</node_state>" STATE(
	"2") "</node_state>"
	     "<node_state id='guest1' uname='guest1' remote_node='true'>"
	     "<lrm id='guest1'><lrm_resources>" LRM(
		     "A", "pacemaker", "Dummy",
		     OP("A", "start", "guest1", "5")) "</lrm_resources></lrm></node_state>";

static void test_nodes_made(void **state)
{
	struct unpacked_cib *f = unpack(all_up);
	struct pe_node *guest = pe_node_find(f->c, "guest1");
	struct pe_node *remote = pe_node_find(f->c, "remote1");

	(void)state;
	assert_int_equal(f->c->nodes->len, 4);
	assert_non_null(guest);
	assert_true(guest->remote && guest->guest);
	assert_string_equal(g_hash_table_lookup(guest->attrs, "#kind"), "container");
	assert_non_null(remote);
	assert_true(remote->remote && !remote->guest);
	assert_false(pe_node_find(f->c, "node1")->remote);
	unpacked_cib_free(f);
}

static void test_guest_connection(void **state)
{
	struct unpacked_cib *f = unpack(all_up);
	struct pe_resource *conn = pe_resource_find(f->c, "guest1");

	(void)state;
	assert_non_null(conn);
	assert_true(conn->implicit);
	assert_string_equal(conn->type, "remote");
	assert_ptr_equal(conn->container, pe_resource_find(f->c, "vm1"));
	assert_ptr_equal(conn->remote_node, pe_node_find(f->c, "guest1"));
	assert_ptr_equal(pe_node_find(f->c, "guest1")->remote_rsc, conn);
	assert_string_equal(g_hash_table_lookup(conn->params, "addr"), "192.0.2.5");
	assert_null(g_hash_table_lookup(conn->params, "port"));
	assert_false(pe_resource_find(f->c, "remote1")->implicit);
	unpacked_cib_free(f);
}

static void test_online_with_connection(void **state)
{
	struct unpacked_cib *f = unpack(all_up);
	struct pe_node *guest = pe_node_find(f->c, "guest1");
	struct pe_resource *a = pe_resource_find(f->c, "A");

	(void)state;
	assert_true(guest->online);
	assert_true(pe_node_find(f->c, "remote1")->online);
	assert_ptr_equal(pe_node_guest_host(guest), pe_node_find(f->c, "node1"));
	assert_null(pe_node_guest_host(pe_node_find(f->c, "remote1")));
	assert_int_equal(a->running_on->len, 1);
	assert_ptr_equal(a->running_on->pdata[0], guest);
	assert_false(a->failed);
	unpacked_cib_free(f);
}

static void test_offline_without_container(void **state)
{
	struct unpacked_cib *f = unpack(container_down);
	struct pe_node *guest = pe_node_find(f->c, "guest1");
	struct pe_resource *a = pe_resource_find(f->c, "A");

	(void)state;
	assert_false(guest->online);
	assert_false(pe_node_find(f->c, "remote1")->online);
	assert_null(pe_node_guest_host(guest));
	/* Without fencing, what a node that is down last said is moot. */
	assert_int_equal(a->running_on->len, 0);
	assert_false(a->failed);
	assert_false(guest->unclean);
	unpacked_cib_free(f);
}

static void test_status_text(void **state)
{
	struct unpacked_cib *f = unpack(all_up);
	GString *out = g_string_new(NULL);

	(void)state;
	pe_status_text_nodes(f->c, 1, out);
	assert_non_null(strstr(out->str, "  * Online: [ node1 node2 ]\n"));
	assert_non_null(strstr(out->str, "  * RemoteOnline: [ remote1 ]\n"));
	assert_non_null(strstr(out->str, "  * GuestOnline: [ guest1 ]\n"));
	g_string_truncate(out, 0);
	pe_status_text_resources(f->c, 1, 0, out);
	assert_non_null(strstr(out->str, "remote1\t(ocf:pacemaker:remote):\t Started node1"));
	assert_non_null(strstr(out->str, "A\t(ocf:pacemaker:Dummy):\t Started guest1"));
	assert_null(strstr(out->str, "guest1\t"));
	assert_string_equal(pe_status_node_kind(pe_node_find(f->c, "guest1")), "GuestNode");
	assert_string_equal(pe_status_node_kind(pe_node_find(f->c, "remote1")), "RemoteNode");
	g_string_free(out, TRUE);
	unpacked_cib_free(f);
}

static void test_offline_guest_not_listed(void **state)
{
	struct unpacked_cib *f = unpack(container_down);
	GString *out = g_string_new(NULL);

	(void)state;
	pe_status_text_nodes(f->c, 1, out);
	assert_null(strstr(out->str, "guest1"));
	assert_non_null(strstr(out->str, "  * RemoteOFFLINE: [ remote1 ]\n"));
	g_string_free(out, TRUE);
	unpacked_cib_free(f);
}

static struct pe_cluster *schedule(const char *status, xmlDoc **doc, xmlNode **graph)
{
	char *text = g_strconcat(config, status, "</status></cib>", NULL);
	struct pe_time now = { 0, 0 };
	struct pe_sched_options opts = { .now = &now };
	struct pe_cluster *c = NULL;
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), doc, &error), 0);
	assert_int_equal(pe_schedule(xmlDocGetRootElement(*doc), &opts, &c, graph, &error), 0);
	g_free(text);
	return c;
}

/* The named rsc_op of @graph, or NULL. */
static xmlNode *graph_op(xmlNode *graph, const char *key)
{
	for (xmlNode *syn = pcmk_xml_first_child(graph, "synapse"); syn != NULL;
	     syn = pcmk_xml_next(syn, true)) {
		xmlNode *op =
			pcmk_xml_first_child(pcmk_xml_first_child(syn, "action_set"), "rsc_op");

		if (op != NULL && g_strcmp0(pcmk_xml_attr(op, "operation_key"), key) == 0) {
			return op;
		}
	}
	return NULL;
}

static void test_placement(void **state)
{
	xmlDoc *doc = NULL;
	xmlNode *graph = NULL;
	struct pe_cluster *c = schedule(container_down, &doc, &graph);
	struct pe_node *guest = pe_node_find(c, "guest1");
	struct pe_node *remote = pe_node_find(c, "remote1");
	struct pe_resource *fence = pe_resource_find(c, "fence1");
	struct pe_node *host = pe_resource_find(c, "vm1")->assigned;
	xmlNode *start;

	(void)state;
	/* The guest will be up once its container and connection start. */
	assert_ptr_equal(pe_resource_find(c, "B")->assigned, guest);
	/* No fencing device, container or connection on a remote node. */
	assert_int_equal(fence->scores[guest->index], -PE_INFINITY);
	assert_int_equal(fence->scores[remote->index], -PE_INFINITY);
	assert_int_equal(pe_resource_find(c, "vm1")->scores[guest->index], -PE_INFINITY);
	assert_int_equal(pe_resource_find(c, "remote1")->scores[remote->index], -PE_INFINITY);
	/* The guest connection goes with its container. */
	assert_non_null(host);
	assert_false(host->remote);
	assert_ptr_equal(pe_resource_find(c, "guest1")->assigned, host);
	/* Actions on the guest go through the node its connection runs on. */
	start = graph_op(graph, "B_start_0");
	assert_non_null(start);
	assert_string_equal(pcmk_xml_attr(start, "on_node"), "guest1");
	assert_string_equal(pcmk_xml_attr(start, "router_node"), host->uname);
	assert_null(pcmk_xml_attr(graph_op(graph, "vm1_start_0"), "router_node"));
	pcmk_xml_free(graph);
	pe_cluster_free(c);
	xmlFreeDoc(doc);
}

/* The guest connection and its container: a start waits for both. */
static void test_start_waits_for_connection(void **state)
{
	xmlDoc *doc = NULL;
	xmlNode *graph = NULL;
	struct pe_cluster *c = schedule(container_down, &doc, &graph);
	struct pe_action *b_start = pe_action_find(c, "B_start_0", pe_node_find(c, "guest1"));
	bool after_conn = false, after_container = false;

	(void)state;
	assert_non_null(b_start);
	for (guint i = 0; i < b_start->before->len; i++) {
		struct pe_action *first =
			g_array_index(b_start->before, struct pe_action_edge, i).action;

		after_conn = after_conn || strcmp(first->uuid, "guest1_start_0") == 0;
		after_container = after_container || strcmp(first->uuid, "vm1_start_0") == 0;
	}
	assert_true(after_conn);
	assert_true(after_container);
	pcmk_xml_free(graph);
	pe_cluster_free(c);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nodes_made),
		cmocka_unit_test(test_guest_connection),
		cmocka_unit_test(test_online_with_connection),
		cmocka_unit_test(test_offline_without_container),
		cmocka_unit_test(test_status_text),
		cmocka_unit_test(test_offline_guest_not_listed),
		cmocka_unit_test(test_placement),
		cmocka_unit_test(test_start_waits_for_connection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
