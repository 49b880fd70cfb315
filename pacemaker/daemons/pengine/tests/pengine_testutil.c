/*
 * Test helpers of the pengine daemon (see pengine_testutil.h).
 */
#include <bzlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include <crm/common/xml.h>
#include "pengine_testutil.h"

static const char cib_format[] =
	"<cib validate-with=\"pacemaker-3.7\" epoch=\"%d\" num_updates=\"0\" admin_epoch=\"0\""
	" crm_feature_set=\"3.16.2\" have-quorum=\"1\" dc-uuid=\"1\">"
	"<configuration>"
	"<crm_config><cluster_property_set id=\"cib-bootstrap-options\">"
	"<nvpair id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>%s"
	"</cluster_property_set></crm_config>"
	"<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
	"<resources><primitive id=\"dummy\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
	"<operations><op id=\"dummy-monitor-10s\" name=\"monitor\" interval=\"10s\"/></operations>"
	"</primitive></resources>"
	"<constraints>%s</constraints>"
	"</configuration>"
	"<status>"
	"<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\""
	" expected=\"member\"/>"
	"<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\""
	" expected=\"member\"/>"
	"</status></cib>";

xmlNode *testutil_parse(const char *text)
{
	xmlDoc *doc = NULL;
	char *error = NULL;
	xmlNode *copy;

	if (pcmk_xml_parse(text, strlen(text), &doc, &error) < 0) {
		fail_msg("cannot parse test XML: %s", error);
	}
	copy = pcmk_xml_copy(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return copy;
}

xmlNode *testutil_cib(const char *options, const char *constraints, int epoch)
{
	char *text = g_strdup_printf(cib_format, epoch, options, constraints);
	xmlNode *cib = testutil_parse(text);

	g_free(text);
	return cib;
}

char *testutil_tmpdir(void)
{
	char *dir = g_dir_make_tmp("pengine-test.XXXXXX", NULL);

	assert_non_null(dir);
	return dir;
}

void testutil_rmdir(char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, name, NULL);

		g_unlink(path);
		g_free(path);
	}
	if (d != NULL) {
		g_dir_close(d);
	}
	g_rmdir(dir);
	g_free(dir);
}

static GString *read_bz2_text(FILE *f)
{
	GString *text = g_string_new(NULL);
	int bzerr = BZ_OK;
	BZFILE *bz = BZ2_bzReadOpen(&bzerr, f, 0, 0, NULL, 0);
	char buf[4096];

	while (bz != NULL && bzerr == BZ_OK) {
		int n = BZ2_bzRead(&bzerr, bz, buf, sizeof(buf));

		if (n > 0) {
			g_string_append_len(text, buf, n);
		}
	}
	if (bz != NULL) {
		int close_err;

		BZ2_bzReadClose(&close_err, bz);
	}
	if (bzerr != BZ_STREAM_END) {
		g_string_free(text, TRUE);
		return NULL;
	}
	return text;
}

xmlNode *testutil_read_bz2(const char *path)
{
	FILE *f = fopen(path, "r");
	GString *text;
	xmlDoc *doc = NULL;
	xmlNode *root = NULL;

	if (f == NULL) {
		return NULL;
	}
	text = read_bz2_text(f);
	fclose(f);
	if (text != NULL && pcmk_xml_parse(text->str, text->len, &doc, NULL) == 0) {
		root = pcmk_xml_copy(xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	if (text != NULL) {
		g_string_free(text, TRUE);
	}
	return root;
}

bool testutil_exists(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL);
	bool exists = access(path, F_OK) == 0;

	g_free(path);
	return exists;
}

char *testutil_slurp(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL);
	char *text = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		text = NULL;
	}
	g_free(path);
	return text;
}
