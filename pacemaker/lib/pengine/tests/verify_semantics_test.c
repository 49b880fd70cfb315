/*
 * The scheduler's checks of crm_verify on small CIBs, compared with what
 * pacemaker 2.1.5's crm_verify prints for the same CIB at -VV.
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "verify_testutil.h"

#define OFF "<nvpair id=\"off\" name=\"stonith-enabled\" value=\"false\"/>"
#define DUMMY "<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
#define FENCE "<primitive id=\"fence\" class=\"stonith\" type=\"fence_dummy\"/>"
#define BLIND "(unpack_config) \twarning: Blind faith: not fencing unseen nodes\n"
#define NO_QUORUM                                                                              \
	"(cluster_status) \twarning: Fencing and resource management disabled due to lack of " \
	"quorum\n"
#define NO_STONITH                                                                                 \
	"(unpack_resources) \terror: Resource start-up disabled since no STONITH resources have "  \
	"been defined\n"                                                                           \
	"(unpack_resources) \terror: Either configure some or disable STONITH with the "           \
	"stonith-enabled option\n"                                                                 \
	"(unpack_resources) \terror: NOTE: Clusters with shared data need STONITH to ensure data " \
	"integrity\n"
#define UNCLEAN(n) \
	"(schedule_fencing_and_shutdowns) \twarning: Node " n " is unclean but cannot be fenced\n"

/* Run the checks on a CIB made of the parts; compare the -VV text and the
 * verdict. */
static void expect(const char *config, const char *resources, const char *status, const char *want,
		   bool invalid, bool suspect)
{
	char *cib = verify_cib(config, resources, status);
	struct pe_verify_report *r = verify_run(cib);
	char *text = verify_text(r, 2);

	assert_string_equal(text, want);
	assert_int_equal(r->invalid, invalid);
	assert_int_equal(r->suspect, suspect);
	g_free(text);
	g_free(cib);
	pe_verify_report_free(r);
}

static void fencing_disabled_is_fine(void **state)
{
	(void)state;
	expect(OFF, DUMMY, "", BLIND NO_QUORUM, false, false);
	expect(OFF "<nvpair id=\"q\" name=\"no-quorum-policy\" value=\"ignore\"/>", "", "", BLIND,
	       false, false);
}

static void no_fencing_device(void **state)
{
	(void)state;
	expect("", DUMMY, "", NO_QUORUM NO_STONITH UNCLEAN("node1") UNCLEAN("node2"), true, true);
	/* no startup fencing: unseen nodes are trusted */
	expect("<nvpair id=\"sf\" name=\"startup-fencing\" value=\"false\"/>", "", "",
	       BLIND NO_QUORUM NO_STONITH, true, false);
}

static void fencing_device_and_quorum(void **state)
{
	static const char online[] = "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" "
				     "crmd=\"online\" join=\"member\" expected=\"member\"/>";

	(void)state;
	expect("", FENCE, "", NO_QUORUM UNCLEAN("node1") UNCLEAN("node2"), false, true);
	/* a node in our membership can be fenced without quorum */
	expect("", FENCE, online, NO_QUORUM UNCLEAN("node2"), false, true);
}

static void invalid_options_in_lookup_order(void **state)
{
	(void)state;
	expect(OFF "<nvpair id=\"b\" name=\"batch-limit\" value=\"abc\"/>"
		   "<nvpair id=\"n\" name=\"no-quorum-policy\" value=\"panic\"/>"
		   "<nvpair id=\"r\" name=\"cluster-recheck-interval\" value=\"soon\"/>"
		   "<nvpair id=\"x\" name=\"no-such-option\" value=\"1\"/>",
	       "", "",
	       "(cluster_option_value) \terror: Using default value for cluster option "
	       "'no-quorum-policy' because 'panic' is invalid\n"
	       "(scan_ll) \twarning: Could not parse integer from 'abc' (using 0 instead): No "
	       "digits found\n"
	       "(scan_ll) \twarning: Characters left over after parsing 'abc': 'abc'\n"
	       "(cluster_option_value) \terror: Using default value for cluster option "
	       "'batch-limit' because 'abc' is invalid\n" BLIND NO_QUORUM,
	       true, false);
}

