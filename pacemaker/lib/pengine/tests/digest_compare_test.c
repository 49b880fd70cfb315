/*
 * pe_op_digest_compare() and pe_op_digest_compare_full(): the decision
 * pacemaker makes from a history entry, and pe_digest_version_cmp().
 * The entries are those of the anchor restart-with-extra-op-params; what
 * the real crm_simulate 2.1.5 does with them (with the private passwd
 * changed) is noted at each case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/common/xml.h>
#include <crm/pengine/digest.h>

#include "digest_testutil.h"

#define START_ENTRY                                                                         \
	"<lrm_rsc_op id='d_last_0' operation='start' crm_feature_set='3.16.0' interval='0'" \
	" op-digest='457016173e548c394dcf3896e3066412'"                                     \
	" op-force-restart='  envfile op_sleep passwd state  '"                             \
	" op-restart-digest='5de129d7fe42dbcfe537f2c63b1921b6'"                             \
	" op-secure-params='  passwd  ' op-secure-digest='e989cbe4a0e9492305ffdc8c6391ffee'/>"

#define MONITOR_ENTRY                                                                   \
	"<lrm_rsc_op id='d_monitor_10000' operation='monitor' crm_feature_set='3.16.0'" \
	" interval='10000' op-digest='f9a51bfe2c3d74c3b72202f3101682b7'"                \
	" op-secure-params='  passwd  ' op-secure-digest='5bdf174ed64795a495a62489f1057eff'/>"

static xmlDoc *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

static enum pe_digest_result compare(const char *entry, GHashTable *rsc, GHashTable *op,
				     unsigned int flags)
{
	xmlDoc *doc = parse(entry);
	enum pe_digest_result r =
		pe_op_digest_compare_full(xmlDocGetRootElement(doc), rsc, op, NULL, NULL, flags);

	xmlFreeDoc(doc);
	return r;
}

static void unchanged_matches(void **state)
{
	GHashTable *rsc = dt_table("passwd", "whatever", "fake", "foo", NULL);
	GHashTable *mon = dt_table("CRM_meta_timeout", "20000", NULL);
	xmlDoc *doc = parse(START_ENTRY);

	(void)state;
	assert_int_equal(pe_op_digest_compare(xmlDocGetRootElement(doc), rsc, NULL),
			 PE_DIGEST_MATCH);
	assert_int_equal(compare(MONITOR_ENTRY, rsc, mon, 0), PE_DIGEST_MATCH);
	assert_int_equal(compare(MONITOR_ENTRY, rsc, mon, PE_DIGEST_SANITIZED), PE_DIGEST_MATCH);
	/* a longer monitor timeout reschedules the monitor */
	g_hash_table_insert(mon, g_strdup("CRM_meta_timeout"), g_strdup("30000"));
	assert_int_equal(compare(MONITOR_ENTRY, rsc, mon, 0), PE_DIGEST_ALL);
	xmlFreeDoc(doc);
	g_hash_table_destroy(rsc);
	g_hash_table_destroy(mon);
}

static void restart_parameter_changed(void **state)
{
	GHashTable *rsc = dt_table("passwd", "changed", "fake", "foo", NULL);
	GHashTable *mon = dt_table("CRM_meta_timeout", "20000", NULL);

	(void)state;
	/* the daemon restarts: passwd is not reloadable */
	assert_int_equal(compare(START_ENTRY, rsc, NULL, 0), PE_DIGEST_RESTART);
	/* crm_simulate: only the private passwd differs, so no restart ... */
	assert_int_equal(compare(START_ENTRY, rsc, NULL, PE_DIGEST_SANITIZED),
			 PE_DIGEST_SECURE_ONLY);
	/* ... but the monitor is rescheduled: pacemaker's secure digest of a
	 * recurring op lacks the timeout the executor put in it */
	assert_int_equal(compare(MONITOR_ENTRY, rsc, mon, PE_DIGEST_SANITIZED), PE_DIGEST_ALL);
	g_hash_table_destroy(rsc);
	g_hash_table_destroy(mon);
}

static void reloadable_parameter_changed(void **state)
{
	GHashTable *rsc = dt_table("passwd", "whatever", "fake", "bar", NULL);

	(void)state;
	assert_int_equal(compare(START_ENTRY, rsc, NULL, 0), PE_DIGEST_ALL);
	assert_int_equal(compare(START_ENTRY, rsc, NULL, PE_DIGEST_SANITIZED), PE_DIGEST_ALL);
	g_hash_table_destroy(rsc);
}

