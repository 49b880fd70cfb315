/*
 * Listing standards, OCF providers and agents from the test agent
 * directories, and the errors of bad names.
 */
#include "svc_test.h"

/* The list @rc/@list gave, joined, compared with @want; frees the list. */
static void assert_list(int rc, GList *list, const char *want)
{
	char *got = svc_test_join(list);

	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	g_free(got);
	g_list_free_full(list, g_free);
}

static void test_standards(void **state)
{
	GList *l = NULL;
	int rc = svc_list_standards(&l);

	assert_list(rc, l, "ocf,lsb,service,stonith");
	assert_int_equal(svc_list_standards(NULL), -EINVAL);
}

static void test_providers(void **state)
{
	GList *l = NULL;
	int rc = svc_list_ocf_providers(&l);

	assert_list(rc, l, "other,testprov");
	rc = svc_list_ocf_providers_of("tester", &l);
	assert_list(rc, l, "other,testprov");
	rc = svc_list_ocf_providers_of("badinterp", &l);
	assert_list(rc, l, "testprov");
	rc = svc_list_ocf_providers_of("nosuch", &l);
	assert_list(rc, l, "");
	rc = svc_list_ocf_providers_of("../other/tester", &l);
	assert_list(rc, l, "");
}

static void test_ocf_agents(void **state)
{
	GList *l = NULL;
	int rc = svc_list_agents("ocf", "testprov", &l);

	assert_list(rc, l, "badinterp,tester");
	/* notexec is not executable */
	rc = svc_list_agents("ocf", "other", &l);
	assert_list(rc, l, "tester");
	rc = svc_list_agents("ocf", NULL, &l);
	assert_list(rc, l, "badinterp,tester");
	rc = svc_list_agents("ocf", "nosuch", &l);
	assert_list(rc, l, "");
	assert_int_equal(svc_list_agents("ocf", "..", &l), -EINVAL);
	assert_int_equal(svc_list_agents("ocf", "a/b", &l), -EINVAL);
}

/* OCF_RA_PATH is a list: the directories' agents merge. */
static void test_ra_path_list(void **state)
{
	char *old = g_strdup(getenv("OCF_RA_PATH"));
	char *tmp = svc_test_tmpdir();
	char *prov = g_build_filename(tmp, "extra", NULL);
	char *path = g_strdup_printf("%s:%s", old, tmp);
	GList *l = NULL;
	int rc;

	assert_int_equal(g_mkdir(prov, 0755), 0);
	setenv("OCF_RA_PATH", path, 1);
	rc = svc_list_ocf_providers(&l);
	assert_list(rc, l, "extra,other,testprov");
	setenv("OCF_RA_PATH", old, 1);
	g_free(old);
	g_free(prov);
	g_free(path);
	svc_test_rmdir(tmp);
}

static void test_lsb_agents(void **state)
{
	GList *l = NULL;
	int rc = svc_list_agents("lsb", NULL, &l);

	assert_list(rc, l, "lsbnoheader,lsbtest");
	rc = svc_list_agents("service", NULL, &l);
	assert_list(rc, l, "lsbnoheader,lsbtest");
}

static void test_stonith_agents(void **state)
{
	GList *l = NULL;
	int rc = svc_list_agents("stonith", NULL, &l);

	/* fence_* executables, then the plugin types the command lists */
	assert_list(rc, l, "external/ssh,fence_tester,null");
	setenv("PCMK_STONITH_TOOL", "/nonexistent/stonith", 1);
	rc = svc_list_agents("stonith", NULL, &l);
	assert_list(rc, l, "fence_tester");
	svc_test_use_agents();
}

static void test_unknown_standard(void **state)
{
	GList *l = (GList *)&l;

	assert_int_equal(svc_list_agents("systemd", NULL, &l), -EPROTONOSUPPORT);
	assert_null(l);
	assert_int_equal(svc_list_agents(NULL, NULL, &l), -EINVAL);
	assert_int_equal(svc_list_agents("ocf", NULL, NULL), -EINVAL);
}

static void test_agent_path(void **state)
{
	char *p = NULL;

	assert_int_equal(svc_agent_path("ocf", "testprov", "tester", &p), 0);
	assert_true(g_str_has_suffix(p, "/resource.d/testprov/tester"));
	g_free(p);
	assert_int_equal(svc_agent_path("ocf", "other", "notexec", &p), -ENOENT);
	assert_int_equal(svc_agent_path("ocf", NULL, "tester", &p), -EINVAL);
	assert_int_equal(svc_agent_path("ocf", "testprov", "../other/tester", &p), -EINVAL);
	assert_int_equal(svc_agent_path("ocf", "testprov", "", &p), -EINVAL);
	assert_int_equal(svc_agent_path("lsb", NULL, "README", &p), -ENOENT);
	assert_int_equal(svc_agent_path("lsb", NULL, "..", &p), -EINVAL);
	assert_int_equal(svc_agent_path("stonith", NULL, "fence_nosuch", &p), -ENOENT);
	assert_int_equal(svc_agent_path("stonith", NULL, "external/../../x", &p), -EINVAL);
	assert_int_equal(svc_agent_path("stonith", NULL, "foo/bar", &p), -EINVAL);
	assert_int_equal(svc_agent_path("stonith", NULL, "external/ssh", &p), 0);
	assert_true(g_str_has_suffix(p, "/bin/stonith"));
	g_free(p);
	assert_int_equal(svc_agent_path("upstart", NULL, "x", &p), -EPROTONOSUPPORT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_standards),        cmocka_unit_test(test_providers),
		cmocka_unit_test(test_ocf_agents),       cmocka_unit_test(test_ra_path_list),
		cmocka_unit_test(test_lsb_agents),       cmocka_unit_test(test_stonith_agents),
		cmocka_unit_test(test_unknown_standard), cmocka_unit_test(test_agent_path),
	};

	svc_test_use_agents();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
