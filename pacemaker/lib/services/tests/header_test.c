/*
 * crm/services.h compiles on its own (nothing before it), and its
 * constants have pacemaker's values (they are stored in the CIB).
 */
#include <crm/services.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void test_ocf_codes(void **state)
{
	assert_int_equal(PCMK_OCF_OK, 0);
	assert_int_equal(PCMK_OCF_NOT_RUNNING, 7);
	assert_int_equal(PCMK_OCF_FAILED_PROMOTED, 9);
	assert_int_equal(PCMK_OCF_DEGRADED, 190);
	assert_int_equal(PCMK_OCF_UNKNOWN, 193);
}

static void test_exec_status(void **state)
{
	assert_int_equal(PCMK_EXEC_PENDING, -1);
	assert_int_equal(PCMK_EXEC_DONE, 0);
	assert_int_equal(PCMK_EXEC_TIMEOUT, 2);
	assert_int_equal(PCMK_EXEC_NOT_INSTALLED, 7);
	assert_int_equal(PCMK_EXEC_NO_SECRETS, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ocf_codes),
		cmocka_unit_test(test_exec_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
