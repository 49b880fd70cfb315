/*
 * Bundles: the resources and guest nodes unpacking makes for each replica,
 * the container agents' generated parameters, how history on a replica's
 * guest node finds its instance, the status text, and where scheduling
 * puts replicas.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <crm/common/xml.h>
#include <crm/pengine/sched.h>
#include <crm/pengine/status_text.h>

#include "../pe_bundle_private.h"
#include "../pe_sched_private.h"
#include "unpacked_cib.h"

#define HEAD                                                                            \
	"<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>" \
	"<nvpair id='o1' name='stonith-enabled' value='false'/>"                        \
	"</cluster_property_set></crm_config>"                                          \
	"<nodes><node id='1' uname='node1'/><node id='2' uname='node2'/></nodes>"
#define STATE(n)                           \
	"<node_state id='" n "' uname='" n \
	"' in_ccm='true' crmd='online' join='member' expected='member'>"
#define OP(rsc, node, call)                                                       \
	"<lrm_rsc_op id='" rsc "_last_" call "' operation_key='" rsc "_start_0' " \
	"operation='start' call-id='" call                                        \
	"' rc-code='0' op-status='0' interval='0' on_node='" node "'/>"
#define LRM(rsc, provider, type, ops)                                                         \
	"<lrm_resource id='" rsc "' class='ocf' provider='" provider "' type='" type "'>" ops \
	"</lrm_resource>"

/* Two replicas of web, each with an address, a port, a shared and a
 * per-replica directory; a single-replica bundle without a primitive. */
static const char resources[] =
	"<resources><bundle id='web'>"
	"<docker image='img:1' replicas='2' options='--log-driver=journald'/>"
	"<network ip-range-start='192.0.2.254' host-interface='eth0' host-netmask='24'>"
	"<port-mapping id='web-port' port='80'/></network>"
	"<storage><storage-mapping id='s1' source-dir='/srv' target-dir='/var/www' options='ro'/>"
	"<storage-mapping id='s2' source-dir-root='/var/logs' target-dir='/logs'/></storage>"
	"<primitive id='httpd' class='ocf' provider='heartbeat' type='apache'/>"
	"</bundle>"
	"<bundle id='plain'><podman image='img:2' network='host'/></bundle>"
	"</resources>";

static struct unpacked_cib *unpack(const char *extra_config, const char *status)
{
	char *text = g_strconcat(HEAD, resources, extra_config, "</configuration><status>", status,
				 "</status></cib>", NULL);
	struct unpacked_cib *f = unpacked_cib_new(text);

	g_free(text);
	return f;
}

static const char *param(struct pe_cluster *c, const char *rsc, const char *name)
{
	struct pe_resource *r = pe_resource_find(c, rsc);

	assert_non_null(r);
	return g_hash_table_lookup(r->params, name);
}

static void test_unpack_members(void **state)
{
	struct unpacked_cib *f = unpack("", "");
	struct pe_resource *web = pe_bundle_find(f->c, "web");
	const struct pe_bundle *b;

	(void)state;
	assert_non_null(web);
	assert_int_equal(web->variant, PE_BUNDLE);
	b = web->bundle_data;
	assert_int_equal(b->nreplicas, 2);
	assert_string_equal(b->agent, "docker");
	assert_string_equal(b->image, "img:1");
	assert_string_equal(b->replicas[0].ipaddr, "192.0.2.254");
	/* The range runs on over the last octet. */
	assert_string_equal(b->replicas[1].ipaddr, "192.0.2.255");
	assert_string_equal(b->replicas[1].ip->id, "web-ip-192.0.2.255");
	assert_string_equal(b->replicas[1].container->id, "web-docker-1");
	assert_string_equal(b->replicas[1].remote->id, "web-1");
	assert_string_equal(b->replicas[1].child->id, "httpd:1");
	assert_string_equal(b->clone->id, "web-clone");
	assert_int_equal(b->clone->clone_max, 2);
	assert_ptr_equal(b->replicas[1].remote->container, b->replicas[1].container);
	assert_ptr_equal(b->replicas[1].container->bundle, web);
	/* The replicas' guest nodes take nothing else. */
	assert_true(b->replicas[1].node->guest);
	assert_int_equal(b->replicas[1].node->weight, -PE_INFINITY);
	/* Without a primitive: a container only, no guest node. */
	b = pe_bundle_find(f->c, "plain")->bundle_data;
	assert_null(b->replicas[0].remote);
	assert_null(b->replicas[0].node);
	assert_string_equal(b->replicas[0].container->id, "plain-podman-0");
	assert_null(pe_bundle_find(f->c, "httpd"));
	unpacked_cib_free(f);
}

