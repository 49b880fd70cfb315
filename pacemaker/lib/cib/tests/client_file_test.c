/*
 * The client library on a file (CIB_file, CIB_shadow): requests run on
 * the file's CIB and changes are written back whole.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/cib.h>
#include <crm/common/mainloop.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>

struct fixture {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	xmlDoc *empty = cib_new_empty();

	strcpy(f->dir, "/tmp/cib-file-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/cib.xml", f->dir);
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
	unsetenv("CIB_shadow");
	unsetenv("CIB_shadow_dir");
	return 0;
}

static xmlNode *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return xmlDocGetRootElement(doc);
}

static int create_primitive(struct cib *cib, const char *id, xmlDoc **output)
{
	char text[256];
	xmlNode *data;
	struct cib_op_request req = { .op = CIB_OP_CREATE, .section = "resources" };
	int rc;

	snprintf(text, sizeof(text),
		 "<primitive id=\"%s\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>", id);
	data = parse(text);
	req.data = data;
	rc = cib_request(cib, &req, 0, output, NULL);
	pcmk_xml_free(data);
	return rc;
}

/* Whether the file at @path holds a primitive @id. */
static bool file_has(const char *path, const char *id)
{
	xmlDoc *doc = NULL;
	bool found;

	assert_int_equal(pcmk_xml_parse_file(path, &doc, NULL), 0);
	found = pcmk_xml_find_id(xmlDocGetRootElement(doc), "primitive", id) != NULL;
	xmlFreeDoc(doc);
	return found;
}

static void change_written_back(void **state)
{
	struct fixture *f = *state;
	struct cib *cib = NULL;

	setenv("CIB_file", f->path, 1);
	assert_int_equal(cib_open("test", false, &cib), 0);
	assert_true(cib_is_file(cib));
	assert_string_equal(cib_file_path(cib), f->path);
	assert_int_equal(create_primitive(cib, "web", NULL), 0);
	assert_true(file_has(f->path, "web"));
	cib_close(cib);
}

static void refused_change_leaves_file(void **state)
{
	struct fixture *f = *state;
	struct cib *cib = NULL;
	xmlDoc *output = NULL;
	char *before = NULL, *after = NULL;
	gsize len;

	assert_int_equal(cib_open_file(f->path, false, &cib), 0);
	assert_int_equal(create_primitive(cib, "web", NULL), 0);
	assert_true(g_file_get_contents(f->path, &before, &len, NULL));
	assert_int_equal(create_primitive(cib, "web", &output), -EEXIST);
	assert_non_null(output);
	assert_true(pcmk_xml_is(xmlDocGetRootElement(output), "failed"));
	xmlFreeDoc(output);
	assert_true(g_file_get_contents(f->path, &after, &len, NULL));
	assert_string_equal(before, after);
	g_free(before);
	g_free(after);
	cib_close(cib);
}

static void query_output(void **state)
{
	struct fixture *f = *state;
	struct cib *cib = NULL;
	struct cib_op_request req = { .op = CIB_OP_QUERY, .section = "resources" };
	xmlDoc *output = NULL;

	assert_int_equal(cib_open_file(f->path, false, &cib), 0);
	assert_int_equal(create_primitive(cib, "db", NULL), 0);
	assert_int_equal(cib_request(cib, &req, 0, &output, NULL), 0);
	assert_non_null(output);
	assert_true(pcmk_xml_is(xmlDocGetRootElement(output), "resources"));
	assert_non_null(pcmk_xml_find_id(xmlDocGetRootElement(output), "primitive", "db"));
	xmlFreeDoc(output);
	cib_close(cib);
}

static void missing_and_broken_files(void **state)
{
	struct fixture *f = *state;
	struct cib *cib = NULL;
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/none.xml", f->dir);
	assert_int_equal(cib_open_file(path, false, &cib), -ENXIO);
	assert_null(cib);
	assert_int_equal(cib_open_file(path, true, &cib), 0);
	assert_int_equal(create_primitive(cib, "new", NULL), 0);
	assert_true(file_has(path, "new"));
	cib_close(cib);

	snprintf(path, sizeof(path), "%s/broken.xml", f->dir);
	fp = fopen(path, "w");
	fputs("<cib><configuration>", fp);
	fclose(fp);
	assert_int_equal(cib_open_file(path, false, &cib), -PCMK_E_SCHEMA);
	assert_null(cib);
}

