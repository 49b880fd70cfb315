/*
 * libcrmcommon XML parsing: good documents, messages that point at the
 * broken line, empty and truncated input, refused DTDs, files.
 */
#include <errno.h>
#include <fcntl.h>
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
#include <libxml/xmlerror.h>

#include <crm/common/xml.h>

static char tmpdir[] = "/tmp/pcmk_xml_parse_test.XXXXXX";

/* Mismatched </group> on line 12 for the <primitive> opened on line 3. */
static const char broken_cib[] =
	"<cib epoch=\"1\">\n"
	"  <configuration>\n"
	"    <primitive id=\"webip\" class=\"ocf\">\n"
	"      <instance_attributes id=\"webip-params\">\n"
	"        <nvpair id=\"webip-ip\" name=\"ip\" value=\"10.0.0.5\"/>\n"
	"      </instance_attributes>\n"
	"      <operations>\n"
	"        <op id=\"webip-monitor\" name=\"monitor\" interval=\"30s\"/>\n"
	"      </operations>\n"
	"\n"
	"\n"
	"    </group>\n"
	"  </configuration>\n"
	"</cib>\n";

static int parse(const char *text, xmlDoc **doc, char **error)
{
	return pcmk_xml_parse(text, text ? strlen(text) : 0, doc, error);
}

static char *write_tmp(const char *name, const char *text)
{
	char *path = NULL;

	assert_true(asprintf(&path, "%s/%s", tmpdir, name) > 0);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void parses_a_document(void **state)
{
	xmlDoc *doc = NULL;
	char *error = (char *)"untouched";

	assert_int_equal(parse("<cib epoch=\"3\"><configuration/><status/></cib>", &doc, &error),
			 0);
	assert_null(error);
	assert_non_null(doc);
	xmlNode *root = xmlDocGetRootElement(doc);

	assert_true(pcmk_xml_is(root, "cib"));
	assert_string_equal(pcmk_xml_attr(root, "epoch"), "3");
	assert_true(pcmk_xml_is(pcmk_xml_first_child(root, NULL), "configuration"));
	xmlFreeDoc(doc);
}

static void honours_length(void **state)
{
	static const char text[] = "<a/><b/> trailing junk";
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, 4, &doc, NULL), 0);
	assert_true(pcmk_xml_is(xmlDocGetRootElement(doc), "a"));
	xmlFreeDoc(doc);
	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), -EINVAL);
	assert_null(doc);
}

static void names_the_broken_line(void **state)
{
	xmlDoc *doc = (xmlDoc *)1;
	char *error = NULL;

	assert_int_equal(parse(broken_cib, &doc, &error), -EINVAL);
	assert_null(doc);
	assert_non_null(error);
	assert_non_null(strstr(error, "line 12: Opening and ending tag mismatch: "
				      "primitive line 3 and group"));
	assert_non_null(strstr(error, "(column "));
	free(error);
}

static void truncated_input(void **state)
{
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(parse("<cib>\n  <configuration>\n    <nodes", &doc, &error), -EINVAL);
	assert_null(doc);
	assert_non_null(error);
	assert_int_equal(strncmp(error, "line 3: ", 8), 0);
	free(error);
}

static void several_problems_on_separate_lines(void **state)
{
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(parse("<a><b", &doc, &error), -EINVAL);
	assert_non_null(error);
	char *newline = strchr(error, '\n');

	assert_non_null(newline);
	assert_int_equal(strncmp(newline + 1, "line 1: ", 8), 0);
	assert_int_not_equal(error[strlen(error) - 1], '\n');
	free(error);
}

static void empty_input(void **state)
{
	static const char *blanks[] = { "", "   ", " \n\t\r\n" };
	xmlDoc *doc = NULL;
	char *error = NULL;

	for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		assert_int_equal(parse(blanks[i], &doc, &error), -EINVAL);
		assert_null(doc);
		assert_string_equal(error, "document is empty");
		free(error);
	}
	assert_int_equal(pcmk_xml_parse(NULL, 10, &doc, &error), -EINVAL);
	assert_string_equal(error, "document is empty");
	free(error);
}

