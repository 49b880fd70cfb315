/*
 * libstonith: result names, host lists, type look-up and the configuration
 * forms, driven through the null plugin of the staged plugin directory
 * ($STONITH_PLUGIN_DIR, set by make check).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <stonith/stonith_plugin.h>

static void test_result_names(void **state)
{
	(void)state;
	assert_string_equal(stonith_result_name(S_OK), "S_OK");
	assert_string_equal(stonith_result_name(S_BADCONFIG), "S_BADCONFIG");
	assert_string_equal(stonith_result_name(S_RESETFAIL), "S_RESETFAIL");
	assert_string_equal(stonith_result_name(S_OOPS), "S_OOPS");
	assert_string_equal(stonith_result_name(-1), "S_unknown");
	assert_string_equal(stonith_result_name(9), "S_unknown");
	assert_string_equal(stonith_result_text(S_ACCESS), "cannot access the device");
}

static void test_hostlist_parse(void **state)
{
	char **list = stonith_hostlist_parse("  Node1,node2\tNODE3 ,, ");

	(void)state;
	assert_non_null(list);
	assert_int_equal(stonith_strv_len(list), 3);
	assert_string_equal(list[0], "node1");
	assert_string_equal(list[1], "node2");
	assert_string_equal(list[2], "node3");
	assert_null(list[3]);
	stonith_free_hostlist(list);
	errno = 0;
	assert_null(stonith_hostlist_parse(" , "));
	assert_int_equal(errno, EINVAL);
	assert_null(stonith_hostlist_parse(NULL));
	stonith_free_hostlist(NULL);
}

static void test_words_keep_case(void **state)
{
	char **list = stonith_words_parse("VI_SERVER\nhost,list\n");

	(void)state;
	assert_int_equal(stonith_strv_len(list), 2);
	assert_string_equal(list[0], "VI_SERVER");
	assert_string_equal(list[1], "host,list");
	stonith_free_hostlist(list);
}

static bool has(char **list, const char *name)
{
	for (; list && *list; list++) {
		if (strcmp(*list, name) == 0) {
			return true;
		}
	}
	return false;
}

static void test_types(void **state)
{
	char **types = stonith_types();

	(void)state;
	assert_non_null(types);
	assert_true(has(types, "null"));
	assert_true(has(types, "meatware"));
	assert_true(has(types, "external/ssh"));
	assert_true(has(types, "external/testdev"));
	/* The external plugin is reached through its sub-types only. */
	assert_false(has(types, "external"));
	for (size_t i = 1; types[i] != NULL; i++) {
		assert_true(strcmp(types[i - 1], types[i]) < 0);
	}
	stonith_free_hostlist(types);
}

static void test_new_rejects_bad_types(void **state)
{
	(void)state;
	errno = 0;
	assert_null(stonith_new("nosuch"));
	assert_int_equal(errno, ENOENT);
	assert_null(stonith_new("../stonith2/null"));
	assert_int_equal(errno, ENOENT);
	assert_null(stonith_new("null/sub"));
	assert_null(stonith_new("external"));
	assert_null(stonith_new("external/"));
	assert_null(stonith_new("external/../null"));
	assert_null(stonith_new(""));
	assert_int_equal(errno, EINVAL);
	assert_null(stonith_new(NULL));
	stonith_delete(NULL);
}

static Stonith *null_device(void)
{
	Stonith *s = stonith_new("null");

	assert_non_null(s);
	assert_string_equal(stonith_type(s), "null");
	return s;
}

static void test_null_config_info(void **state)
{
	Stonith *s = null_device();
	const char *const *names = stonith_get_confignames(s);
	char **hosts;

	(void)state;
	assert_string_equal(names[0], "hostlist");
	assert_null(names[1]);
	/* Unconfigured devices refuse requests. */
	assert_int_equal(stonith_get_status(s), S_OOPS);
	assert_null(stonith_get_hostlist(s));
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "a"), S_OOPS);
	/* The last (only) name takes the whole string. */
	assert_int_equal(stonith_set_config_info(s, "hostlist=A b"), S_OK);
	hosts = stonith_get_hostlist(s);
	assert_int_equal(stonith_strv_len(hosts), 2);
	assert_string_equal(hosts[0], "hostlist=a");
	assert_string_equal(hosts[1], "b");
	stonith_free_hostlist(hosts);
	assert_int_equal(stonith_set_config_info(s, "   "), S_INVAL);
	assert_string_equal(stonith_config_error(s), "hostlist");
	stonith_delete(s);
}

static void test_null_config_pairs(void **state)
{
	Stonith *s = null_device();
	StonithNVpair other[] = { { "foo", "x" }, { NULL, NULL } };
	StonithNVpair empty[] = { { "hostlist", " , " }, { NULL, NULL } };
	StonithNVpair good[] = { { "foo", "x" }, { "hostlist", "n1 n2" }, { NULL, NULL } };

	(void)state;
	assert_int_equal(stonith_set_config(s, other), S_INVAL);
	assert_string_equal(stonith_config_error(s), "hostlist");
	assert_int_equal(stonith_set_config(s, empty), S_BADCONFIG);
	assert_string_equal(stonith_config_error(s), "hostlist");
	assert_int_equal(stonith_set_config(s, NULL), S_INVAL);
	assert_int_equal(stonith_set_config(s, good), S_OK);
	assert_null(stonith_config_error(s));
	assert_int_equal(stonith_get_status(s), S_OK);
	stonith_delete(s);
}

