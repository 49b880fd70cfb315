/*
 * Our real agents through the library: a staged OCF root made from
 * resource-agents/ (as resource-agents/tests/ralib.sh stages one), Dummy
 * started, monitored and stopped; cluster-glue's fence_netns and the
 * stonith command with its null plugin.  Parts whose build products are
 * missing skip.
 */
#include <sys/stat.h>

#include "svc_test.h"

static char *stage;

static const char *top(const char *var)
{
	const char *v = getenv(var);

	return v != NULL ? v : "../../..";
}

static void link_into(const char *src_dir, const char *name, const char *dest_dir)
{
	char *src = g_build_filename(src_dir, name, NULL);
	char *dest = g_build_filename(dest_dir, name, NULL);

	assert_int_equal(symlink(src, dest), 0);
	g_free(src);
	g_free(dest);
}

/* resource.d/heartbeat holds the agents, lib/heartbeat the shell
 * functions, plus ocf-directories from the build. */
static void stage_heartbeat(const char *src)
{
	char *agents = g_build_filename(stage, "resource.d", "heartbeat", NULL);
	char *lib = g_build_filename(stage, "lib", "heartbeat", NULL);
	GDir *d = g_dir_open(src, 0, NULL);
	const char *name;

	assert_non_null(d);
	assert_int_equal(g_mkdir_with_parents(agents, 0755), 0);
	assert_int_equal(g_mkdir_with_parents(lib, 0755), 0);
	while ((name = g_dir_read_name(d)) != NULL) {
		if (g_str_has_suffix(name, ".in") || g_str_has_suffix(name, ".am") ||
		    g_str_has_prefix(name, "Makefile")) {
			continue;
		}
		link_into(src, name,
			  g_str_has_prefix(name, "ocf-") || g_str_has_suffix(name, ".sh") ? lib
											  : agents);
	}
	g_dir_close(d);
	g_free(agents);
	g_free(lib);
}

static int stage_ocf_root(void **state)
{
	char *src = g_build_filename(top("abs_top_srcdir"), "resource-agents", "heartbeat", NULL);
	char *built = g_build_filename(top("abs_top_builddir"), "resource-agents", "heartbeat",
				       "ocf-directories", NULL);
	char *lib, *dir;

	stage = svc_test_tmpdir();
	if (g_file_test(built, G_FILE_TEST_EXISTS)) {
		stage_heartbeat(src);
		lib = g_build_filename(stage, "lib", "heartbeat", "ocf-directories", NULL);
		assert_int_equal(symlink(built, lib), 0);
		g_free(lib);
	}
	setenv("OCF_ROOT", stage, 1);
	unsetenv("OCF_RA_PATH");
	dir = g_build_filename(stage, "lib", "heartbeat", NULL);
	setenv("OCF_FUNCTIONS_DIR", dir, 1);
	g_free(dir);
	dir = g_build_filename(stage, "rsctmp", NULL);
	g_mkdir(dir, 0755);
	setenv("HA_RSCTMP", dir, 1);
	g_free(dir);
	setenv("HA_VARRUN", stage, 1);
	dir = g_build_filename(stage, "agents.log", NULL);
	setenv("HA_LOGFILE", dir, 1);
	g_free(dir);
	g_free(src);
	g_free(built);
	return 0;
}

static int unstage(void **state)
{
	svc_test_rmdir(stage);
	return 0;
}

static int run_dummy(const char *action)
{
	struct svc_action *a = NULL;
	int rc;

	assert_int_equal(
		svc_action_new("dummy1", "ocf", "heartbeat", "Dummy", action, 0, 20000, &a), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_DONE);
	rc = a->rc;
	svc_action_free(a);
	return rc;
}

static void test_dummy_cycle(void **state)
{
	assert_int_equal(run_dummy("monitor"), PCMK_OCF_NOT_RUNNING);
	assert_int_equal(run_dummy("start"), PCMK_OCF_OK);
	assert_int_equal(run_dummy("monitor"), PCMK_OCF_OK);
	assert_int_equal(run_dummy("stop"), PCMK_OCF_OK);
	assert_int_equal(run_dummy("monitor"), PCMK_OCF_NOT_RUNNING);
	assert_int_equal(run_dummy("stop"), PCMK_OCF_OK);
}

static void test_listing_and_metadata(void **state)
{
	GList *l = NULL;
	char *xml = NULL;

	assert_int_equal(svc_list_agents("ocf", "heartbeat", &l), 0);
	assert_non_null(g_list_find_custom(l, "Dummy", (GCompareFunc)strcmp));
	assert_non_null(g_list_find_custom(l, "IPaddr2", (GCompareFunc)strcmp));
	assert_null(g_list_find_custom(l, "ocf-shellfuncs", (GCompareFunc)strcmp));
	g_list_free_full(l, g_free);
	assert_int_equal(svc_agent_metadata("ocf", "heartbeat", "Dummy", 0, &xml), 0);
	assert_non_null(strstr(xml, "<resource-agent name=\"Dummy\""));
	assert_non_null(strstr(xml, "<action name=\"monitor\""));
	g_free(xml);
}