static void one_time_op_params_force_restart(void **state)
{
	GHashTable *rsc = dt_table("passwd", "whatever", "fake", "foo", NULL);
	GHashTable *op = dt_table("trace_ra", "1", NULL);
	GHashTable *meta_only = dt_table("CRM_meta_timeout", "20000", NULL);

	(void)state;
	/* the anchor's case: trace_ra added to the start op; the restart
	 * digest still matches, yet pacemaker restarts */
	assert_int_equal(compare(START_ENTRY, rsc, op, 0), PE_DIGEST_RESTART);
	/* meta-attributes are not instance attributes of the op */
	assert_int_equal(compare(START_ENTRY, rsc, meta_only, 0), PE_DIGEST_MATCH);
	g_hash_table_destroy(rsc);
	g_hash_table_destroy(op);
	g_hash_table_destroy(meta_only);
}

static void no_digest_recorded(void **state)
{
	GHashTable *rsc = dt_table(NULL);

	(void)state;
	assert_int_equal(
		compare("<lrm_rsc_op id='x' operation='start' interval='0'/>", rsc, NULL, 0),
		PE_DIGEST_UNKNOWN);
	/* a restart digest that differs decides even without op-digest */
	assert_int_equal(compare("<lrm_rsc_op id='x' operation='start' interval='0'"
				 " op-restart-digest='0123'/>",
				 rsc, NULL, 0),
			 PE_DIGEST_RESTART);
	g_hash_table_destroy(rsc);
}

static void fence_device_before_3_16(void **state)
{
	/* secure digest of {ip}: pcmk_host_list is pacemaker's own option */
	GHashTable *rsc = dt_table("ip", "1.2.3.4", "pcmk_host_list", "n1", "passwd", "new", NULL);
	char *secure = g_compute_checksum_for_string(G_CHECKSUM_MD5,
						     " <parameters ip=\"1.2.3.4\"/>\n", -1);
	char *text = g_strdup_printf(
		"<lrm_rsc_op id='f' operation='start' interval='0'"
		" crm_feature_set='3.0.14' op-digest='0' op-secure-params=' passwd '"
		" op-secure-digest='%s'/>",
		secure);

	(void)state;
	assert_int_equal(compare(text, rsc, NULL, PE_DIGEST_SANITIZED | PE_DIGEST_FENCE_DEVICE),
			 PE_DIGEST_SECURE_ONLY);
	assert_int_equal(compare(text, rsc, NULL, PE_DIGEST_SANITIZED), PE_DIGEST_ALL);
	g_free(secure);
	g_free(text);
	g_hash_table_destroy(rsc);
}

static void bad_arguments(void **state)
{
	GHashTable *rsc = dt_table(NULL);
	xmlDoc *doc = parse(START_ENTRY);

	(void)state;
	assert_int_equal(pe_op_digest_compare(NULL, rsc, NULL), PE_DIGEST_ERROR);
	assert_int_equal(pe_op_digest_compare(xmlDocGetRootElement(doc), NULL, NULL),
			 PE_DIGEST_ERROR);
	assert_string_equal(pe_digest_result_name(PE_DIGEST_SECURE_ONLY), "secure-only");
	assert_string_equal(pe_digest_result_name((enum pe_digest_result)99), "invalid");
	xmlFreeDoc(doc);
	g_hash_table_destroy(rsc);
}

static void version_order(void **state)
{
	(void)state;
	assert_true(pe_digest_version_cmp("3.0.14", "3.16.0") < 0);
	assert_true(pe_digest_version_cmp("3.16.0", "3.16.0") == 0);
	assert_true(pe_digest_version_cmp("3.16", "3.16.0") == 0);
	assert_true(pe_digest_version_cmp("3.16.2", "3.16.0") > 0);
	assert_true(pe_digest_version_cmp("2.0", "3.16.0") < 0);
	assert_true(pe_digest_version_cmp(NULL, "1") < 0);
	assert_true(pe_digest_version_cmp("1", NULL) > 0);
	assert_true(pe_digest_version_cmp(NULL, NULL) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unchanged_matches),
		cmocka_unit_test(restart_parameter_changed),
		cmocka_unit_test(reloadable_parameter_changed),
		cmocka_unit_test(one_time_op_params_force_restart),
		cmocka_unit_test(no_digest_recorded),
		cmocka_unit_test(fence_device_before_3_16),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(version_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
