/*
 * The CPG group store: members in corosync's order, and cpg iteration
 * snapshots in the order corosync's daemon gives them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../cpg_groups.h"

static mar_cpg_name_t name(const char *text)
{
	mar_cpg_name_t n;

	memset(&n, 0, sizeof(n));
	n.length = (uint32_t)strlen(text);
	memcpy(n.value, text, n.length);
	return n;
}

static struct cpg_group *group(const char *text)
{
	mar_cpg_name_t n = name(text);

	return cpg_group_get(&n, true);
}

static int teardown(void **state)
{
	cpg_groups_clear();
	return 0;
}

static void assert_entry(const mar_cpg_iteration_description_t *d, const char *group_name,
			 uint32_t nodeid, uint32_t pid)
{
	mar_cpg_name_t n = name(group_name);

	assert_int_equal(mar_cpg_name_compare(&d->group, &n), 0);
	assert_int_equal(d->nodeid, nodeid);
	assert_int_equal(d->pid, pid);
}

static void members_are_kept_by_node_and_pid(void **state)
{
	struct cpg_group *g = group("g");

	assert_true(cpg_group_add(g, 3, 10));
	assert_true(cpg_group_add(g, 1, 30));
	assert_true(cpg_group_add(g, 1, 20));
	assert_true(cpg_group_add(g, 2, 5));
	assert_false(cpg_group_add(g, 1, 20));
	assert_int_equal(g->n, 4);
	assert_int_equal(g->members[0].nodeid, 1);
	assert_int_equal(g->members[0].pid, 20);
	assert_int_equal(g->members[1].nodeid, 1);
	assert_int_equal(g->members[1].pid, 30);
	assert_int_equal(g->members[2].nodeid, 2);
	assert_int_equal(g->members[3].nodeid, 3);
}

/* A group of members m1 < m2 < m3 comes out m1, m3, m2: each process goes
 * right after the first entry of its group; a new group goes in front. */
static void iteration_groups_as_corosync_does(void **state)
{
	mar_cpg_iteration_description_t *d = NULL;
	mar_cpg_name_t none = name("");

	assert_true(cpg_group_add(group("one"), 1, 100));
	assert_true(cpg_group_add(group("one"), 1, 300));
	assert_true(cpg_group_add(group("one"), 1, 200));
	assert_true(cpg_group_add(group("two"), 1, 150));

	assert_int_equal(cpg_groups_iteration(CPG_ITERATION_ALL, &none, &d), 4);
	assert_entry(&d[0], "two", 1, 150);
	assert_entry(&d[1], "one", 1, 100);
	assert_entry(&d[2], "one", 1, 300);
	assert_entry(&d[3], "one", 1, 200);
	free(d);
}

static void iteration_of_names_and_of_one_group(void **state)
{
	mar_cpg_iteration_description_t *d = NULL;
	mar_cpg_name_t one = name("one");

	assert_true(cpg_group_add(group("one"), 1, 100));
	assert_true(cpg_group_add(group("two"), 2, 50));
	assert_true(cpg_group_add(group("one"), 2, 60));

	assert_int_equal(cpg_groups_iteration(CPG_ITERATION_NAME_ONLY, &one, &d), 2);
	assert_entry(&d[0], "two", 0, 0);
	assert_entry(&d[1], "one", 0, 0);
	free(d);

	assert_int_equal(cpg_groups_iteration(CPG_ITERATION_ONE_GROUP, &one, &d), 2);
	assert_entry(&d[0], "one", 1, 100);
	assert_entry(&d[1], "one", 2, 60);
	free(d);
}

static void iteration_of_nothing(void **state)
{
	mar_cpg_iteration_description_t *d = NULL;
	mar_cpg_name_t none = name("");

	assert_int_equal(cpg_groups_iteration(CPG_ITERATION_ALL, &none, &d), 0);
	assert_non_null(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(members_are_kept_by_node_and_pid, teardown),
		cmocka_unit_test_teardown(iteration_groups_as_corosync_does, teardown),
		cmocka_unit_test_teardown(iteration_of_names_and_of_one_group, teardown),
		cmocka_unit_test_teardown(iteration_of_nothing, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
