/*
 * cib_patch_apply() and cib_patch_versions(): patches as crm_diff makes
 * them, version checks, digests, and bad patches that must leave the CIB
 * exactly as it was.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/cib/digest.h>
#include <crm/cib/patch.h>
#include <crm/cib/version.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

static const char old_cib[] =
	"<cib crm_feature_set=\"3.16.1\" epoch=\"5\" num_updates=\"3\" admin_epoch=\"0\">"
	"<configuration><crm_config/><resources>"
	"<primitive id=\"ip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr\"/>"
	"<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>"
	"<primitive id=\"b\" class=\"ocf\" type=\"Dummy\"/>"
	"<primitive id=\"c\" class=\"ocf\" type=\"Dummy\"/>"
	"</resources><constraints><rsc_order id=\"o1\" first=\"a\" then=\"b\"/><!--note-->"
	"</constraints></configuration><status/></cib>";

static const char new_cib[] =
	"<cib crm_feature_set=\"3.16.1\" epoch=\"6\" num_updates=\"0\" admin_epoch=\"0\" "
	"have-quorum=\"1\"><configuration><crm_config/><resources>"
	"<primitive id=\"web\" class=\"ocf\" type=\"apache\"/>"
	"<primitive id=\"c\" class=\"ocf\" type=\"Dummy\"/>"
	"<primitive id=\"ip\" class=\"ocf\" type=\"IPaddr2\"/>"
	"<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>"
	"<primitive id=\"b\" class=\"ocf\" type=\"Dummy\"/>"
	"</resources><constraints/></configuration><status/></cib>";

/* What crm_diff -o old -n new printed for the two above (one line). */
static const char crm_diff_patch[] =
	"<diff format=\"2\"><version>"
	"<source admin_epoch=\"0\" epoch=\"5\" num_updates=\"3\"/>"
	"<target admin_epoch=\"0\" epoch=\"6\" num_updates=\"0\"/></version>"
	"<change operation=\"delete\" path=\"/cib/configuration/constraints/rsc_order[@id='o1']\"/>"
	"<change operation=\"delete\" path=\"/cib/configuration/constraints/comment\" "
	"position=\"0\"/>"
	"<change operation=\"modify\" path=\"/cib\"><change-list>"
	"<change-attr name=\"epoch\" operation=\"set\" value=\"6\"/>"
	"<change-attr name=\"num_updates\" operation=\"set\" value=\"0\"/>"
	"<change-attr name=\"have-quorum\" operation=\"set\" value=\"1\"/></change-list>"
	"<change-result><cib crm_feature_set=\"3.16.1\" epoch=\"6\" num_updates=\"0\" "
	"admin_epoch=\"0\" have-quorum=\"1\"/></change-result></change>"
	"<change operation=\"create\" path=\"/cib/configuration/resources\" position=\"0\">"
	"<primitive id=\"web\" class=\"ocf\" type=\"apache\"/></change>"
	"<change operation=\"move\" path=\"/cib/configuration/resources/primitive[@id='c']\" "
	"position=\"1\"/>"
	"<change operation=\"modify\" path=\"/cib/configuration/resources/primitive[@id='ip']\">"
	"<change-list><change-attr name=\"type\" operation=\"set\" value=\"IPaddr2\"/>"
	"<change-attr name=\"provider\" operation=\"unset\"/></change-list>"
	"<change-result><primitive id=\"ip\" class=\"ocf\" type=\"IPaddr2\"/></change-result>"
	"</change>"
	"<change operation=\"move\" path=\"/cib/configuration/resources/primitive[@id='ip']\" "
	"position=\"2\"/></diff>";

#define PATCH_HEAD                                                                              \
	"<diff format=\"2\"><version><source admin_epoch=\"0\" epoch=\"5\" num_updates=\"3\"/>" \
	"<target admin_epoch=\"0\" epoch=\"5\" num_updates=\"4\"/></version>"

static xmlNode *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return xmlDocGetRootElement(doc);
}

static void assert_xml_text(const xmlNode *xml, const char *expected)
{
	char *text = pcmk_xml_to_string(xml, false);

	assert_string_equal(text, expected);
	free(text);
}

static void crm_diff_patch_applies(void **state)
{
	xmlNode *cib = parse(old_cib), *patch = parse(crm_diff_patch);
	char *error = (char *)1;

	(void)state;
	assert_int_equal(cib_patch_apply(cib, patch, false, &error), 0);
	assert_null(error);
	assert_xml_text(cib, new_cib);
	pcmk_xml_free(cib);
	pcmk_xml_free(patch);
}

