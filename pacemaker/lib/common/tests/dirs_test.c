/*
 * pcmk_dir_ensure: the state directories made when missing.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <crm/common/dirs.h>

static char base[64];

static int setup(void **state)
{
	strcpy(base, "/tmp/dirs-test-XXXXXX");
	assert_non_null(mkdtemp(base));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void creates_with_parents_then_leaves_alone(void **state)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/a/b/cib", base);
	assert_int_equal(pcmk_dir_ensure(path, 0750, getuid(), getgid()), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0750);
	/* there already: untouched, even its mode */
	assert_int_equal(chmod(path, 0700), 0);
	assert_int_equal(pcmk_dir_ensure(path, 0750, getuid(), getgid()), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
}

static void bad_paths(void **state)
{
	char path[128], file[128];
	char *longest = malloc(5000);
	FILE *f;

	assert_int_equal(pcmk_dir_ensure("", 0750, 0, 0), -EINVAL);
	assert_int_equal(pcmk_dir_ensure(NULL, 0750, 0, 0), -EINVAL);
	memset(longest, 'a', 4999);
	longest[0] = '/';
	longest[4999] = '\0';
	assert_int_equal(pcmk_dir_ensure(longest, 0750, 0, 0), -EINVAL);
	free(longest);
	/* a parent that is a file */
	snprintf(file, sizeof(file), "%s/plain", base);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/plain/cib", base);
	assert_int_equal(pcmk_dir_ensure(path, 0750, 0, 0), -ENOTDIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_with_parents_then_leaves_alone),
		cmocka_unit_test(bad_paths),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
