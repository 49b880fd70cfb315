/*
 * The external plugin driven by tests/external/testdev, and the meatware
 * plugin confirmed from another thread, all through libstonith with the
 * staged plugin directory ($STONITH_PLUGIN_DIR, set by make check).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <stonith/stonith_plugin.h>
#include "st_meatware.h"

static char logfile[] = "/tmp/stonith-ext-log-XXXXXX";

static int make_logfile(void **state)
{
	int fd = mkstemp(logfile);

	(void)state;
	if (fd < 0) {
		return -1;
	}
	close(fd);
	return 0;
}

static int remove_logfile(void **state)
{
	(void)state;
	unlink(logfile);
	return 0;
}

/* The calls testdev logged since the last look, then forget them. */
static char *take_calls(void)
{
	static char buf[4096];
	FILE *f = fopen(logfile, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	buf[n] = '\0';
	if (f) {
		fclose(f);
	}
	truncate(logfile, 0);
	return buf;
}

static Stonith *testdev(const char *hosts)
{
	StonithNVpair list[] = { { "hostlist", (char *)hosts },
				 { "logfile", logfile },
				 { NULL, NULL } };
	Stonith *s = stonith_new("external/testdev");

	assert_non_null(s);
	assert_int_equal(stonith_set_config(s, list), S_OK);
	take_calls();
	return s;
}

static void test_external_confignames(void **state)
{
	Stonith *s = stonith_new("external/testdev");
	const char *const *names;

	(void)state;
	assert_non_null(s);
	/* Not configured yet: the script finds its log file in our environment. */
	setenv("logfile", logfile, 1);
	names = stonith_get_confignames(s);
	assert_string_equal(names[0], "hostlist");
	assert_string_equal(names[1], "logfile");
	assert_null(names[2]);
	/* Asked once per device. */
	stonith_get_confignames(s);
	assert_string_equal(take_calls(), "getconfignames \n");
	unsetenv("logfile");
	stonith_delete(s);
}

static void test_external_missing_parameter(void **state)
{
	Stonith *s = stonith_new("external/testdev");
	StonithNVpair list[] = { { "hostlist", "a" }, { NULL, NULL } };

	(void)state;
	assert_int_equal(stonith_set_config(s, list), S_INVAL);
	assert_string_equal(stonith_config_error(s), "logfile");
	/* Too few values for the names. */
	assert_int_equal(stonith_set_config_info(s, "a"), S_INVAL);
	assert_string_equal(stonith_config_error(s), "logfile");
	stonith_delete(s);
}

static void test_external_config_info(void **state)
{
	Stonith *s = stonith_new("external/testdev");
	char info[PATH_MAX + 8];
	char **hosts;

	(void)state;
	snprintf(info, sizeof(info), "a,B %s", logfile);
	assert_int_equal(stonith_set_config_info(s, info), S_OK);
	take_calls();
	hosts = stonith_get_hostlist(s);
	assert_int_equal(stonith_strv_len(hosts), 2);
	assert_string_equal(hosts[1], "b");
	stonith_free_hostlist(hosts);
	assert_string_equal(take_calls(), "gethosts \n");
	stonith_delete(s);
}

static void test_external_requests(void **state)
{
	Stonith *s = testdev("n1 n2");

	(void)state;
	assert_int_equal(stonith_get_status(s), S_OK);
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "N1"), S_OK);
	assert_int_equal(stonith_req_reset(s, ST_POWEROFF, "n2"), S_OK);
	assert_int_equal(stonith_req_reset(s, ST_POWERON, "n2"), S_OK);
	assert_string_equal(take_calls(), "status \nreset n1\noff n2\non n2\n");
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "n3"), S_RESETFAIL);
	stonith_delete(s);
}

static void test_external_failures(void **state)
{
	StonithNVpair list[] = {
		{ "hostlist", "n1" }, { "logfile", logfile }, { "fail", "status" }, { NULL, NULL }
	};
	Stonith *s = stonith_new("external/testdev");

	(void)state;
	assert_int_equal(stonith_set_config(s, list), S_OK);
	assert_int_equal(stonith_get_status(s), S_ACCESS);
	list[2].s_value = "gethosts";
	assert_int_equal(stonith_set_config(s, list), S_OK);
	assert_null(stonith_get_hostlist(s));
	stonith_delete(s);
}

static void test_external_info(void **state)
{
	Stonith *s = stonith_new("external/testdev");

	(void)state;
	assert_string_equal(stonith_get_info(s, ST_DEVICEID), "test device\n");
	assert_string_equal(stonith_get_info(s, ST_DEVICEURL), "http://example.invalid/testdev\n");
	assert_string_equal(stonith_get_info(s, ST_CONF_XML), "<parameters></parameters>\n");
	assert_null(stonith_get_info(s, 42));
	stonith_delete(s);
}

static void test_external_unknown_script(void **state)
{
	Stonith *s = stonith_new("external/nosuch");
	const char *const *names;

	(void)state;
	assert_non_null(s);
	names = stonith_get_confignames(s);
	assert_non_null(names);
	assert_null(names[0]);
	assert_int_equal(stonith_set_config_info(s, "x"), S_INVAL);
	assert_null(stonith_get_info(s, ST_DEVICEID));
	stonith_delete(s);
}

