/*
 * libcrmcommon XML output: compact and pretty strings, round trips, and
 * atomic file writes.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <libxml/parser.h>

#include <crm/common/xml.h>

static char tmpdir[] = "/tmp/pcmk_xml_write_test.XXXXXX";

static const char cib_text[] =
	"<cib epoch=\"5\" num_updates=\"0\" admin_epoch=\"0\">\n"
	"  <configuration>\n"
	"    <crm_config>\n"
	"      <cluster_property_set id=\"cib-bootstrap-options\">\n"
	"        <nvpair id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>\n"
	"      </cluster_property_set>\n"
	"    </crm_config>\n"
	"    <nodes/>\n"
	"    <resources>\n"
	"      <primitive id=\"webip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">\n"
	"        <!-- the address users connect to -->\n"
	"        <instance_attributes id=\"webip-params\">\n"
	"          <nvpair id=\"webip-ip\" name=\"ip\" value=\"10.0.0.5\"/>\n"
	"        </instance_attributes>\n"
	"      </primitive>\n"
	"    </resources>\n"
	"    <constraints/>\n"
	"  </configuration>\n"
	"  <status/>\n"
	"</cib>\n";

static xmlDoc *parse_ok(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

static char *tmp_path(const char *name)
{
	char *path = NULL;

	assert_true(asprintf(&path, "%s/%s", tmpdir, name) > 0);
	return path;
}

static char *slurp(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");
	FILE *out = open_memstream(&buf, &len);
	int c;

	while (f != NULL && (c = fgetc(f)) != EOF) {
		fputc(c, out);
	}
	fclose(out);
	if (f != NULL) {
		fclose(f);
	}
	return buf;
}

/* Names in @dir other than "." and "..", joined by spaces. */
static char *list_dir(const char *dir)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			fprintf(out, "%s%s", len ? " " : "", e->d_name);
			fflush(out);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
	fclose(out);
	return buf;
}

static void compact_and_pretty(void **state)
{
	xmlDoc *doc = parse_ok("<a x=\"1\">\n   <b/>\n\t<c>t</c>\n</a>");
	xmlNode *root = xmlDocGetRootElement(doc);
	char *compact = pcmk_xml_to_string(root, false);
	char *pretty = pcmk_xml_to_string(root, true);

	assert_string_equal(compact, "<a x=\"1\"><b/><c>t</c></a>");
	assert_string_equal(pretty, "<a x=\"1\">\n  <b/>\n  <c>t</c>\n</a>\n");
	free(compact);
	free(pretty);

	/* A subtree prints on its own, indented from zero. */
	char *child = pcmk_xml_to_string(pcmk_xml_first_child(root, "c"), true);

	assert_string_equal(child, "<c>t</c>\n");
	free(child);
	xmlFreeDoc(doc);
}

static void no_declaration(void **state)
{
	xmlDoc *doc = parse_ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cib/>");
	char *text = pcmk_xml_to_string(xmlDocGetRootElement(doc), true);

	assert_string_equal(text, "<cib/>\n");
	free(text);
	xmlFreeDoc(doc);
	assert_null(pcmk_xml_to_string(NULL, true));
}

static void pretty_output_matches_cibadmin_layout(void **state)
{
	xmlDoc *doc = parse_ok(cib_text);
	char *text = pcmk_xml_to_string(xmlDocGetRootElement(doc), true);

	assert_string_equal(text, cib_text);
	free(text);
	xmlFreeDoc(doc);
}

static void round_trip(void **state)
{
	xmlDoc *first = parse_ok(cib_text);
	char *compact = pcmk_xml_to_string(xmlDocGetRootElement(first), false);
	xmlDoc *second = parse_ok(compact);
	char *again = pcmk_xml_to_string(xmlDocGetRootElement(second), false);

	assert_string_equal(compact, again);
	assert_non_null(pcmk_xml_find_id(xmlDocGetRootElement(second), "nvpair", "webip-ip"));
	free(compact);
	free(again);
	xmlFreeDoc(first);
	xmlFreeDoc(second);
}

static void special_characters_survive(void **state)
{
	static const char *values[] = {
		"a & b < c > d \"quoted\" 'single'",
		"line one\nline two\ttabbed\r",
		"caf\xc3\xa9 \xe2\x82\xac",
		"",
	};
	xmlNode *root = pcmk_xml_new_root("nvpair");

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		assert_int_equal(pcmk_xml_set_attr(root, "value", values[i]), 0);
		char *text = pcmk_xml_to_string(root, false);
		xmlDoc *doc = parse_ok(text);

		assert_string_equal(pcmk_xml_attr(xmlDocGetRootElement(doc), "value"), values[i]);
		free(text);
		xmlFreeDoc(doc);
	}
	xmlNodeAddContent(root, (const xmlChar *)"caf\xc3\xa9 & co");
	char *text = pcmk_xml_to_string(root, false);

	assert_non_null(strstr(text, ">caf\xc3\xa9 &amp; co<"));
	free(text);
	pcmk_xml_free(root);
}