/* As pacemaker, a CIB file that is not well-formed is read as libxml2
 * recovers it: here the last node_state is left open. */
static void recovered_file(void **state)
{
	struct fixture *f = *state;
	struct cib *cib = NULL;
	struct cib_op_request req = { .op = CIB_OP_QUERY, .section = "status" };
	xmlDoc *output = NULL;
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/unclosed.xml", f->dir);
	fp = fopen(path, "w");
	fputs("<cib validate-with=\"pacemaker-3.5\" admin_epoch=\"0\" epoch=\"1\" "
	      "num_updates=\"0\">\n<configuration><crm_config/><nodes/><resources/>"
	      "<constraints/></configuration>\n<status>\n"
	      "<node_state id=\"4\" uname=\"remote01\" remote_node=\"true\">\n"
	      "</status>\n</cib>\n",
	      fp);
	fclose(fp);
	assert_int_equal(cib_open_file(path, false, &cib), 0);
	assert_int_equal(cib_request(cib, &req, 0, &output, NULL), 0);
	assert_non_null(pcmk_xml_find_id(xmlDocGetRootElement(output), "node_state", "4"));
	xmlFreeDoc(output);

	/* what the repair dropped must not be lost: no writes to such a file */
	struct cib_op_request write = { .op = CIB_OP_DELETE, .section = "status" };
	char *error = NULL;
	struct stat before, after;

	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(cib_request(cib, &write, 0, NULL, &error), -EROFS);
	assert_non_null(strstr(error, "not well-formed"));
	assert_non_null(strstr(error, path));
	free(error);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_equal(before.st_size, after.st_size);
	cib_close(cib);
}

static void shadow_copy(void **state)
{
	struct fixture *f = *state;
	struct cib *cib = NULL;
	char path[160];
	xmlDoc *empty = cib_new_empty();

	snprintf(path, sizeof(path), "%s/shadow.test1", f->dir);
	assert_int_equal(pcmk_xml_write_file(xmlDocGetRootElement(empty), path, 0600), 0);
	xmlFreeDoc(empty);
	setenv("CIB_shadow_dir", f->dir, 1);
	setenv("CIB_shadow", "test1", 1);
	setenv("CIB_file", f->path, 1); /* the shadow wins */
	assert_int_equal(cib_open("test", false, &cib), 0);
	assert_string_equal(cib_file_path(cib), path);
	assert_int_equal(create_primitive(cib, "shadowed", NULL), 0);
	cib_close(cib);
	assert_true(file_has(path, "shadowed"));
	assert_false(file_has(f->path, "shadowed"));

	setenv("CIB_shadow", "../escape", 1);
	assert_int_equal(cib_open("test", false, &cib), -EINVAL);
}

static void async_answer(struct cib *cib, int rc, const xmlNode *output, const char *error,
			 void *data)
{
	int *answered = data;

	*answered = rc == 0 && pcmk_xml_is(output, "resources") ? 1 : -1;
}

static void async_from_main_loop(void **state)
{
	struct fixture *f = *state;
	struct cib *cib = NULL;
	struct cib_op_request req = { .op = CIB_OP_QUERY, .section = "resources" };
	int answered = 0;

	assert_int_equal(cib_open_file(f->path, false, &cib), 0);
	assert_int_equal(cib_attach(cib, NULL, NULL, NULL), 0);
	assert_int_equal(cib_request_async(cib, &req, async_answer, &answered), 0);
	assert_int_equal(answered, 0); /* not before the main loop runs */
	pcmk_mainloop_drain();
	assert_int_equal(answered, 1);

	/* closing with an answer still queued must not call it */
	answered = 0;
	assert_int_equal(cib_request_async(cib, &req, async_answer, &answered), 0);
	cib_close(cib);
	pcmk_mainloop_drain();
	assert_int_equal(answered, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(change_written_back, setup, teardown),
		cmocka_unit_test_setup_teardown(refused_change_leaves_file, setup, teardown),
		cmocka_unit_test_setup_teardown(query_output, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_and_broken_files, setup, teardown),
		cmocka_unit_test_setup_teardown(recovered_file, setup, teardown),
		cmocka_unit_test_setup_teardown(shadow_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(async_from_main_loop, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	pcmk_schema_cleanup();
	return rc;
}
