/*
 * The public calls' argument checks, which need no corosync.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/cluster.h>
#include <crm/common/xml.h>

static void on_message(struct pcmk_cluster *c, uint32_t from, xmlNode *msg, void *data)
{
	(void)c;
	(void)from;
	(void)msg;
	(void)data;
	fail_msg("no message can arrive");
}

static void on_group(struct pcmk_cluster *c, const struct pcmk_group_member *members,
		     size_t n_members, const struct pcmk_group_member *joined, size_t n_joined,
		     const struct pcmk_group_member *left, size_t n_left, void *data)
{
	(void)c;
	(void)members;
	(void)n_members;
	(void)joined;
	(void)n_joined;
	(void)left;
	(void)n_left;
	(void)data;
	fail_msg("no group change can arrive");
}

static void connect_rejects_bad_arguments(void **state)
{
	const struct pcmk_cluster_ops ops = { .message = on_message, .group_change = on_group };
	const struct pcmk_cluster_ops no_message = { .group_change = on_group };
	const struct pcmk_cluster_ops no_group = { .message = on_message };
	char long_name[200];
	int rc = 0;

	(void)state;
	memset(long_name, 'g', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_null(pcmk_cluster_connect(NULL, &ops, NULL, &rc));
	assert_int_equal(rc, -EINVAL);
	rc = 0;
	assert_null(pcmk_cluster_connect("", &ops, NULL, &rc));
	assert_int_equal(rc, -EINVAL);
	rc = 0;
	assert_null(pcmk_cluster_connect(long_name, &ops, NULL, &rc));
	assert_int_equal(rc, -EINVAL);
	rc = 0;
	assert_null(pcmk_cluster_connect("cib", NULL, NULL, &rc));
	assert_int_equal(rc, -EINVAL);
	rc = 0;
	assert_null(pcmk_cluster_connect("cib", &no_message, NULL, &rc));
	assert_int_equal(rc, -EINVAL);
	rc = 0;
	assert_null(pcmk_cluster_connect("cib", &no_group, NULL, NULL));
}

static void null_connection(void **state)
{
	xmlNode *msg = pcmk_xml_new_root("ping");

	(void)state;
	pcmk_cluster_disconnect(NULL);
	assert_int_equal(pcmk_cluster_send(NULL, 0, msg), -EINVAL);
	assert_int_equal(pcmk_cluster_local_nodeid(NULL), 0);
	assert_null(pcmk_cluster_local_name(NULL));
	assert_false(pcmk_cluster_quorate(NULL));
	assert_null(pcmk_cluster_peer(NULL, 1));
	assert_int_equal(pcmk_cluster_foreach_peer(NULL, NULL, NULL), 0);
	assert_int_equal(pcmk_cluster_node_name(1, NULL), -EINVAL);
	pcmk_xml_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(connect_rejects_bad_arguments),
		cmocka_unit_test(null_connection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