static void test_null_reset(void **state)
{
	Stonith *s = null_device();

	(void)state;
	assert_int_equal(stonith_set_config_info(s, "a b"), S_OK);
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "A"), S_OK);
	assert_int_equal(stonith_req_reset(s, ST_POWERON, "b"), S_OK);
	assert_int_equal(stonith_req_reset(s, ST_POWEROFF, "b"), S_OK);
	/* As the established null device: any host "resets". */
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "c"), S_OK);
	assert_int_equal(stonith_req_reset(s, 0, "a"), S_INVAL);
	assert_int_equal(stonith_req_reset(s, 4, "a"), S_INVAL);
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, ""), S_INVAL);
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, NULL), S_INVAL);
	stonith_delete(s);
}

struct log_capture {
	int count;
	char last[256];
};

static void capture(int priority, const char *msg, void *arg)
{
	struct log_capture *c = arg;

	(void)priority;
	c->count++;
	snprintf(c->last, sizeof(c->last), "%s", msg);
}

static void test_null_logs_through_callback(void **state)
{
	Stonith *s = null_device();
	struct log_capture c = { 0 };

	(void)state;
	stonith_set_log(s, capture, &c);
	assert_int_equal(stonith_set_config_info(s, "a"), S_OK);
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "a"), S_OK);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.last, "Host null-reset: a");
	stonith_delete(s);
}

static void test_null_info(void **state)
{
	Stonith *s = null_device();

	(void)state;
	assert_non_null(strstr(stonith_get_info(s, ST_CONF_XML), "name=\"hostlist\""));
	assert_string_equal(stonith_get_info(s, ST_DEVICEID), "NULL STONITH device");
	assert_non_null(stonith_get_info(s, ST_DEVICEDESCR));
	assert_null(stonith_get_info(s, ST_DEVICEURL));
	assert_null(stonith_get_info(s, 0));
	assert_null(stonith_get_info(s, 99));
	stonith_delete(s);
}

static void test_config_file(void **state)
{
	char path[] = "/tmp/stonith-cfg-XXXXXX";
	int fd = mkstemp(path);
	Stonith *s = null_device();
	char **hosts;
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fprintf(f, "# a comment\n\n   \nx1 X2\nignored\n");
	fclose(f);
	assert_int_equal(stonith_set_config_file(s, path), S_OK);
	hosts = stonith_get_hostlist(s);
	assert_int_equal(stonith_strv_len(hosts), 2);
	assert_string_equal(hosts[1], "x2");
	stonith_free_hostlist(hosts);
	f = fopen(path, "w");
	fprintf(f, "# only a comment\n");
	fclose(f);
	assert_int_equal(stonith_set_config_file(s, path), S_BADCONFIG);
	unlink(path);
	assert_int_equal(stonith_set_config_file(s, path), S_BADCONFIG);
	assert_int_equal(stonith_set_config_file(s, NULL), S_INVAL);
	stonith_delete(s);
}

static void test_env_pairs(void **state)
{
	Stonith *s = null_device();
	StonithNVpair *list;

	(void)state;
	unsetenv("hostlist");
	errno = 0;
	assert_null(stonith_env_to_NVpair(s));
	assert_int_equal(errno, ENOENT);
	assert_string_equal(stonith_config_error(s), "hostlist");
	setenv("hostlist", "e1,e2", 1);
	list = stonith_env_to_NVpair(s);
	assert_non_null(list);
	assert_string_equal(stonith_nv_get(list, "hostlist"), "e1,e2");
	assert_null(stonith_nv_get(list, "other"));
	assert_int_equal(stonith_set_config(s, list), S_OK);
	stonith_free_NVpair(list);
	stonith_free_NVpair(NULL);
	unsetenv("hostlist");
	stonith_delete(s);
}

static void test_meatware_path(void **state)
{
	char *path;

	(void)state;
	setenv("STONITH_MEATWARE_DIR", "/tmp/mw-dir", 1);
	path = stonith_meatware_path("Node1");
	assert_string_equal(path, "/tmp/mw-dir/meatware.node1");
	free(path);
	unsetenv("STONITH_MEATWARE_DIR");
	path = stonith_meatware_path("n");
	assert_string_equal(path, HA_RUNDIR "/meatware.n");
	free(path);
	assert_null(stonith_meatware_path("a/b"));
	assert_null(stonith_meatware_path(""));
	setenv("STONITH_MEATWARE_DIR", "/nonexistent-dir", 1);
	assert_int_equal(stonith_meatware_confirm("nobody"), -ENOENT);
	unsetenv("STONITH_MEATWARE_DIR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_result_names),
		cmocka_unit_test(test_hostlist_parse),
		cmocka_unit_test(test_words_keep_case),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_new_rejects_bad_types),
		cmocka_unit_test(test_null_config_info),
		cmocka_unit_test(test_null_config_pairs),
		cmocka_unit_test(test_null_reset),
		cmocka_unit_test(test_null_logs_through_callback),
		cmocka_unit_test(test_null_info),
		cmocka_unit_test(test_config_file),
		cmocka_unit_test(test_env_pairs),
		cmocka_unit_test(test_meatware_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
