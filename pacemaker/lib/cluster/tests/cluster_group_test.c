/*
 * CPG process lists as group members (sorted by node id, then pid), and
 * corosync's results as errno values.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../cluster_private.h"

static void members_sorted_by_node_then_pid(void **state)
{
	const struct cpg_address in[] = {
		{ 3, 40, CPG_REASON_JOIN }, { 1, 900, 0 }, { 3, 7, 0 }, { 2, 5, 0 }, { 1, 12, 0 },
	};
	const struct pcmk_group_member want[] = {
		{ 1, 12 }, { 1, 900 }, { 2, 5 }, { 3, 7 }, { 3, 40 }
	};
	struct pcmk_group_member *out = NULL;

	(void)state;
	assert_int_equal(cluster_group_members(in, 5, &out), 0);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(out[i].nodeid, want[i].nodeid);
		assert_int_equal(out[i].pid, want[i].pid);
	}
	free(out);
}

static void no_members(void **state)
{
	struct pcmk_group_member *out = (void *)1;

	(void)state;
	assert_int_equal(cluster_group_members(NULL, 0, &out), 0);
	assert_null(out);
}

static void corosync_results(void **state)
{
	(void)state;
	assert_int_equal(cluster_cs_errno(CS_OK), 0);
	assert_int_equal(cluster_cs_errno(CS_ERR_LIBRARY), -ENOTCONN);
	assert_int_equal(cluster_cs_errno(CS_ERR_TRY_AGAIN), -EAGAIN);
	assert_int_equal(cluster_cs_errno(CS_ERR_NOT_EXIST), -ENOENT);
	assert_int_equal(cluster_cs_errno(CS_ERR_SECURITY), -EACCES);
	assert_int_equal(cluster_cs_errno((cs_error_t)29), -EPROTO);
	assert_int_equal(cluster_cs_errno((cs_error_t)0), -EPROTO);
	assert_int_equal(cluster_cs_errno((cs_error_t)5000), -EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(members_sorted_by_node_then_pid),
		cmocka_unit_test(no_members),
		cmocka_unit_test(corosync_results),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