static void test_generated_params(void **state)
{
	struct unpacked_cib *f = unpack("", "");

	(void)state;
	assert_string_equal(param(f->c, "web-docker-0", "run_opts"),
			    " --restart=no -h web-0 -e PCMK_stderr=1 -e PCMK_remote_port=3121"
			    " -v /srv:/var/www:ro -v /var/logs/web-0:/logs"
			    " -v /etc/pacemaker/authkey:/etc/pacemaker/authkey"
			    " -v /var/log/pacemaker/bundles/web-0:/var/log"
			    " -p 192.0.2.254:80:80 -p 192.0.2.254:3121:3121 --log-driver=journald "
			    " --add-host=web-0:192.0.2.254 --add-host=web-1:192.0.2.255");
	assert_string_equal(param(f->c, "web-docker-0", "mount_points"),
			    "/var/logs/web-0,/var/log/pacemaker/bundles/web-0");
	assert_string_equal(param(f->c, "web-docker-0", "run_cmd"), "/usr/sbin/pacemaker-remoted");
	assert_string_equal(param(f->c, "web-ip-192.0.2.254", "nic"), "eth0");
	assert_string_equal(param(f->c, "web-ip-192.0.2.254", "cidr_netmask"), "24");
	assert_string_equal(param(f->c, "web-1", "addr"), "192.0.2.255");
	assert_string_equal(param(f->c, "web-1", "port"), "3121");
	/* podman restarts nothing itself; the host's network maps no ports. */
	assert_string_equal(param(f->c, "plain-podman-0", "run_opts"),
			    " -e PCMK_stderr=1 --net=host -e PCMK_remote_port=3121 ");
	assert_null(param(f->c, "plain-podman-0", "run_cmd"));
	unpacked_cib_free(f);
}

static void test_replica_ip_limits(void **state)
{
	xmlNode *b = pcmk_xml_new_root("bundle");
	xmlNode *net;
	struct pe_bundle_spec spec;
	char *ip;

	(void)state;
	pcmk_xml_set_attr(b, "id", "b");
	pcmk_xml_set_attr(pcmk_xml_add_child(b, "rkt"), "image", "i");
	assert_int_equal(pe_bundle_spec_read(b, &spec), 0);
	assert_null(pe_bundle_replica_ip(&spec, 0));
	net = pcmk_xml_add_child(b, "network");
	pcmk_xml_set_attr(net, "ip-range-start", "255.255.255.255");
	assert_int_equal(pe_bundle_spec_read(b, &spec), 0);
	ip = pe_bundle_replica_ip(&spec, 0);
	assert_string_equal(ip, "255.255.255.255");
	g_free(ip);
	assert_null(pe_bundle_replica_ip(&spec, 1));
	pcmk_xml_set_attr(net, "ip-range-start", "fe80::1");
	assert_int_equal(pe_bundle_spec_read(b, &spec), 0);
	assert_null(pe_bundle_replica_ip(&spec, 0));
	pcmk_xml_remove_attr(pcmk_xml_first_child(b, "rkt"), "image");
	assert_int_equal(pe_bundle_spec_read(b, &spec), -EINVAL);
	pcmk_xml_free(b);
}

/* web-docker-0 runs on node1, and httpd in its replica web-0; history of
 * httpd on web-1 belongs to instance 1 whichever is free. */
static const char running[] = STATE("node1") "<lrm id='1'><lrm_resources>" LRM(
	"web-docker-0", "heartbeat", "docker", OP("web-docker-0", "node1", "2"))
	LRM("web-0", "pacemaker", "remote", OP("web-0", "node1", "3")) LRM(
		"web-ip-192.0.2.254", "heartbeat", "IPaddr2",
		OP("web-ip-192.0.2.254", "node1",
		   "1")) "</lrm_resources></lrm></node_state>"
			 "<node_state id='web-0' uname='web-0' remote_node='true'><lrm id='web-0'>"
			 "<lrm_resources>" LRM(
				 "httpd", "heartbeat", "apache",
				 OP("httpd", "web-0", "4")) "</lrm_resources></lrm></node_state>";

