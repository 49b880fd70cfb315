/*
 * The crm_verify report: what each level looks like at each verbosity and
 * how message effects add up to the verdict.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <crm/pengine/verify.h>

static const struct pe_verify_msg *msg_at(const struct pe_verify_report *r, guint i)
{
	assert_true(i < r->msgs->len);
	return g_ptr_array_index(r->msgs, i);
}

static void levels_by_verbosity(void **state)
{
	struct pe_verify_report *r = pe_verify_report_new();
	GString *out = g_string_new(NULL);

	(void)state;
	pe_verify_add(r, NULL, PE_VERIFY_RAW, PE_VERIFY_NOTE, "f.xml:3: element x: %s", "oops");
	pe_verify_add(r, "unpack_config", PE_VERIFY_ERROR, PE_VERIFY_NOTE, "bad %d", 7);
	pe_verify_add(r, "cluster_status", PE_VERIFY_WARNING, PE_VERIFY_NOTE, "meh");

	assert_true(pe_verify_format(msg_at(r, 0), 0, out));
	assert_false(pe_verify_format(msg_at(r, 1), 0, out));
	assert_false(pe_verify_format(msg_at(r, 2), 0, out));
	assert_string_equal(out->str, "f.xml:3: element x: oops\n");

	g_string_truncate(out, 0);
	assert_true(pe_verify_format(msg_at(r, 1), 1, out));
	assert_false(pe_verify_format(msg_at(r, 2), 1, out));
	assert_string_equal(out->str, "(unpack_config) \terror: bad 7\n");

	g_string_truncate(out, 0);
	assert_true(pe_verify_format(msg_at(r, 2), 2, out));
	assert_true(pe_verify_format(msg_at(r, 2), 5, out));
	assert_string_equal(out->str, "(cluster_status) \twarning: meh\n"
				      "(cluster_status) \twarning: meh\n");
	g_string_free(out, TRUE);
	pe_verify_report_free(r);
}

static void effects_make_the_verdict(void **state)
{
	struct pe_verify_report *r = pe_verify_report_new();

	(void)state;
	pe_verify_add(r, "a", PE_VERIFY_ERROR, PE_VERIFY_NOTE, "only said");
	assert_false(r->invalid);
	assert_false(r->suspect);
	pe_verify_add(r, "b", PE_VERIFY_WARNING, PE_VERIFY_SUSPECT, "suspect");
	assert_false(r->invalid);
	assert_true(r->suspect);
	pe_verify_add(r, "c", PE_VERIFY_ERROR, PE_VERIFY_INVALID, "invalid");
	assert_true(r->invalid);
	assert_int_equal(r->msgs->len, 3);
	assert_string_equal(msg_at(r, 2)->text, "invalid");
	pe_verify_report_free(r);
	pe_verify_report_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(levels_by_verbosity),
		cmocka_unit_test(effects_make_the_verdict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