static void our_patch_applies(void **state)
{
	xmlNode *cib = parse(old_cib), *new = parse(new_cib), *patch = NULL;

	(void)state;
	assert_int_equal(cib_patch_create(cib, new, &patch, NULL), 0);
	assert_int_equal(cib_patch_apply(cib, patch, false, NULL), 0);
	assert_xml_text(cib, new_cib);
	pcmk_xml_free(cib);
	pcmk_xml_free(new);
	pcmk_xml_free(patch);
}

/* Apply @patch_text to old_cib and expect @rc, an error message holding
 * @words, and the CIB untouched. */
static void expect_refused(const char *patch_text, bool ignore_version, int rc, const char *words)
{
	xmlNode *cib = parse(old_cib), *patch = parse(patch_text);
	char *error = NULL;

	assert_int_equal(cib_patch_apply(cib, patch, ignore_version, &error), rc);
	assert_non_null(error);
	if (strstr(error, words) == NULL) {
		fail_msg("error \"%s\" does not say \"%s\"", error, words);
	}
	assert_xml_text(cib, old_cib);
	free(error);
	pcmk_xml_free(cib);
	pcmk_xml_free(patch);
}

static void version_must_match(void **state)
{
	(void)state;
	/* the CIB is older than the patch's source */
	expect_refused(
		"<diff format=\"2\"><version><source admin_epoch=\"0\" epoch=\"6\" "
		"num_updates=\"0\"/><target admin_epoch=\"0\" epoch=\"6\" num_updates=\"1\"/>"
		"</version></diff>",
		false, -PCMK_E_DIFF_RESYNC, "is for CIB version 0.6.0");
	/* ... newer */
	expect_refused(
		"<diff format=\"2\"><version><source admin_epoch=\"0\" epoch=\"5\" "
		"num_updates=\"2\"/><target admin_epoch=\"0\" epoch=\"5\" num_updates=\"3\"/>"
		"</version></diff>",
		false, -PCMK_E_OLD_DATA, "CIB is at 0.5.3");
	/* a target no newer than the source */
	expect_refused(
		"<diff format=\"2\"><version><source admin_epoch=\"0\" epoch=\"5\" "
		"num_updates=\"3\"/><target admin_epoch=\"0\" epoch=\"5\" num_updates=\"3\"/>"
		"</version></diff>",
		false, -PCMK_E_OLD_DATA, "does not move the version");
}

static void ignore_version_sets_target(void **state)
{
	xmlNode *cib = parse(old_cib);
	xmlNode *patch = parse("<diff format=\"2\"><version><source admin_epoch=\"0\" epoch=\"9\" "
			       "num_updates=\"0\"/><target admin_epoch=\"0\" epoch=\"9\" "
			       "num_updates=\"7\"/></version></diff>");
	struct cib_version v;

	(void)state;
	assert_int_equal(cib_patch_apply(cib, patch, false, NULL), -PCMK_E_DIFF_RESYNC);
	assert_int_equal(cib_patch_apply(cib, patch, true, NULL), 0);
	assert_int_equal(cib_version_get(cib, &v), 0);
	assert_int_equal(v.epoch, 9);
	assert_int_equal(v.num_updates, 7);
	pcmk_xml_free(cib);
	pcmk_xml_free(patch);
}

static void bad_patches_leave_cib_unchanged(void **state)
{
	(void)state;
	expect_refused(PATCH_HEAD "<change operation=\"frobnicate\" path=\"/cib\"/></diff>", false,
		       -PCMK_E_DIFF_FAILED, "change 1 (frobnicate /cib): unknown operation");
	/* the first change applies, the second cannot: nothing applies */
	expect_refused(PATCH_HEAD
		       "<change operation=\"delete\" path=\"/cib/configuration/resources\"/>"
		       "<change operation=\"modify\" path=\"/cib/configuration/nodes\">"
		       "<change-result><nodes/></change-result></change></diff>",
		       false, -PCMK_E_DIFF_FAILED,
		       "change 2 (modify /cib/configuration/nodes): no element");
	expect_refused(PATCH_HEAD "<change operation=\"modify\" path=\"/cib\"/></diff>", false,
		       -PCMK_E_DIFF_FAILED, "no <change-result>");
	expect_refused(PATCH_HEAD "<change operation=\"modify\"><change-result><cib/>"
				  "</change-result></change></diff>",
		       false, -PCMK_E_DIFF_FAILED, "not a path");
	expect_refused(PATCH_HEAD "<change operation=\"move\" path=\"/cib/configuration/x[1]\" "
				  "position=\"0\"/></diff>",
		       false, -PCMK_E_DIFF_FAILED, "not a path");
	expect_refused(PATCH_HEAD "<change operation=\"create\" path=\"/cib\" position=\"0\"/>"
				  "</diff>",
		       false, -PCMK_E_DIFF_FAILED, "nothing to create");
	expect_refused(PATCH_HEAD "<change operation=\"create\" path=\"/cib\" position=\"-1\">"
				  "<x/></change></diff>",
		       false, -PCMK_E_DIFF_FAILED, "position \"-1\"");
	expect_refused(PATCH_HEAD "<change operation=\"delete\" path=\"/cib\"/></diff>", false,
		       -PCMK_E_DIFF_FAILED, "root element");
	expect_refused(PATCH_HEAD
		       "<change operation=\"create\" path=\"/cib/configuration/resources\" "
		       "position=\"0\"><x/></change>"
		       "<change operation=\"delete\" path=\"/cib/configuration\"/></diff>",
		       false, -PCMK_E_DIFF_FAILED, "change 2 (delete /cib/configuration)");
	expect_refused("<diff format=\"1\"/>", false, -EINVAL, "format=\"2\"");
	expect_refused("<cib/>", true, -EINVAL, "not a <diff");
}