static void test_history_and_text(void **state)
{
	struct unpacked_cib *f = unpack("", running);
	const struct pe_bundle *b = pe_bundle_find(f->c, "web")->bundle_data;
	GString *out = g_string_new(NULL);

	(void)state;
	assert_int_equal(b->replicas[0].child->running_on->len, 1);
	assert_int_equal(b->replicas[1].child->running_on->len, 0);
	assert_true(b->replicas[0].node->online);
	pe_status_text_resources(f->c, 1, PE_ST_INACTIVE, out);
	assert_string_equal(out->str,
			    "  * Container bundle set: web [img:1]:\n"
			    "    * web-0 (192.0.2.254)\t(ocf:heartbeat:apache):\t Started node1\n"
			    "    * web-1 (192.0.2.255)\t(ocf:heartbeat:apache):\t Stopped\n"
			    "  * Container bundle: plain [img:2]:\n"
			    "    * plain-podman-0\t(ocf:heartbeat:podman):\t Stopped\n");
	/* Only active bundles without -r. */
	g_string_truncate(out, 0);
	pe_status_text_resources(f->c, 1, 0, out);
	assert_null(strstr(out->str, "plain"));
	assert_non_null(strstr(out->str, "web-1 (192.0.2.255)"));
	g_string_free(out, TRUE);
	unpacked_cib_free(f);
}

static void schedule(const char *extra_config, const char *status, struct pe_cluster **c,
		     xmlDoc **doc, xmlNode **graph)
{
	char *text = g_strconcat(HEAD, resources, extra_config, "</configuration><status>", status,
				 "</status></cib>", NULL);
	struct pe_time now = { 0, 0 };
	struct pe_sched_options opts = { 0 };
	char *error = NULL;

	opts.now = &now;
	assert_int_equal(pcmk_xml_parse(text, strlen(text), doc, &error), 0);
	assert_int_equal(pe_schedule(xmlDocGetRootElement(*doc), &opts, c, graph, &error), 0);
	g_free(text);
}

#define ONLINE STATE("node1") "</node_state>" STATE("node2") "</node_state>"

static void test_schedule_replicas(void **state)
{
	struct pe_cluster *c;
	xmlDoc *doc;
	xmlNode *graph;
	const struct pe_bundle *b;

	(void)state;
	schedule("", ONLINE, &c, &doc, &graph);
	b = pe_bundle_find(c, "web")->bundle_data;
	assert_non_null(b->replicas[0].container->assigned);
	assert_non_null(b->replicas[1].container->assigned);
	/* One replica per host, each address with its container, each
	 * instance in its own replica. */
	assert_ptr_not_equal(b->replicas[0].container->assigned,
			     b->replicas[1].container->assigned);
	for (int i = 0; i < 2; i++) {
		assert_ptr_equal(b->replicas[i].ip->assigned, b->replicas[i].container->assigned);
		assert_ptr_equal(b->replicas[i].remote->assigned,
				 b->replicas[i].container->assigned);
		assert_ptr_equal(b->replicas[i].child->assigned, b->replicas[i].node);
	}
	assert_non_null(pe_action_find(c, "web_start_0", NULL));
	assert_false(pe_action_find(c, "web_start_0", NULL)->flags & PE_ACT_OPTIONAL);
	pcmk_xml_free(graph);
	pe_cluster_free(c);
	xmlFreeDoc(doc);
}

/* A location constraint on a bundle places its containers. */
static void test_schedule_location(void **state)
{
	struct pe_cluster *c;
	xmlDoc *doc;
	xmlNode *graph;
	const struct pe_bundle *b;

	(void)state;
	schedule("<constraints><rsc_location id='l' rsc='plain' node='node1' score='-INFINITY'/>"
		 "</constraints>",
		 ONLINE, &c, &doc, &graph);
	b = pe_bundle_find(c, "plain")->bundle_data;
	assert_non_null(b->replicas[0].container->assigned);
	assert_string_equal(b->replicas[0].container->assigned->uname, "node2");
	pcmk_xml_free(graph);
	pe_cluster_free(c);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unpack_members),    cmocka_unit_test(test_generated_params),
		cmocka_unit_test(test_replica_ip_limits), cmocka_unit_test(test_history_and_text),
		cmocka_unit_test(test_schedule_replicas), cmocka_unit_test(test_schedule_location),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