/* A script others may write to is refused. */
static void test_external_writable_script_refused(void **state)
{
	char dir[] = "/tmp/stonith-plugins-XXXXXX", path[PATH_MAX], link[PATH_MAX];
	const char *staged = getenv("STONITH_PLUGIN_DIR");
	StonithNVpair list[] = { { NULL, NULL } };
	Stonith *s;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(link, sizeof(link), "%s/stonith2", dir);
	snprintf(path, sizeof(path), "%s/stonith2", staged);
	assert_int_equal(symlink(path, link), 0);
	snprintf(path, sizeof(path), "%s/external", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/external/open", dir);
	f = fopen(path, "w");
	fprintf(f, "#!/bin/sh\nexit 0\n");
	fclose(f);
	assert_int_equal(chmod(path, 0777), 0);
	setenv("STONITH_PLUGIN_DIR", dir, 1);
	s = stonith_new("external/open");
	assert_non_null(s);
	assert_int_equal(stonith_set_config(s, list), S_OK);
	assert_int_equal(stonith_get_status(s), S_OOPS);
	assert_int_equal(chmod(path, 0755), 0);
	assert_int_equal(stonith_get_status(s), S_OK);
	stonith_delete(s);
	setenv("STONITH_PLUGIN_DIR", staged, 1);
	unlink(path);
	snprintf(path, sizeof(path), "%s/external", dir);
	rmdir(path);
	unlink(link);
	rmdir(dir);
}

static char mwdir[] = "/tmp/stonith-mw-XXXXXX";

static int make_mwdir(void **state)
{
	(void)state;
	if (mkdtemp(mwdir) == NULL) {
		return -1;
	}
	setenv("STONITH_MEATWARE_DIR", mwdir, 1);
	return 0;
}

static int remove_mwdir(void **state)
{
	(void)state;
	unsetenv("STONITH_MEATWARE_DIR");
	return rmdir(mwdir);
}

/* The operator: confirms NODE as soon as a reset of it waits (up to 20 s). */
static void *operator_confirms(void *node)
{
	for (int i = 0; i < 2000; i++) {
		if (stonith_meatware_confirm(node) == 0) {
			return NULL;
		}
		usleep(10000);
	}
	return (void *)1;
}

static Stonith *meatware(void)
{
	Stonith *s = stonith_new("meatware");

	assert_non_null(s);
	assert_int_equal(stonith_set_config_info(s, "n1 n2"), S_OK);
	return s;
}

static void test_meatware_confirmed(void **state)
{
	Stonith *s = meatware();
	char path[PATH_MAX];
	pthread_t operator;
	void *failed;

	(void)state;
	/* Nobody waits yet: nothing to confirm. */
	assert_int_equal(stonith_meatware_confirm("n1"), -ENOENT);
	assert_int_equal(pthread_create(&operator, NULL, operator_confirms, "N1"), 0);
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "N1"), S_OK);
	pthread_join(operator, & failed);
	assert_null(failed);
	snprintf(path, sizeof(path), "%s/meatware.n1", mwdir);
	assert_int_equal(access(path, F_OK), -1);
	stonith_delete(s);
}

/* A record for another node in the FIFO fails the reset. */
static void *operator_garbles(void *path)
{
	char msg[ST_MEATWARE_MSGLEN];

	st_meatware_format(msg, sizeof(msg), "other");
	for (int i = 0; i < 2000; i++) {
		int fd = open(path, O_WRONLY | O_NONBLOCK);

		if (fd >= 0) {
			ssize_t n = write(fd, msg, sizeof(msg));

			close(fd);
			return n == (ssize_t)sizeof(msg) ? NULL : (void *)1;
		}
		usleep(10000);
	}
	return (void *)1;
}

static void test_meatware_wrong_confirmation(void **state)
{
	Stonith *s = meatware();
	char path[PATH_MAX];
	pthread_t operator;
	void *failed;

	(void)state;
	snprintf(path, sizeof(path), "%s/meatware.n2", mwdir);
	assert_int_equal(pthread_create(&operator, NULL, operator_garbles, path), 0);
	assert_int_equal(stonith_req_reset(s, ST_GENERIC_RESET, "n2"), S_RESETFAIL);
	pthread_join(operator, & failed);
	assert_null(failed);
	stonith_delete(s);
}

static int setup(void **state)
{
	return make_logfile(state) || make_mwdir(state) ? -1 : 0;
}

static int teardown(void **state)
{
	return remove_logfile(state) | remove_mwdir(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_external_confignames),
		cmocka_unit_test(test_external_missing_parameter),
		cmocka_unit_test(test_external_config_info),
		cmocka_unit_test(test_external_requests),
		cmocka_unit_test(test_external_failures),
		cmocka_unit_test(test_external_info),
		cmocka_unit_test(test_external_unknown_script),
		cmocka_unit_test(test_external_writable_script_refused),
		cmocka_unit_test(test_meatware_confirmed),
		cmocka_unit_test(test_meatware_wrong_confirmation),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
