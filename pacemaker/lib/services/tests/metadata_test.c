/*
 * Meta-data of each kind of agent, and its errors.
 */
#include "svc_test.h"

static void test_ocf(void **state)
{
	char *xml = NULL;

	assert_int_equal(svc_agent_metadata("ocf", "testprov", "tester", 0, &xml), 0);
	assert_non_null(strstr(xml, "<resource-agent name=\"tester\""));
	assert_non_null(strstr(xml, "</resource-agent>"));
	g_free(xml);
}

static void test_fence(void **state)
{
	char *xml = NULL;

	assert_int_equal(svc_agent_metadata("stonith", NULL, "fence_tester", 0, &xml), 0);
	assert_non_null(strstr(xml, "<resource-agent name=\"fence_tester\""));
	g_free(xml);
}

static void test_plugin(void **state)
{
	char *xml = NULL;

	assert_int_equal(svc_agent_metadata("stonith", NULL, "external/ssh", 0, &xml), 0);
	assert_string_equal(xml, "<resource-agent name=\"external/ssh\"/>\n");
	g_free(xml);
}

static void test_lsb(void **state)
{
	char *xml = NULL;

	assert_int_equal(svc_agent_metadata("lsb", NULL, "lsbtest", 0, &xml), 0);
	assert_non_null(strstr(xml, "<shortdesc lang='en'> LSB test &lt;script&gt; &amp; co\n"
				    "</shortdesc>"));
	g_free(xml);
	assert_int_equal(svc_agent_metadata("service", NULL, "lsbnoheader", 0, &xml), 0);
	assert_non_null(strstr(xml, "<shortdesc lang='en'>lsbnoheader</shortdesc>"));
	g_free(xml);
}

static void test_errors(void **state)
{
	char *xml = (char *)"stale";

	assert_int_equal(svc_agent_metadata("ocf", "testprov", "nosuch", 0, &xml), -ENOENT);
	assert_null(xml);
	assert_int_equal(svc_agent_metadata("ocf", NULL, "tester", 0, &xml), -EINVAL);
	assert_int_equal(svc_agent_metadata("ocf", "testprov", "../x", 0, &xml), -EINVAL);
	assert_int_equal(svc_agent_metadata("nosuch", NULL, "tester", 0, &xml), -EPROTONOSUPPORT);
	assert_int_equal(svc_agent_metadata("lsb", NULL, "nosuch", 0, &xml), -ENOENT);
	assert_int_equal(svc_agent_metadata("ocf", "testprov", "tester", 0, NULL), -EINVAL);
	assert_int_equal(svc_agent_metadata("ocf", "testprov", "badinterp", 0, &xml), -EPROTO);
	assert_null(xml);
}

static void test_agent_fails(void **state)
{
	char *xml = NULL;

	setenv("TESTER_METADATA_RC", "1", 1);
	assert_int_equal(svc_agent_metadata("ocf", "testprov", "tester", 0, &xml), -EPROTO);
	assert_null(xml);
	unsetenv("TESTER_METADATA_RC");
}

static void test_timeout(void **state)
{
	char *xml = NULL;
	double t0 = svc_test_now();

	setenv("TESTER_METADATA_SLEEP", "10", 1);
	assert_int_equal(svc_agent_metadata("ocf", "testprov", "tester", 300, &xml), -ETIME);
	assert_true(svc_test_now() - t0 < 5.0);
	assert_null(xml);
	unsetenv("TESTER_METADATA_SLEEP");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ocf),     cmocka_unit_test(test_fence),
		cmocka_unit_test(test_plugin),  cmocka_unit_test(test_lsb),
		cmocka_unit_test(test_errors),  cmocka_unit_test(test_agent_fails),
		cmocka_unit_test(test_timeout),
	};

	svc_test_use_agents();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
