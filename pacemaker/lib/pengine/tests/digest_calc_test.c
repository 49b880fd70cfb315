/*
 * pe_op_digests_calc() and pe_op_digests_calc_op(): which parameters go
 * into each digest and the exact text hashed.  Expected values are the
 * md5 of the literal text pacemaker hashes, so a change in filtering,
 * order, escaping or framing fails here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/pengine/digest.h>

#include "digest_testutil.h"

/* md5 of " <parameters ATTRS/>\n", the framing pacemaker hashes. */
static char *md5_of(const char *attrs)
{
	char *text = g_strdup_printf(" <parameters%s/>\n", attrs);
	char *hex = g_compute_checksum_for_string(G_CHECKSUM_MD5, text, -1);

	g_free(text);
	return hex;
}

static void assert_digest(const char *digest, const char *attrs)
{
	char *expected = md5_of(attrs);

	assert_non_null(digest);
	assert_string_equal(digest, expected);
	g_free(expected);
}

static void empty_params(void **state)
{
	GHashTable *rsc = dt_table(NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, NULL, NULL, &d), 0);
	/* the most common op-digest in real histories */
	assert_string_equal(d.all, "f2317cad3d54cec5d7d7aa7d0bf35cf8");
	assert_string_equal(d.secure, d.all);
	assert_null(d.restart);
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
}

static void sorted_by_byte_order(void **state)
{
	GHashTable *rsc = dt_table("b", "2", "a", "1", "B", "3", "a_b", "4", NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, NULL, NULL, &d), 0);
	assert_digest(d.all, " B=\"3\" a=\"1\" a_b=\"4\" b=\"2\"");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
}

static void meta_and_controller_names_dropped(void **state)
{
	GHashTable *rsc = dt_table("a", "1", "id", "x", "crm_feature_set", "3.0.1",
				   "pcmk_external_ip", "10.0.0.1", "op-digest", "abc", NULL);
	GHashTable *op = dt_table("CRM_meta_timeout", "90000", "CRM_meta_name", "start",
				  "CRM_meta_on_node", "n1", NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, op, "start", 0, "90000", NULL, NULL, &d), 0);
	assert_digest(d.all, " a=\"1\"");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
	g_hash_table_destroy(op);
}

static void recurring_keeps_timeout(void **state)
{
	GHashTable *rsc = dt_table("a", "1", NULL);
	GHashTable *op = dt_table("CRM_meta_timeout", "45000", "CRM_meta_interval", "10000", NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "monitor", 10000, "30000", NULL, NULL, &d),
			 0);
	assert_digest(d.all, " CRM_meta_timeout=\"30000\" a=\"1\"");
	/* pacemaker's secure digest loses the timeout */
	assert_digest(d.secure, " a=\"1\"");
	pe_op_digests_clear(&d);

	/* no argument: the timeout in the op's table, else pacemaker's default */
	assert_int_equal(pe_op_digests_calc(rsc, op, "monitor", 10000, NULL, NULL, NULL, &d), 0);
	assert_digest(d.all, " CRM_meta_timeout=\"45000\" a=\"1\"");
	pe_op_digests_clear(&d);
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "monitor", 10000, NULL, NULL, NULL, &d), 0);
	assert_digest(d.all, " CRM_meta_timeout=\"20000\" a=\"1\"");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
	g_hash_table_destroy(op);
}

static void op_params_override_rsc_params(void **state)
{
	GHashTable *rsc = dt_table("a", "1", "depth", "0", NULL);
	GHashTable *op = dt_table("depth", "10", NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, op, "monitor", 0, NULL, NULL, NULL, &d), 0);
	assert_digest(d.all, " a=\"1\" depth=\"10\"");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
	g_hash_table_destroy(op);
}

static void restart_keeps_listed_only(void **state)
{
	GHashTable *rsc = dt_table("state", "/x", "delay", "1", "name", "n", NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, " state name ", NULL, &d),
			 0);
	assert_digest(d.restart, " name=\"n\" state=\"/x\"");
	pe_op_digests_clear(&d);
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, "", NULL, &d), 0);
	assert_digest(d.restart, "");
	pe_op_digests_clear(&d);
	/* names are matched with a space on each side, as pacemaker does */
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, "state name", NULL, &d),
			 0);
	assert_digest(d.restart, "");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
}