static void text_without_element(void **state)
{
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(parse("just words", &doc, &error), -EINVAL);
	assert_null(doc);
	assert_non_null(strstr(error, "line 1: Start tag expected"));
	free(error);
}

static void doctype_with_entity_is_refused(void **state)
{
	static const char xxe[] = "<?xml version=\"1.0\"?>\n"
				  "<!DOCTYPE cib [\n"
				  "  <!ENTITY secret SYSTEM \"file:///etc/passwd\">\n"
				  "  <!ENTITY word \"expanded\">\n"
				  "]>\n"
				  "<cib a=\"&word;\">&secret;&word;</cib>\n";
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(parse(xxe, &doc, &error), -EINVAL);
	assert_null(doc);
	assert_string_equal(error, "line 2: DOCTYPE declarations are not allowed "
				   "(no DTDs or entities)");
	free(error);
}

static void external_dtd_is_refused(void **state)
{
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(
		parse("<!DOCTYPE cib SYSTEM \"http://192.0.2.1/cib.dtd\"><cib/>", &doc, &error),
		-EINVAL);
	assert_null(doc);
	assert_non_null(strstr(error, "DOCTYPE declarations are not allowed"));
	free(error);
}

static void undeclared_entity_is_an_error(void **state)
{
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(parse("<cib>&word;</cib>", &doc, &error), -EINVAL);
	assert_non_null(strstr(error, "Entity 'word' not defined"));
	free(error);

	/* The five predefined entities and character references are fine. */
	assert_int_equal(parse("<cib a=\"&lt;&amp;&#65;\"/>", &doc, NULL), 0);
	assert_string_equal(pcmk_xml_attr(xmlDocGetRootElement(doc), "a"), "<&A");
	xmlFreeDoc(doc);
}

#if LIBXML_VERSION >= 21200
static void marker_error(void *data, const xmlError *err)
#else
static void marker_error(void *data, xmlErrorPtr err)
#endif
{
	(*(int *)data)++;
}

/* A daemon's own libxml2 handler must survive our parse, and nothing may
 * reach stderr (it is often the journal or a tool's real output). */
static void keeps_quiet_and_restores_handlers(void **state)
{
	char errpath[512];
	int marker = 0;
	xmlDoc *doc = NULL;

	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpdir);
	int saved = dup(STDERR_FILENO);
	int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
	xmlSetStructuredErrorFunc(&marker, marker_error);
	assert_int_equal(parse(broken_cib, &doc, NULL), -EINVAL);
	assert_int_equal(parse("<a>\xff</a>", &doc, NULL), -EINVAL);
	assert_int_equal(parse("<?xml version=\"1.0\" encoding=\"nope\"?><a/>", &doc, NULL),
			 -EINVAL);
	assert_true(xmlStructuredError == marker_error);
	assert_ptr_equal(xmlStructuredErrorContext, &marker);
	xmlSetStructuredErrorFunc(NULL, NULL);
	dup2(saved, STDERR_FILENO);
	close(saved);

	struct stat st;

	assert_int_equal(stat(errpath, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(marker, 0);
	unlink(errpath);
}

static void null_arguments(void **state)
{
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse("<a/>", 4, NULL, &error), -EINVAL);
	assert_int_equal(pcmk_xml_parse_file(NULL, NULL, NULL), -EINVAL);
}

static void parses_a_file(void **state)
{
	char *path = write_tmp("cib.xml", "<cib>\n  <configuration/>\n</cib>\n");
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse_file(path, &doc, &error), 0);
	assert_null(error);
	assert_true(pcmk_xml_is(xmlDocGetRootElement(doc), "cib"));
	xmlFreeDoc(doc);
	unlink(path);
	free(path);
}

static void file_errors_name_the_file(void **state)
{
	char *path = write_tmp("cib.xml", broken_cib);
	char *want = NULL;
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse_file(path, &doc, &error), -EINVAL);
	assert_null(doc);
	assert_true(asprintf(&want, "%s:12: Opening and ending tag mismatch", path) > 0);
	assert_int_equal(strncmp(error, want, strlen(want)), 0);
	free(want);
	free(error);
	unlink(path);
	free(path);
}

