/*
 * Standards by name, result words, the exit-code mapping per standard (as
 * pacemaker maps LSB and fence agent codes) and exit reasons.
 */
#include "svc_test.h"

#include "../services_private.h"

static void test_parse(void **state)
{
	enum svc_standard std;

	assert_int_equal(svc_standard_parse("ocf", &std), 0);
	assert_int_equal(std, SVC_STD_OCF);
	assert_int_equal(svc_standard_parse("service", &std), 0);
	assert_int_equal(std, SVC_STD_SERVICE);
	assert_int_equal(svc_standard_parse("stonith", &std), 0);
	assert_int_equal(std, SVC_STD_STONITH);
	assert_int_equal(svc_standard_parse("OCF", &std), -EPROTONOSUPPORT);
	assert_int_equal(svc_standard_parse("systemd", &std), -EPROTONOSUPPORT);
	assert_int_equal(svc_standard_parse("", &std), -EPROTONOSUPPORT);
	assert_int_equal(svc_standard_parse(NULL, &std), -EINVAL);
	assert_string_equal(svc_standard_name(SVC_STD_LSB), "lsb");
	assert_string_equal(svc_standard_name((enum svc_standard)42), "unknown");
}

static void test_words(void **state)
{
	assert_string_equal(svc_ocf_rc_str(PCMK_OCF_OK), "ok");
	assert_string_equal(svc_ocf_rc_str(PCMK_OCF_NOT_RUNNING), "not running");
	assert_string_equal(svc_ocf_rc_str(PCMK_OCF_UNKNOWN_ERROR), "error");
	assert_string_equal(svc_ocf_rc_str(77), "unknown");
	assert_string_equal(svc_exec_status_str(PCMK_EXEC_DONE), "complete");
	assert_string_equal(svc_exec_status_str(PCMK_EXEC_TIMEOUT), "Timed Out");
	assert_string_equal(svc_exec_status_str(99), "unknown");
}

/* crm_resource --force-check / --force-start of an LSB script that exits
 * with each code gives these results (checked against pacemaker 2.1). */
static void test_lsb_map(void **state)
{
	static const struct {
		int code, status_rc, start_rc;
	} cases[] = {
		{ 0, 0, 0 }, { 1, 7, 1 }, { 2, 7, 2 }, { 3, 7, 3 },   { 4, 1, 4 },   { 5, 1, 5 },
		{ 6, 1, 6 }, { 7, 1, 7 }, { 8, 1, 1 }, { 150, 5, 1 }, { 151, 4, 1 }, { 199, 1, 1 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		assert_int_equal(svc_map_exit_code(SVC_STD_LSB, "status", cases[i].code),
				 cases[i].status_rc);
		assert_int_equal(svc_map_exit_code(SVC_STD_SERVICE, "monitor", cases[i].code),
				 cases[i].status_rc);
		assert_int_equal(svc_map_exit_code(SVC_STD_LSB, "start", cases[i].code),
				 cases[i].start_rc);
	}
}

static void test_ocf_and_fence_map(void **state)
{
	assert_int_equal(svc_map_exit_code(SVC_STD_OCF, "monitor", 7), PCMK_OCF_NOT_RUNNING);
	assert_int_equal(svc_map_exit_code(SVC_STD_OCF, "monitor", 8), PCMK_OCF_RUNNING_PROMOTED);
	assert_int_equal(svc_map_exit_code(SVC_STD_OCF, "start", 190), 190);
	assert_int_equal(svc_map_exit_code(SVC_STD_STONITH, "off", 0), PCMK_OCF_OK);
	assert_int_equal(svc_map_exit_code(SVC_STD_STONITH, "status", 2), PCMK_OCF_NOT_RUNNING);
	assert_int_equal(svc_map_exit_code(SVC_STD_STONITH, "off", 2), PCMK_OCF_UNKNOWN_ERROR);
	assert_int_equal(svc_map_exit_code(SVC_STD_STONITH, "monitor", 1), PCMK_OCF_UNKNOWN_ERROR);
}

static void test_exit_reason(void **state)
{
	char *r;

	assert_null(svc_exit_reason(""));
	assert_null(svc_exit_reason("some error\nno reason here\n"));
	r = svc_exit_reason("x\nocf-exit-reason:first\nnoise\nocf-exit-reason:second one  \n");
	assert_string_equal(r, "second one");
	g_free(r);
	r = svc_exit_reason("ocf-exit-reason:at the end without newline");
	assert_string_equal(r, "at the end without newline");
	g_free(r);
	/* only at the start of a line */
	assert_null(svc_exit_reason("said ocf-exit-reason:no\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),       cmocka_unit_test(test_words),
		cmocka_unit_test(test_lsb_map),     cmocka_unit_test(test_ocf_and_fence_map),
		cmocka_unit_test(test_exit_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
