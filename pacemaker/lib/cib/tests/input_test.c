/*
 * cib_input_read(): the CIB from a file, a text, standard input or the
 * live CIB (here CIB_file), through the strict parser or a tool's own,
 * and errors that say which source failed.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/cib.h>
#include <crm/cib/input.h>
#include <crm/common/xml.h>

#define CIB_TEXT "<cib epoch=\"7\" num_updates=\"0\" admin_epoch=\"0\"/>"

struct fixture {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	xmlDoc *empty = cib_new_empty();

	strcpy(f->dir, "/tmp/cib-input-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/cib.xml", f->dir);
	pcmk_xml_set_attr(xmlDocGetRootElement(empty), "epoch", "7");
	assert_int_equal(pcmk_xml_write_file(xmlDocGetRootElement(empty), f->path, 0640), 0);
	xmlFreeDoc(empty);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	unsetenv("CIB_file");
	return 0;
}

/* Read @in with @parser; the epoch of what was read, or the failure. */
static int read_epoch(const struct cib_input *in, const struct cib_input_parser *parser,
		      char **error)
{
	xmlDoc *doc = NULL;
	int rc = cib_input_read(in, parser, &doc, error);
	long long epoch = -1;

	if (rc != 0) {
		assert_null(doc);
		return rc;
	}
	assert_non_null(doc);
	assert_int_equal(pcmk_xml_attr_int(xmlDocGetRootElement(doc), "epoch", &epoch), 0);
	xmlFreeDoc(doc);
	return (int)epoch;
}

static void file_and_text(void **state)
{
	struct fixture *f = *state;
	struct cib_input from_file = { .file = f->path, .text = "ignored", .from_stdin = true };
	struct cib_input from_text = { .text = CIB_TEXT, .from_stdin = true };

	assert_int_equal(read_epoch(&from_file, NULL, NULL), 7);
	assert_int_equal(read_epoch(&from_text, NULL, NULL), 7);
}

static void standard_input(void **state)
{
	struct fixture *f = *state;
	struct cib_input in = { .from_stdin = true };

	assert_non_null(freopen(f->path, "r", stdin));
	assert_int_equal(read_epoch(&in, NULL, NULL), 7);
}

static void live_cib(void **state)
{
	struct fixture *f = *state;
	struct cib_input in = { .client = "input_test" };

	setenv("CIB_file", f->path, 1);
	assert_int_equal(read_epoch(&in, NULL, NULL), 7);
}

static void errors_name_the_source(void **state)
{
	struct fixture *f = *state;
	char *missing = g_strdup_printf("%s/nothing.xml", f->dir);
	struct cib_input no_file = { .file = missing };
	struct cib_input bad_text = { .text = "<cib" };
	struct cib_input no_live = { .client = "input_test" };
	char *error = NULL;

	assert_true(read_epoch(&no_file, NULL, &error) < 0);
	assert_non_null(error);
	assert_non_null(strstr(error, missing));
	free(error);
	assert_true(read_epoch(&bad_text, NULL, &error) < 0);
	free(error);
	setenv("CIB_file", missing, 1);
	assert_true(read_epoch(&no_live, NULL, &error) < 0);
	assert_non_null(error);
	assert_non_null(strstr(error, "Could not connect to the CIB"));
	free(error);
	assert_true(read_epoch(&no_live, NULL, NULL) < 0); /* no error wanted */
	assert_int_equal(cib_input_read(NULL, NULL, NULL, NULL), -EINVAL);
	g_free(missing);
}

/* A parser that counts its calls and reads with the strict parser. */
static int count_file(const char *path, void *data, xmlDoc **doc, char **error)
{
	((int *)data)[0]++;
	return pcmk_xml_parse_file(path, doc, error);
}

static int count_text(const char *text, size_t len, void *data, xmlDoc **doc, char **error)
{
	((int *)data)[1]++;
	return pcmk_xml_parse(text, len, doc, error);
}

static void own_parser(void **state)
{
	struct fixture *f = *state;
	int calls[2] = { 0, 0 };
	struct cib_input_parser parser = { count_file, count_text, calls };
	struct cib_input from_file = { .file = f->path };
	struct cib_input from_text = { .text = CIB_TEXT };
	struct cib_input live = { .client = "input_test" };

	assert_int_equal(read_epoch(&from_file, &parser, NULL), 7);
	assert_int_equal(read_epoch(&from_text, &parser, NULL), 7);
	setenv("CIB_file", f->path, 1);
	assert_int_equal(read_epoch(&live, &parser, NULL), 7); /* as text */
	assert_int_equal(calls[0], 1);
	assert_int_equal(calls[1], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(file_and_text, setup, teardown),
		cmocka_unit_test_setup_teardown(standard_input, setup, teardown),
		cmocka_unit_test_setup_teardown(live_cib, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_name_the_source, setup, teardown),
		cmocka_unit_test_setup_teardown(own_parser, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