static void target_role_per_instance(void **state)
{
	static const char clone[] =
		"<clone id=\"ms\"><meta_attributes id=\"m\">"
		"<nvpair id=\"m1\" name=\"target-role\" value=\"Bogus\"/>"
		"<nvpair id=\"m2\" name=\"clone-max\" value=\"2\"/></meta_attributes>"
		"<group id=\"g\"><primitive id=\"st\" class=\"ocf\" provider=\"pacemaker\" "
		"type=\"Stateful\"/></group></clone>";
	GString *want = g_string_new(BLIND NO_QUORUM);
	const char *ids[] = { "ms", "g:0", "st:0", "g:1", "st:1" };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		g_string_append_printf(want,
				       "(text2role) \terror: Unknown role: Bogus\n"
				       "(get_target_role) \terror: Ignoring 'target-role' for %s "
				       "because 'Bogus' is not valid\n",
				       ids[i]);
	}
	expect(OFF, clone, "", want->str, true, false);
	g_string_free(want, TRUE);
}

static void clipped_clone_max_and_group_flags(void **state)
{
	static const char rscs[] =
		"<clone id=\"c\"><meta_attributes id=\"m\">"
		"<nvpair id=\"m2\" name=\"clone-max\" value=\"-1\"/></meta_attributes>" DUMMY
		"</clone><group id=\"g\"><meta_attributes id=\"gm\">"
		"<nvpair id=\"g1\" name=\"collocated\" value=\"false\"/>"
		"<nvpair id=\"g2\" name=\"ordered\" value=\"true\"/></meta_attributes>"
		"<primitive id=\"b\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></group>";

	(void)state;
	expect(OFF, rscs, "",
	       BLIND NO_QUORUM "(pcmk__scan_min_int) \twarning: Clipped '-1' to minimum "
			       "acceptable value 0\n"
			       "(set_group_flag) \twarning: Support for the 'collocated' group "
			       "meta-attribute is deprecated and will be removed in a future "
			       "release (use a resource set instead)\n",
	       false, true);
}

static void recurring_operations(void **state)
{
	static const char rsc[] =
		"<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
		"<operations><op id=\"m0\" name=\"monitor\" interval=\"10x\"/>"
		"<op id=\"ma\" name=\"monitor\" interval=\"20s\"/>"
		"<op id=\"mb\" name=\"monitor\" interval=\"PT20S\" timeout=\"30s\"/>"
		"<op id=\"s\" name=\"start\" interval=\"0\"/></operations></primitive>";
#define BAD "(crm_parse_interval_spec) \twarning: Using 0 instead of '10x'\n"
#define DUP                                                                                        \
	"(is_op_dup) \terror: Operation mb is duplicate of ma (do not use same name and interval " \
	"combination more than once per resource)\n"

	(void)state;
	expect(OFF, rsc, "", BLIND NO_QUORUM BAD BAD DUP BAD DUP, true, false);
}

/* Text of the CIB the parts make, with its status section cut out. */
static char *without_status(const char *config, const char *resources)
{
	char *cib = verify_cib(config, resources, "");
	char *at = strstr(cib, "  <status></status>\n");

	assert_non_null(at);
	memmove(at, at + strlen("  <status></status>\n"),
		strlen(at + strlen("  <status></status>\n")) + 1);
	return cib;
}

/* pacemaker 2.1.5 checks a CIB without a status section (crmsh's commit
 * pipes one) as a configuration only: no unclean nodes, no operations. */
static void no_status_section_is_configuration_only(void **state)
{
	static const char rsc[] =
		"<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
		"<operations><op id=\"m0\" name=\"monitor\" interval=\"10x\"/></operations>"
		"</primitive>";
	char *cib = without_status("", FENCE);
	struct pe_verify_report *r = verify_run(cib);
	char *text = verify_text(r, 2);

	(void)state;
	assert_string_equal(text, NO_QUORUM);
	assert_false(r->suspect);
	g_free(text);
	g_free(cib);
	pe_verify_report_free(r);
	cib = without_status(OFF, rsc);
	r = verify_run(cib);
	text = verify_text(r, 2);
	assert_string_equal(text, BLIND NO_QUORUM);
	assert_false(r->suspect);
	g_free(text);
	g_free(cib);
	pe_verify_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fencing_disabled_is_fine),
		cmocka_unit_test(no_fencing_device),
		cmocka_unit_test(fencing_device_and_quorum),
		cmocka_unit_test(invalid_options_in_lookup_order),
		cmocka_unit_test(target_role_per_instance),
		cmocka_unit_test(clipped_clone_max_and_group_flags),
		cmocka_unit_test(recurring_operations),
		cmocka_unit_test(no_status_section_is_configuration_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