static void empty_file(void **state)
{
	char *path = write_tmp("empty.xml", "");
	char *want = NULL;
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse_file(path, &doc, &error), -EINVAL);
	assert_true(asprintf(&want, "%s: document is empty", path) > 0);
	assert_string_equal(error, want);
	free(want);
	free(error);
	unlink(path);
	free(path);
}

/* An element left open is closed with its parent, as pacemaker reads a
 * CIB file; the problem is still told. */
static void recovers_an_unclosed_element(void **state)
{
	char *path = write_tmp("cib.xml", "<cib>\n  <status>\n    <node_state id=\"4\">\n"
					  "  </status>\n</cib>\n");
	xmlNode *status, *state_node;
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse_file(path, &doc, NULL), -EINVAL);
	assert_int_equal(pcmk_xml_parse_file_recover(path, &doc, &error), 1);
	assert_non_null(strstr(error, ":4: Opening and ending tag mismatch: node_state"));
	status = xmlDocGetRootElement(doc)->children;
	assert_true(pcmk_xml_is(status, "status"));
	state_node = status->children;
	assert_true(pcmk_xml_is(state_node, "node_state"));
	assert_string_equal(pcmk_xml_attr(state_node, "id"), "4");
	assert_null(state_node->next);
	free(error);
	xmlFreeDoc(doc);
	unlink(path);
	free(path);
}

static void recover_keeps_refusals(void **state)
{
	char *good = write_tmp("good.xml", "<cib/>\n");
	char *empty = write_tmp("empty.xml", "  \n");
	char *dtd = write_tmp("dtd.xml", "<!DOCTYPE cib [<!ENTITY x \"y\">]>\n<cib>&x;</cib>\n");
	char *text = write_tmp("text.xml", "just text\n");
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse_file_recover(good, &doc, &error), 0);
	assert_null(error);
	xmlFreeDoc(doc);
	assert_int_equal(pcmk_xml_parse_file_recover(empty, &doc, NULL), -EINVAL);
	assert_int_equal(pcmk_xml_parse_file_recover(dtd, &doc, NULL), -EINVAL);
	assert_null(doc);
	assert_int_equal(pcmk_xml_parse_file_recover(text, &doc, NULL), -EINVAL);
	assert_int_equal(pcmk_xml_parse_file_recover("/nonexistent/cib.xml", &doc, &error),
			 -ENOENT);
	assert_non_null(error);
	free(error);
	for (char **p = (char *[]){ good, empty, dtd, text, NULL }; *p != NULL; p++) {
		unlink(*p);
		free(*p);
	}
}

static void unreadable_files(void **state)
{
	char *path = NULL;
	xmlDoc *doc = NULL;
	char *error = NULL;

	assert_true(asprintf(&path, "%s/missing.xml", tmpdir) > 0);
	assert_int_equal(pcmk_xml_parse_file(path, &doc, &error), -ENOENT);
	assert_null(doc);
	assert_non_null(strstr(error, "missing.xml: No such file or directory"));
	free(error);
	free(path);

	assert_int_equal(pcmk_xml_parse_file(tmpdir, &doc, &error), -EISDIR);
	free(error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_document),
		cmocka_unit_test(honours_length),
		cmocka_unit_test(names_the_broken_line),
		cmocka_unit_test(truncated_input),
		cmocka_unit_test(several_problems_on_separate_lines),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(text_without_element),
		cmocka_unit_test(doctype_with_entity_is_refused),
		cmocka_unit_test(external_dtd_is_refused),
		cmocka_unit_test(undeclared_entity_is_an_error),
		cmocka_unit_test(keeps_quiet_and_restores_handlers),
		cmocka_unit_test(null_arguments),
		cmocka_unit_test(parses_a_file),
		cmocka_unit_test(file_errors_name_the_file),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(unreadable_files),
		cmocka_unit_test(recovers_an_unclosed_element),
		cmocka_unit_test(recover_keeps_refusals),
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