static void secure_drops_private(void **state)
{
	GHashTable *rsc = dt_table("user", "u", "passwd", "secret", "host", "h", NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, NULL, " passwd user ", &d),
			 0);
	assert_digest(d.secure, " host=\"h\"");
	assert_digest(d.all, " host=\"h\" passwd=\"secret\" user=\"u\"");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
}

static void secure_before_3_16(void **state)
{
	GHashTable *rsc = dt_table("ip", "1.2.3.4", "pcmk_host_list", "n1", "pcmk_reboot_action",
				   "off", "provides", "unfencing", "pcmk_foo", "x", NULL);
	GHashTable *op = dt_table("depth", "0", NULL);
	struct pe_digest_op op_def = {
		.name = "start",
		.feature_set = "3.0.14",
		.fence_device = true,
	};
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc_op(rsc, op, &op_def, &d), 0);
	/* the op's own parameters and pacemaker's fencing options are left
	 * out; pcmk_foo is no fencing option */
	assert_digest(d.secure, " ip=\"1.2.3.4\" pcmk_foo=\"x\"");
	pe_op_digests_clear(&d);
	op_def.fence_device = false;
	assert_int_equal(pe_op_digests_calc_op(rsc, op, &op_def, &d), 0);
	assert_digest(d.secure, " ip=\"1.2.3.4\" pcmk_foo=\"x\" pcmk_host_list=\"n1\""
				" pcmk_reboot_action=\"off\" provides=\"unfencing\"");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
	g_hash_table_destroy(op);
}

static void values_escaped(void **state)
{
	GHashTable *rsc = dt_table("cmd", "a<b & \"c\"\td", NULL);
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, NULL, NULL, &d), 0);
	assert_digest(d.all, " cmd=\"a&lt;b &amp; &quot;c&quot;    d\"");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
}

/* Digests the real executor recorded (anchor restart-with-extra-op-params,
 * feature set 3.16.0) for a Dummy with passwd private and reloadable
 * fake. */
static void real_executor_values(void **state)
{
	GHashTable *rsc = dt_table("passwd", "whatever", "fake", "foo", NULL);
	const char *force = "  envfile op_sleep passwd state  ";
	struct pe_op_digests d;

	(void)state;
	assert_int_equal(
		pe_op_digests_calc(rsc, NULL, "start", 0, "20000", force, "  passwd  ", &d), 0);
	assert_string_equal(d.all, "457016173e548c394dcf3896e3066412");
	assert_string_equal(d.restart, "5de129d7fe42dbcfe537f2c63b1921b6");
	assert_string_equal(d.secure, "e989cbe4a0e9492305ffdc8c6391ffee");
	pe_op_digests_clear(&d);
	assert_int_equal(
		pe_op_digests_calc(rsc, NULL, "monitor", 10000, "20000", NULL, "  passwd  ", &d),
		0);
	assert_string_equal(d.all, "f9a51bfe2c3d74c3b72202f3101682b7");
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
}

static void bad_arguments(void **state)
{
	GHashTable *rsc = dt_table(NULL);
	struct pe_op_digests d = { NULL, NULL, NULL };

	(void)state;
	assert_int_equal(pe_op_digests_calc(NULL, NULL, "start", 0, NULL, NULL, NULL, &d), -EINVAL);
	assert_null(d.all);
	assert_int_equal(pe_op_digests_calc(rsc, NULL, "start", 0, NULL, NULL, NULL, NULL),
			 -EINVAL);
	assert_int_equal(pe_op_digests_calc_op(rsc, NULL, NULL, &d), -EINVAL);
	pe_op_digests_clear(NULL);
	pe_op_digests_clear(&d);
	g_hash_table_destroy(rsc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_params),
		cmocka_unit_test(sorted_by_byte_order),
		cmocka_unit_test(meta_and_controller_names_dropped),
		cmocka_unit_test(recurring_keeps_timeout),
		cmocka_unit_test(op_params_override_rsc_params),
		cmocka_unit_test(restart_keeps_listed_only),
		cmocka_unit_test(secure_drops_private),
		cmocka_unit_test(secure_before_3_16),
		cmocka_unit_test(values_escaped),
		cmocka_unit_test(real_executor_values),
		cmocka_unit_test(bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
