/*
 * The XML a cibadmin command takes: where it comes from, which source
 * wins, what recovery repairs and what is refused.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <crm/common/xml.h>
#include "cibadmin.h"

/* The root element's name of what @opts reads, or NULL with *@rc set. */
static char *read_root(const struct cibadmin_opts *opts, int *rc, const char **source)
{
	xmlDoc *doc = NULL;
	char *error = NULL;
	char *name = NULL;

	*rc = cibadmin_read_input(opts, &doc, source, &error);
	if (doc != NULL) {
		name = pcmk_xml_to_string(xmlDocGetRootElement(doc), false);
		xmlFreeDoc(doc);
	}
	if (*rc < 0) {
		assert_non_null(error); /* a failure always says why */
	}
	free(error);
	return name;
}

static void well_formed_text(void **state)
{
	struct cibadmin_opts opts = { .xml_text = "<primitive id=\"a\"/>" };
	const char *source;
	int rc;
	char *xml = read_root(&opts, &rc, &source);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(xml, "<primitive id=\"a\"/>");
	assert_string_equal(source, "input string");
	free(xml);
}

static void repaired_as_libxml2_does(void **state)
{
	struct cibadmin_opts opts = { .xml_text = "<a><b></a>" };
	const char *source;
	int rc;
	char *xml = read_root(&opts, &rc, &source);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(xml, "<a><b/></a>");
	free(xml);

	opts.xml_text = "<primitive id=\"d2\"";
	xml = read_root(&opts, &rc, &source);
	assert_int_equal(rc, 0);
	assert_string_equal(xml, "<primitive id=\"d2\"/>");
	free(xml);
}

static void refused(void **state)
{
	static const char *const bad[] = { "", "garbage", "<!DOCTYPE x [<!ENTITY e \"v\">]><x/>" };
	const char *source;
	int rc;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct cibadmin_opts opts = { .xml_text = bad[i] };

		assert_null(read_root(&opts, &rc, &source));
		assert_int_equal(rc, -EINVAL);
	}
}

static void file_wins_and_is_named(void **state)
{
	char path[] = "/tmp/cibadmin-input-XXXXXX";
	int fd = mkstemp(path);
	struct cibadmin_opts opts = { .xml_text = "<text/>", .xml_file = path, .xml_pipe = true };
	const char *source;
	int rc;
	char *xml;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "<file/>\n", 8), 8);
	close(fd);
	xml = read_root(&opts, &rc, &source);
	assert_int_equal(rc, 0);
	assert_string_equal(xml, "<file/>");
	assert_string_equal(source, path);
	free(xml);
	unlink(path);

	xml = read_root(&opts, &rc, &source); /* gone now */
	assert_null(xml);
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(source, path);
}

static void from_stdin(void **state)
{
	struct cibadmin_opts opts = { .xml_pipe = true };
	const char *source;
	int rc;
	char *xml;
	FILE *in = tmpfile();

	(void)state;
	assert_non_null(in);
	fputs("<piped/>", in);
	rewind(in);
	assert_int_equal(dup2(fileno(in), STDIN_FILENO), STDIN_FILENO);
	xml = read_root(&opts, &rc, &source);
	assert_int_equal(rc, 0);
	assert_string_equal(xml, "<piped/>");
	assert_string_equal(source, "STDIN");
	free(xml);
	fclose(in);
}

static void no_input(void **state)
{
	struct cibadmin_opts opts = { 0 };
	const char *source = "x";
	int rc;

	(void)state;
	assert_null(read_root(&opts, &rc, &source));
	assert_int_equal(rc, 0);
	assert_null(source);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(well_formed_text), cmocka_unit_test(repaired_as_libxml2_does),
		cmocka_unit_test(refused),          cmocka_unit_test(file_wins_and_is_named),
		cmocka_unit_test(from_stdin),       cmocka_unit_test(no_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