static void test_fence_netns_metadata(void **state)
{
	char *dir = g_build_filename(top("abs_top_srcdir"), "cluster-glue", "fence", NULL);
	char *xml = NULL;
	GList *l = NULL;

	setenv("PCMK_FENCE_AGENT_DIR", dir, 1);
	setenv("PCMK_STONITH_TOOL", "/nonexistent", 1);
	assert_int_equal(svc_list_agents("stonith", NULL, &l), 0);
	assert_non_null(g_list_find_custom(l, "fence_netns", (GCompareFunc)strcmp));
	g_list_free_full(l, g_free);
	assert_int_equal(svc_agent_metadata("stonith", NULL, "fence_netns", 0, &xml), 0);
	assert_non_null(strstr(xml, "fence_netns"));
	assert_non_null(strstr(xml, "<parameters"));
	g_free(xml);
	g_free(dir);
}

/* A plugin directory with this build's null plugin and the shipped
 * external/ssh script (as cluster-glue installs them). */
static char *stage_plugins(void)
{
	char *dir = g_build_filename(stage, "plugins", NULL);
	char *sub = g_build_filename(dir, "stonith2", NULL);
	char *ext = g_build_filename(dir, "external", NULL);
	char *null_so = g_build_filename(top("abs_top_builddir"), "cluster-glue", "plugins",
					 ".libs", "null.so", NULL);
	char *ssh = g_build_filename(top("abs_top_srcdir"), "cluster-glue", "plugins", "external",
				     "ssh", NULL);
	char *link;

	assert_int_equal(g_mkdir_with_parents(sub, 0755), 0);
	assert_int_equal(g_mkdir_with_parents(ext, 0755), 0);
	link = g_build_filename(sub, "null.so", NULL);
	assert_int_equal(symlink(null_so, link), 0);
	g_free(link);
	link = g_build_filename(ext, "ssh", NULL);
	assert_int_equal(symlink(ssh, link), 0);
	g_free(link);
	g_free(sub);
	g_free(ext);
	g_free(null_so);
	g_free(ssh);
	return dir;
}

/* The stonith command of this build with its null plugin. */
static void test_stonith_command(void **state)
{
	char *tool =
		g_build_filename(top("abs_top_builddir"), "cluster-glue", "tools", "stonith", NULL);
	char *plugins = stage_plugins();
	struct svc_action *a = NULL;
	GList *l = NULL;

	setenv("PCMK_STONITH_TOOL", tool, 1);
	setenv("STONITH_PLUGIN_DIR", plugins, 1);
	assert_int_equal(svc_list_agents("stonith", NULL, &l), 0);
	assert_non_null(g_list_find_custom(l, "null", (GCompareFunc)strcmp));
	assert_non_null(g_list_find_custom(l, "external/ssh", (GCompareFunc)strcmp));
	g_list_free_full(l, g_free);
	assert_int_equal(svc_action_new("f", "stonith", NULL, "null", "monitor", 0, 10000, &a), 0);
	assert_int_equal(svc_action_add_param(a, "hostlist", "node1 node2"), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_DONE);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	svc_action_free(a);
	/* a reset through the null device (it pretends) */
	assert_int_equal(svc_action_new("f", "stonith", NULL, "null", "reboot", 0, 10000, &a), 0);
	assert_int_equal(svc_action_add_param(a, "hostlist", "node1 node2"), 0);
	assert_int_equal(svc_action_add_param(a, "port", "node1"), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	svc_action_free(a);
	/* without its configuration the command fails, and says why */
	unsetenv("hostlist");
	assert_int_equal(svc_action_new("f", "stonith", NULL, "null", "monitor", 0, 10000, &a), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_DONE);
	assert_int_equal(a->rc, PCMK_OCF_UNKNOWN_ERROR);
	assert_non_null(strstr(a->stderr_data, "hostlist"));
	svc_action_free(a);
	g_free(tool);
	g_free(plugins);
}

/* True when the build product @rel (under the build tree) exists. */
static bool built(const char *rel)
{
	char *p = g_build_filename(top("abs_top_builddir"), rel, NULL);
	bool yes = g_file_test(p, G_FILE_TEST_EXISTS);

	if (!yes) {
		printf("# %s is not built: tests needing it not run\n", p);
	}
	g_free(p);
	return yes;
}

int main(void)
{
	/* decided here: automake's TAP driver counts cmocka's skip() as failed */
	bool agents = built("resource-agents/heartbeat/ocf-directories");
	bool tool =
		built("cluster-glue/tools/stonith") && built("cluster-glue/plugins/.libs/null.so");
	struct CMUnitTest tests[4];
	size_t n = 0;

	if (agents) {
		tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_dummy_cycle);
		tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_listing_and_metadata);
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_fence_netns_metadata);
	if (tool) {
		tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_stonith_command);
	}
	return _cmocka_run_group_tests("real_agents", tests, n, stage_ocf_root, unstage);
}