static void writes_file_atomically(void **state)
{
	xmlDoc *doc = parse_ok(cib_text);
	char *path = tmp_path("cib.xml");
	struct stat st;

	assert_int_equal(pcmk_xml_write_file(xmlDocGetRootElement(doc), path, 0640), 0);
	char *content = slurp(path);

	assert_string_equal(content, cib_text);
	free(content);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	char *names = list_dir(tmpdir);

	assert_string_equal(names, "cib.xml");
	free(names);

	/* Replacing gives a new file rather than rewriting the old in place,
	 * so a reader holding the old one keeps a complete document. */
	ino_t old_inode = st.st_ino;
	xmlNode *small = pcmk_xml_new_root("cib");

	assert_int_equal(pcmk_xml_write_file(small, path, 0600), 0);
	content = slurp(path);
	assert_string_equal(content, "<cib/>\n");
	free(content);
	assert_int_equal(stat(path, &st), 0);
	assert_int_not_equal(st.st_ino, old_inode);
	assert_int_equal(st.st_mode & 07777, 0600);
	names = list_dir(tmpdir);
	assert_string_equal(names, "cib.xml");
	free(names);

	unlink(path);
	free(path);
	pcmk_xml_free(small);
	xmlFreeDoc(doc);
}

static void write_failures_return_errno(void **state)
{
	xmlNode *root = pcmk_xml_new_root("cib");
	char *missing_dir = tmp_path("no-such-dir/cib.xml");
	char *not_dir = tmp_path("plain/cib.xml");
	char *plain = tmp_path("plain");
	char *subdir = tmp_path("subdir");

	assert_int_equal(pcmk_xml_write_file(root, missing_dir, 0600), -ENOENT);
	assert_int_equal(pcmk_xml_write_file(root, plain, 0600), 0);
	assert_int_equal(pcmk_xml_write_file(root, not_dir, 0600), -ENOTDIR);
	assert_int_equal(pcmk_xml_write_file(NULL, plain, 0600), -EINVAL);
	assert_int_equal(pcmk_xml_write_file(root, NULL, 0600), -EINVAL);

	/* The rename onto a directory fails late: the temporary must go. */
	assert_int_equal(mkdir(subdir, 0700), 0);
	assert_int_equal(pcmk_xml_write_file(root, subdir, 0600), -EISDIR);
	char *names = list_dir(tmpdir);

	assert_true(strcmp(names, "plain subdir") == 0 || strcmp(names, "subdir plain") == 0);
	free(names);

	rmdir(subdir);
	unlink(plain);
	free(missing_dir);
	free(not_dir);
	free(plain);
	free(subdir);
	pcmk_xml_free(root);
}

static int write_small_cib(const char *path)
{
	xmlNode *root = pcmk_xml_new_root("cib");
	int rc = pcmk_xml_write_file(root, path, 0600);

	pcmk_xml_free(root);
	return rc;
}

/* Root ignores permissions, so as root the write runs with the effective
 * ids of an unprivileged user, which root can switch back from. */
static int write_as_unprivileged(const char *path)
{
	int rc;

	if (geteuid() != 0) {
		return write_small_cib(path);
	}
	assert_int_equal(setegid(65534), 0);
	assert_int_equal(seteuid(65534), 0);
	rc = write_small_cib(path);
	assert_int_equal(seteuid(0), 0);
	assert_int_equal(setegid(0), 0);
	return rc;
}

static void unwritable_directory(void **state)
{
	char *dir = tmp_path("readonly");
	char *path = tmp_path("readonly/cib.xml");

	assert_int_equal(chmod(tmpdir, 0755), 0);
	assert_int_equal(mkdir(dir, 0555), 0);
	assert_int_equal(write_as_unprivileged(path), -EACCES);
	char *names = list_dir(dir);

	assert_string_equal(names, "");
	free(names);
	rmdir(dir);
	chmod(tmpdir, 0700);
	free(dir);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compact_and_pretty),
		cmocka_unit_test(no_declaration),
		cmocka_unit_test(pretty_output_matches_cibadmin_layout),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(special_characters_survive),
		cmocka_unit_test(writes_file_atomically),
		cmocka_unit_test(write_failures_return_errno),
		cmocka_unit_test(unwritable_directory),
	};

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	rmdir(tmpdir);
	xmlCleanupParser();
	return failed;
}
