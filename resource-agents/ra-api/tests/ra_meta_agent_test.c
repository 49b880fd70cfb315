/*
 * Running "AGENT meta-data": output collected, exit status and signals
 * passed back, agents that cannot be run or hang handled.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "ra_meta.h"

static char dir[] = "/tmp/ra-agent-test-XXXXXX";

/* Writes an executable script named name; returns its path (static). */
static const char *script(const char *name, const char *body, mode_t mode)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s", body);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static void test_output_and_status(void **state)
{
	const char *a = script("ok",
			       "[ \"$1\" = meta-data ] || exit 3\n"
			       "echo '<resource-agent name=\"ok\"/>'\n",
			       0755);
	char *out = NULL;
	size_t len = 0;
	int status = -1;

	assert_int_equal(ra_agent_meta_data(a, 5000, &out, &len, &status), 0);
	assert_string_equal(out, "<resource-agent name=\"ok\"/>\n");
	assert_int_equal(len, strlen(out));
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free(out);
}

/* More than one pipe buffer, so the reader must keep draining. */
static void test_large_output(void **state)
{
	const char *a = script("big",
			       "i=0; while [ $i -lt 20000 ]; do echo 0123456789; "
			       "i=$((i+1)); done\n",
			       0755);
	char *out = NULL;
	size_t len = 0;
	int status = -1;

	assert_int_equal(ra_agent_meta_data(a, 20000, &out, &len, &status), 0);
	assert_int_equal(len, 20000 * 11);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free(out);
}

static void test_failing_agent(void **state)
{
	const char *a = script("fails", "echo partial; exit 6\n", 0755);
	char *out = NULL;
	size_t len = 0;
	int status = -1;

	assert_int_equal(ra_agent_meta_data(a, 5000, &out, &len, &status), 0);
	assert_string_equal(out, "partial\n");
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 6);
	free(out);
}

static void test_cannot_run(void **state)
{
	const char *a;
	char *out = NULL;
	size_t len = 0;
	int status = -1;
	char missing[300];

	snprintf(missing, sizeof(missing), "%s/missing", dir);
	assert_int_equal(ra_agent_meta_data(missing, 5000, &out, &len, &status), -ENOENT);
	assert_null(out);
	a = script("noexec", "echo hi\n", 0644);
	/* no execute bit at all: even root may not run it */
	assert_int_equal(ra_agent_meta_data(a, 5000, &out, &len, &status), -EACCES);
	assert_null(out);
}

static void test_hanging_agent(void **state)
{
	const char *a = script("hangs", "echo start; exec sleep 30\n", 0755);
	char *out = NULL;
	size_t len = 0;
	int status = -1;

	assert_int_equal(ra_agent_meta_data(a, 300, &out, &len, &status), 0);
	assert_string_equal(out, "start\n");
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	free(out);
}

static int setup(void **state)
{
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_and_status), cmocka_unit_test(test_large_output),
		cmocka_unit_test(test_failing_agent),     cmocka_unit_test(test_cannot_run),
		cmocka_unit_test(test_hanging_agent),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
