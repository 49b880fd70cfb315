/*
 * LSB meta-data made from init script headers: fixed cases, and the same
 * text as pacemaker's crm_resource --show-metadata for the init scripts
 * installed here (when both are present).
 */
#include "svc_test.h"

#include "../services_private.h"

static const char svc_header[] = "#!/bin/sh\n"
				 "### BEGIN INIT INFO\n"
				 "# Provides:          web\n"
				 "# Required-Start:    $network\n"
				 "# Should-Stop:\n"
				 "# Short-Description: a web server\n"
				 "# Description:       Starts the web server\n"
				 "#  on every boot, with \"care\".\n"
				 "#\tTabbed too.\n"
				 "# Default-Stop:      0 6\n"
				 "# Default-Start:     2 3\n"
				 "#  not a continuation any more\n"
				 "### END INIT INFO\n"
				 "# Provides: ignored after the block\n";

static void test_header(void **state)
{
	char *xml = svc_lsb_metadata_from_text("web", svc_header);

	assert_true(g_str_has_prefix(xml, "<?xml version='1.0'?>\n<!DOCTYPE resource-agent "
					  "SYSTEM 'ra-api-1.dtd'>\n<resource-agent name='web' "
					  "version='0.1'>\n  <version>1.0</version>\n"));
	assert_non_null(strstr(xml, "  <longdesc lang='en'>\n       Starts the web server\n"
				    "  on every boot, with \"care\".\n\tTabbed too.\n"
				    "  </longdesc>\n"));
	assert_non_null(strstr(xml, "  <shortdesc lang='en'> a web server\n</shortdesc>\n"));
	assert_non_null(strstr(xml, "    <Provides>          web\n</Provides>\n"));
	assert_non_null(strstr(xml, "    <Required-Start>    $network\n</Required-Start>\n"));
	assert_non_null(strstr(xml, "    <Required-Stop></Required-Stop>\n"));
	assert_non_null(strstr(xml, "    <Should-Stop>\n</Should-Stop>\n"));
	assert_non_null(strstr(xml, "    <Default-Start>     2 3\n</Default-Start>\n"));
	/* the line right after the description is dropped, as pacemaker does */
	assert_non_null(strstr(xml, "    <Default-Stop></Default-Stop>\n"));
	assert_non_null(
		strstr(xml, "    <action name='monitor'      timeout='15' interval='15' />"));
	assert_true(g_str_has_suffix(xml, "  </special>\n</resource-agent>\n"));
	g_free(xml);
}

static void test_no_header(void **state)
{
	char *xml = svc_lsb_metadata_from_text("plain", "#!/bin/sh\n# Provides: x\nexit 0\n");

	assert_non_null(strstr(xml, "<longdesc lang='en'>\nplain  </longdesc>"));
	assert_non_null(strstr(xml, "<shortdesc lang='en'>plain</shortdesc>"));
	assert_non_null(strstr(xml, "<Provides></Provides>"));
	g_free(xml);
}

static void test_escaping(void **state)
{
	char *xml = svc_lsb_metadata_from_text(
		"a&b", "### BEGIN INIT INFO\n# Short-Description: <x> & 'y'\n### END INIT INFO\n");

	assert_non_null(strstr(xml, "<resource-agent name='a&amp;b'"));
	assert_non_null(strstr(xml, "<shortdesc lang='en'> &lt;x&gt; &amp; 'y'\n</shortdesc>"));
	g_free(xml);
}

/* Our text against pacemaker's for each script of /etc/init.d. */
static void test_oracle(void **state)
{
	GList *scripts = NULL;
	int compared = 0;

	setenv("PCMK_LSB_INIT_DIR", "/etc/init.d", 1);
	assert_int_equal(svc_list_agents("lsb", NULL, &scripts), 0);
	for (GList *s = scripts; s != NULL; s = s->next) {
		char *argv[] = { "/usr/sbin/crm_resource", "--show-metadata", NULL, NULL };
		char *theirs = NULL;
		char *ours = NULL;
		int wstatus = 0;

		argv[2] = g_strdup_printf("lsb:%s", (char *)s->data);
		if (g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &theirs,
				 NULL, &wstatus, NULL) &&
		    wstatus == 0) {
			assert_int_equal(svc_agent_metadata("lsb", NULL, s->data, 0, &ours), 0);
			assert_string_equal(ours, theirs);
			compared++;
		}
		g_free(ours);
		g_free(theirs);
		g_free(argv[2]);
	}
	g_list_free_full(scripts, g_free);
	svc_test_use_agents();
	print_message("# compared %d init scripts with crm_resource\n", compared);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_no_header),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_oracle),
	};
	size_t n = G_N_ELEMENTS(tests);

	svc_test_use_agents();
	/* decided here: automake's TAP driver counts cmocka's skip() as failed */
	if (access("/usr/sbin/crm_resource", X_OK) != 0) {
		printf("# no crm_resource (pacemaker) installed: test_oracle not run\n");
		n--;
	}
	return _cmocka_run_group_tests("lsb_meta", tests, n, NULL, NULL);
}