static void delete_of_missing_element_is_fine(void **state)
{
	xmlNode *cib = parse(old_cib);
	xmlNode *patch =
		parse(PATCH_HEAD "<change operation=\"delete\" "
				 "path=\"/cib/configuration/resources/primitive[@id='zz']\"/>"
				 "</diff>");

	(void)state;
	assert_int_equal(cib_patch_apply(cib, patch, false, NULL), 0);
	assert_string_equal(pcmk_xml_attr(cib, "num_updates"), "4");
	pcmk_xml_free(cib);
	pcmk_xml_free(patch);
}

/* Creates run in order of position whatever their order in the patch. */
static void creates_sorted_by_position(void **state)
{
	xmlNode *cib = parse("<cib epoch=\"1\"><status/></cib>");
	xmlNode *patch = parse(
		"<diff format=\"2\"><version><source epoch=\"1\"/><target epoch=\"2\"/></version>"
		"<change operation=\"create\" path=\"/cib/status\" position=\"2\"><c/></change>"
		"<change operation=\"create\" path=\"/cib/status\" position=\"0\"><a/></change>"
		"<change operation=\"create\" path=\"/cib/status\" position=\"1\"><b/></change>"
		"</diff>");

	(void)state;
	assert_int_equal(cib_patch_apply(cib, patch, true, NULL), 0);
	assert_xml_text(cib, "<cib epoch=\"2\"><status><a/><b/><c/></status></cib>");
	pcmk_xml_free(cib);
	pcmk_xml_free(patch);
}

static void digest_is_checked(void **state)
{
	xmlNode *cib = parse(old_cib), *new = parse(new_cib), *patch = parse(crm_diff_patch);
	char digest[CIB_DIGEST_SIZE];
	char *error = NULL;

	(void)state;
	assert_int_equal(cib_digest_versioned(new, digest), 0);
	assert_int_equal(pcmk_xml_set_attr(patch, "digest", "0123456789abcdef0123456789abcdef"), 0);
	assert_int_equal(cib_patch_apply(cib, patch, false, &error), -PCMK_E_DIFF_FAILED);
	assert_non_null(strstr(error, digest));
	assert_xml_text(cib, old_cib);
	free(error);
	assert_int_equal(pcmk_xml_set_attr(patch, "digest", digest), 0);
	assert_int_equal(cib_patch_apply(cib, patch, false, NULL), 0);
	assert_xml_text(cib, new_cib);
	pcmk_xml_free(cib);
	pcmk_xml_free(new);
	pcmk_xml_free(patch);
}

static void versions_of_a_patch(void **state)
{
	xmlNode *patch = parse(crm_diff_patch), *cib = parse(old_cib);
	struct cib_version source, target;

	(void)state;
	assert_int_equal(cib_patch_versions(patch, &source, &target), 0);
	assert_int_equal(source.epoch, 5);
	assert_int_equal(source.num_updates, 3);
	assert_int_equal(target.epoch, 6);
	assert_int_equal(target.num_updates, 0);
	assert_int_equal(cib_patch_versions(patch, NULL, NULL), 0);
	assert_int_equal(cib_patch_versions(cib, &source, &target), -EINVAL);
	assert_int_equal(cib_patch_versions(NULL, &source, &target), -EINVAL);
	pcmk_xml_free(patch);
	pcmk_xml_free(cib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crm_diff_patch_applies),
		cmocka_unit_test(our_patch_applies),
		cmocka_unit_test(version_must_match),
		cmocka_unit_test(ignore_version_sets_target),
		cmocka_unit_test(bad_patches_leave_cib_unchanged),
		cmocka_unit_test(delete_of_missing_element_is_fine),
		cmocka_unit_test(creates_sorted_by_position),
		cmocka_unit_test(digest_is_checked),
		cmocka_unit_test(versions_of_a_patch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
