/*
 * CIB digests against values pacemaker 2.1's cibadmin printed for the
 * same XML (`cibadmin -5 -X` and `cibadmin --md5-sum-versioned -X`).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/cib/digest.h>
#include <crm/common/xml.h>

struct known {
	const char *xml;
	const char *digest;
};

static xmlNode *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return xmlDocGetRootElement(doc);
}

static void check_all(const struct known *k, size_t n,
		      int (*fn)(const xmlNode *, char[CIB_DIGEST_SIZE]))
{
	for (size_t i = 0; i < n; i++) {
		xmlNode *xml = parse(k[i].xml);
		char out[CIB_DIGEST_SIZE];

		assert_int_equal(fn(xml, out), 0);
		if (strcmp(out, k[i].digest) != 0) {
			fail_msg("%s: got %s, pacemaker %s", k[i].xml, out, k[i].digest);
		}
		pcmk_xml_free(xml);
	}
}

static const struct known on_disk[] = {
	{ "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"2\" crm_feature_set=\"3.16.2\" "
	  "cib-last-written=\"x\"><configuration><crm_config/></configuration><status/></cib>",
	  "19230c3bc2bfbba2fcca2b9bbf6830de" },
	/* markup characters are escaped, quotes included */
	{ "<a x=\"&lt;&gt;&amp;&quot;&apos;\"/>", "151f454e63f3ca19228ee81ae28ce7c3" },
	/* tab as four spaces, newline and return as \n and \r */
	{ "<a x=\"t&#9;n&#10;r&#13;\"/>", "4ac1911a5910bfb4caf917ad0af5b6f9" },
	/* text is left out but keeps the element open */
	{ "<a>text</a>", "4ab05ac931cd768ebbbe07713cd548d2" },
	{ "<a><!--c--><b/></a>", "05eb300255c8b0a7cdea5baab3d1a62e" },
	{ "<a><![CDATA[x<y]]></a>", "b8d02d028eabe5e733092e901320e790" },
	/* escaping stops after the first multi-byte character */
	{ "<a x=\"\xc3\xa9&lt;\"/>", "c7549bffefac98b6ddb8e7c813a4ffbf" },
	{ "<a x=\"\xc3\xa9\" y=\"&lt;\"/>", "845388e474aa15162e35fdd68e8e01c5" },
	/* DEL in octal */
	{ "<a x=\"&#x7f;\"/>", "d85e9700422b0183abf155a9e7f1a4fa" },
	{ "<a x=\"\"/>", "a496ef3995c5ea6e2c5684f1397a3fa8" },
};

static const struct known versioned[] = {
	{ "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"2\" crm_feature_set=\"3.16.2\" "
	  "cib-last-written=\"x\"><configuration><crm_config/></configuration><status/></cib>",
	  "c5dfa566a59df90333acce3d165580e4" },
	/* before 3.0.5 the versioned digest is the on-disk one */
	{ "<cib crm_feature_set=\"3.0.4\" cib-last-written=\"x\"/>",
	  "7eb3238821da3766e92ebe5343910142" },
	{ "<cib crm_feature_set=\"3.0.4.9\"/>", "e171488b197036807a49af243a8ba7ba" },
	{ "<cib/>", "9da2e159fcd5d580a06068e4ba442380" },
	{ "<cib crm_feature_set=\"abc\"/>", "82023b2adb8b18a66fa0cc643f08c18e" },
	/* from 3.0.5 on the per-node attributes are left out at every depth */
	{ "<cib crm_feature_set=\"3.0.5\" cib-last-written=\"x\"><a update-origin=\"x\" "
	  "crm-debug-origin=\"y\" update-client=\"c\" update-user=\"u\" b=\"1\"/></cib>",
	  "6dbe1927f512ece07bb84e5898cd13e8" },
	{ "<cib crm_feature_set=\"3.0.10\"/>", "bfc7446b6d4a11f0abb17773f68e0589" },
	{ "<cib crm_feature_set=\"3.0.5\"><a x=\"\xc3\xa9&lt;\"/></cib>",
	  "dbc1fcd24d552b5727cab5d6b1fef4e9" },
};

static void on_disk_matches_pacemaker(void **state)
{
	(void)state;
	check_all(on_disk, sizeof(on_disk) / sizeof(on_disk[0]), cib_digest_on_disk);
}

static void versioned_matches_pacemaker(void **state)
{
	(void)state;
	check_all(versioned, sizeof(versioned) / sizeof(versioned[0]), cib_digest_versioned);
}

static void volatile_attributes_do_not_change_versioned(void **state)
{
	xmlNode *a = parse("<cib crm_feature_set=\"3.19.0\" epoch=\"1\"/>");
	xmlNode *b = parse("<cib crm_feature_set=\"3.19.0\" epoch=\"1\" update-user=\"root\"/>");
	char da[CIB_DIGEST_SIZE], db[CIB_DIGEST_SIZE];

	(void)state;
	assert_int_equal(cib_digest_versioned(a, da), 0);
	assert_int_equal(cib_digest_versioned(b, db), 0);
	assert_string_equal(da, db);
	assert_int_equal(cib_digest_on_disk(a, da), 0);
	assert_int_equal(cib_digest_on_disk(b, db), 0);
	assert_string_not_equal(da, db);
	pcmk_xml_free(a);
	pcmk_xml_free(b);
}

static void bad_arguments(void **state)
{
	char out[CIB_DIGEST_SIZE];
	xmlNode *a = parse("<cib/>");

	(void)state;
	assert_int_equal(cib_digest_on_disk(NULL, out), -EINVAL);
	assert_int_equal(cib_digest_versioned(NULL, out), -EINVAL);
	assert_int_equal(cib_digest_on_disk(a, NULL), -EINVAL);
	pcmk_xml_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(on_disk_matches_pacemaker),
		cmocka_unit_test(versioned_matches_pacemaker),
		cmocka_unit_test(volatile_attributes_do_not_change_versioned),
		cmocka_unit_test(bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
