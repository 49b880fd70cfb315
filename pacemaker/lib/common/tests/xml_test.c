/*
 * libcrmcommon elements and attributes: building, copying, moving, freeing,
 * walking children, finding by id, and attribute access.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/parser.h>

#include <crm/common/xml.h>

static const char resources_text[] = "<resources id=\"top\">\n"
				     "  <!-- a comment between elements -->\n"
				     "  <primitive id=\"a\" priority=\"10\"/>\n"
				     "  text that is not an element\n"
				     "  <group id=\"g\">\n"
				     "    <primitive id=\"b\"/>\n"
				     "    <meta_attributes id=\"g-meta\"><nvpair id=\"b\" "
				     "name=\"x\" value=\"\"/></meta_attributes>\n"
				     "  </group>\n"
				     "  <primitive id=\"c\"/>\n"
				     "  <clone id=\"cl\"><primitive id=\"d\"/></clone>\n"
				     "</resources>\n";

static int load(void **state)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(resources_text, strlen(resources_text), &doc, NULL), 0);
	*state = xmlDocGetRootElement(doc);
	return 0;
}

static int unload(void **state)
{
	pcmk_xml_free(*state);
	return 0;
}

static void new_root_and_children(void **state)
{
	xmlNode *root = pcmk_xml_new_root("cib");

	assert_non_null(root);
	assert_ptr_equal(xmlDocGetRootElement(root->doc), root);
	xmlNode *conf = pcmk_xml_add_child(root, "configuration");
	xmlNode *status = pcmk_xml_add_child(root, "status");

	assert_ptr_equal(conf->parent, root);
	assert_ptr_equal(pcmk_xml_first_child(root, NULL), conf);
	assert_ptr_equal(pcmk_xml_next(conf, false), status);
	char *text = pcmk_xml_to_string(root, false);

	assert_string_equal(text, "<cib><configuration/><status/></cib>");
	free(text);
	pcmk_xml_free(root);
}

static void invalid_names_are_refused(void **state)
{
	static const char *bad[] = { NULL, "", "a b", "1abc", "<x>", "a\"b" };
	xmlNode *root = pcmk_xml_new_root("cib");

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(pcmk_xml_new_root(bad[i]));
		assert_null(pcmk_xml_add_child(root, bad[i]));
		assert_int_equal(pcmk_xml_set_attr(root, bad[i], "v"), -EINVAL);
	}
	assert_null(pcmk_xml_add_child(NULL, "status"));
	assert_null(pcmk_xml_first_child(root, NULL));
	pcmk_xml_free(root);
}

static void copy_is_deep_and_independent(void **state)
{
	xmlNode *group = pcmk_xml_find_id(*state, "group", "g");
	xmlNode *copy = pcmk_xml_copy(group);

	assert_non_null(copy);
	assert_ptr_not_equal(copy->doc, group->doc);
	assert_ptr_equal(xmlDocGetRootElement(copy->doc), copy);
	char *before = pcmk_xml_to_string(group, false);
	char *copied = pcmk_xml_to_string(copy, false);

	assert_string_equal(before, copied);
	assert_int_equal(pcmk_xml_set_attr(pcmk_xml_find_id(copy, "primitive", "b"), "id", "z"), 0);
	char *after = pcmk_xml_to_string(group, false);

	assert_string_equal(before, after);
	free(before);
	free(copied);
	free(after);
	pcmk_xml_free(copy);
	assert_null(pcmk_xml_copy(NULL));
	assert_null(pcmk_xml_copy(((xmlNode *)*state)->children)); /* a comment */
}

/* The detached subtree outlives its old document, which keeps the rest. */
static void detach_moves_without_copying(void **state)
{
	xmlNode *group = pcmk_xml_find_id(*state, "group", "g");
	xmlNode *member = pcmk_xml_find_id(group, "primitive", "b");
	char *before = pcmk_xml_to_string(group, false);

	assert_ptr_equal(pcmk_xml_detach(group), group);
	assert_ptr_equal(xmlDocGetRootElement(group->doc), group);
	assert_ptr_not_equal(group->doc, ((xmlNode *)*state)->doc);
	assert_ptr_equal(pcmk_xml_find_id(group, "primitive", "b"), member);
	assert_null(pcmk_xml_find_id(*state, NULL, "g"));
	assert_non_null(pcmk_xml_find_id(*state, NULL, "c"));
	pcmk_xml_free(*state); /* the old document goes first */
	*state = NULL;
	char *after = pcmk_xml_to_string(group, false);

	assert_string_equal(before, after);
	assert_int_equal(pcmk_xml_set_attr(member, "id", "z"), 0);
	free(before);
	free(after);
	pcmk_xml_free(group);
	assert_null(pcmk_xml_detach(NULL));
}

static void adopt_moves_a_whole_document(void **state)
{
	xmlNode *group = pcmk_xml_copy(pcmk_xml_find_id(*state, "group", "g"));
	xmlNode *top = pcmk_xml_new_root("cib");
	char *before = pcmk_xml_to_string(group, false);

	assert_int_equal(pcmk_xml_adopt(top, pcmk_xml_find_id(*state, NULL, "c")), -EINVAL);
	assert_int_equal(pcmk_xml_adopt(top, top), -EINVAL);
	assert_int_equal(pcmk_xml_adopt(NULL, group), -EINVAL);
	assert_int_equal(pcmk_xml_adopt(top, group), 0);
	assert_ptr_equal(group->parent, top);
	assert_ptr_equal(group->doc, top->doc);
	char *after = pcmk_xml_to_string(pcmk_xml_first_child(top, "group"), false);

	assert_string_equal(before, after);
	free(before);
	free(after);
	pcmk_xml_free(top);
}

static void free_subtree_and_null(void **state)
{
	xmlNode *group = pcmk_xml_find_id(*state, "group", "g");

	pcmk_xml_free(NULL);
	pcmk_xml_free(group);
	assert_null(pcmk_xml_find_id(*state, NULL, "g"));
	assert_non_null(pcmk_xml_find_id(*state, NULL, "c"));
}

static void is_checks_elements(void **state)
{
	xmlNode *root = *state;

	assert_true(pcmk_xml_is(root, "resources"));
	assert_true(pcmk_xml_is(root, NULL));
	assert_false(pcmk_xml_is(root, "resource"));
	assert_false(pcmk_xml_is(NULL, NULL));
	assert_false(pcmk_xml_is(root->children, NULL)); /* a comment */
}

static void walks_element_children_only(void **state)
{
	static const char *all[] = { "a", "g", "c", "cl" };
	static const char *primitives[] = { "a", "c" };
	xmlNode *child;
	size_t n = 0;

	for (child = pcmk_xml_first_child(*state, NULL); child != NULL;
	     child = pcmk_xml_next(child, false)) {
		assert_true(n < 4);
		assert_string_equal(pcmk_xml_attr(child, "id"), all[n++]);
	}
	assert_int_equal(n, 4);

	n = 0;
	for (child = pcmk_xml_first_child(*state, "primitive"); child != NULL;
	     child = pcmk_xml_next(child, true)) {
		assert_true(n < 2);
		assert_string_equal(pcmk_xml_attr(child, "id"), primitives[n++]);
	}
	assert_int_equal(n, 2);
	assert_null(pcmk_xml_first_child(*state, "master"));
	assert_null(pcmk_xml_next(NULL, false));
	assert_null(pcmk_xml_first_child(NULL, NULL));
}

static void finds_by_id(void **state)
{
	xmlNode *root = *state;

	assert_ptr_equal(pcmk_xml_find_id(root, NULL, "top"), root);
	assert_ptr_equal(pcmk_xml_find_id(root, "resources", "top"), root);
	assert_true(pcmk_xml_is(pcmk_xml_find_id(root, NULL, "b"), "primitive"));
	assert_true(pcmk_xml_is(pcmk_xml_find_id(root, "nvpair", "b"), "nvpair"));
	assert_true(pcmk_xml_is(pcmk_xml_find_id(root, "primitive", "d")->parent, "clone"));
	assert_null(pcmk_xml_find_id(root, "group", "a"));
	assert_null(pcmk_xml_find_id(root, NULL, "missing"));
	assert_null(pcmk_xml_find_id(root, NULL, NULL));
	assert_null(pcmk_xml_find_id(NULL, NULL, "a"));

	/* The search stays inside the subtree it is given. */
	xmlNode *group = pcmk_xml_find_id(root, "group", "g");

	assert_null(pcmk_xml_find_id(group, NULL, "c"));
	assert_null(pcmk_xml_find_id(group, NULL, "top"));

	/* By name alone: the first in document order, inside the subtree. */
	assert_string_equal(pcmk_xml_attr(pcmk_xml_find_element(root, "primitive"), "id"), "a");
	assert_string_equal(pcmk_xml_attr(pcmk_xml_find_element(group, "primitive"), "id"), "b");
	assert_ptr_equal(pcmk_xml_find_element(root, "resources"), root);
	assert_null(pcmk_xml_find_element(group, "clone"));
	assert_null(pcmk_xml_find_element(root, NULL));
	assert_null(pcmk_xml_find_element(NULL, "primitive"));
}

static void reads_attributes_in_place(void **state)
{
	xmlNode *a = pcmk_xml_find_id(*state, "primitive", "a");
	xmlNode *nvpair = pcmk_xml_find_id(*state, "nvpair", "b");
	const char *id = pcmk_xml_attr(a, "id");

	assert_string_equal(id, "a");
	assert_ptr_equal(pcmk_xml_attr(a, "id"), id); /* no copy is made */
	assert_null(pcmk_xml_attr(a, "type"));
	assert_string_equal(pcmk_xml_attr(nvpair, "value"), "");
	assert_null(pcmk_xml_attr(NULL, "id"));
	assert_null(pcmk_xml_attr(a, NULL));
	assert_null(pcmk_xml_attr(((xmlNode *)*state)->children, "id"));
}

static void reads_integers(void **state)
{
	static const struct {
		const char *value;
		int rc;
		long long number;
	} cases[] = {
		{ "42", 0, 42 },
		{ "-7", 0, -7 },
		{ "+3", 0, 3 },
		{ "0", 0, 0 },
		{ "9223372036854775807", 0, LLONG_MAX },
		{ "-9223372036854775808", 0, LLONG_MIN },
		{ "9223372036854775808", -ERANGE, 0 },
		{ "-9223372036854775809", -ERANGE, 0 },
		{ "99999999999999999999999", -ERANGE, 0 },
		{ "abc", -EINVAL, 0 },
		{ "12abc", -EINVAL, 0 },
		{ " 5", -EINVAL, 0 },
		{ "5 ", -EINVAL, 0 },
		{ "", -EINVAL, 0 },
		{ "-", -EINVAL, 0 },
		{ "1.5", -EINVAL, 0 },
		{ "0x10", -EINVAL, 0 },
	};
	xmlNode *node = pcmk_xml_new_root("op");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long out = 555;
		long long want = (cases[i].rc == 0) ? cases[i].number : 555;

		assert_int_equal(pcmk_xml_set_attr(node, "interval", cases[i].value), 0);
		int rc = pcmk_xml_attr_int(node, "interval", &out);

		if (rc != cases[i].rc || out != want) {
			fail_msg("\"%s\": got rc %d value %lld, want rc %d value %lld",
				 cases[i].value, rc, out, cases[i].rc, want);
		}
	}
	long long out = 555;

	assert_int_equal(pcmk_xml_attr_int(node, "timeout", &out), -ENOENT);
	assert_int_equal(out, 555);
	assert_int_equal(pcmk_xml_attr_int(NULL, "timeout", &out), -ENOENT);
	pcmk_xml_free(node);
}

static void sets_and_replaces_attributes(void **state)
{
	xmlNode *node = pcmk_xml_new_root("nvpair");

	assert_int_equal(pcmk_xml_set_attr(node, "name", "target-role"), 0);
	assert_int_equal(pcmk_xml_set_attr(node, "value", "Started"), 0);
	assert_int_equal(pcmk_xml_set_attr(node, "value", "Stopped"), 0);
	assert_string_equal(pcmk_xml_attr(node, "value"), "Stopped");
	assert_int_equal(pcmk_xml_set_attr(node, "value", ""), 0);
	assert_string_equal(pcmk_xml_attr(node, "value"), "");
	char *text = pcmk_xml_to_string(node, false);

	assert_string_equal(text, "<nvpair name=\"target-role\" value=\"\"/>");
	free(text);

	assert_int_equal(pcmk_xml_set_attr_int(node, "score", LLONG_MIN), 0);
	long long out = 0;

	assert_int_equal(pcmk_xml_attr_int(node, "score", &out), 0);
	assert_true(out == LLONG_MIN);
	assert_int_equal(pcmk_xml_set_attr_int(node, "score", -250), 0);
	assert_string_equal(pcmk_xml_attr(node, "score"), "-250");
	pcmk_xml_free(node);
}

static void refuses_values_xml_cannot_carry(void **state)
{
	static const char *bad[] = { NULL, "bell\a", "nul\x01", "bad utf8 \xff", "half \xc3" };
	xmlNode *node = pcmk_xml_new_root("nvpair");

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(pcmk_xml_set_attr(node, "value", bad[i]), -EINVAL);
	}
	assert_null(pcmk_xml_attr(node, "value"));
	assert_int_equal(pcmk_xml_set_attr(NULL, "value", "x"), -EINVAL);
	assert_int_equal(pcmk_xml_set_attr_int(NULL, "value", 1), -EINVAL);
	pcmk_xml_free(node);
}

static void removes_attributes(void **state)
{
	xmlNode *a = pcmk_xml_find_id(*state, "primitive", "a");

	assert_int_equal(pcmk_xml_remove_attr(a, "priority"), 0);
	assert_null(pcmk_xml_attr(a, "priority"));
	assert_int_equal(pcmk_xml_remove_attr(a, "priority"), -ENOENT);
	assert_string_equal(pcmk_xml_attr(a, "id"), "a");
	assert_int_equal(pcmk_xml_remove_attr(NULL, "id"), -EINVAL);
	assert_int_equal(pcmk_xml_remove_attr(a, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_root_and_children),
		cmocka_unit_test(invalid_names_are_refused),
		cmocka_unit_test_setup_teardown(copy_is_deep_and_independent, load, unload),
		cmocka_unit_test_setup_teardown(detach_moves_without_copying, load, unload),
		cmocka_unit_test_setup_teardown(adopt_moves_a_whole_document, load, unload),
		cmocka_unit_test_setup_teardown(free_subtree_and_null, load, unload),
		cmocka_unit_test_setup_teardown(is_checks_elements, load, unload),
		cmocka_unit_test_setup_teardown(walks_element_children_only, load, unload),
		cmocka_unit_test_setup_teardown(finds_by_id, load, unload),
		cmocka_unit_test_setup_teardown(reads_attributes_in_place, load, unload),
		cmocka_unit_test(reads_integers),
		cmocka_unit_test(sets_and_replaces_attributes),
		cmocka_unit_test(refuses_values_xml_cannot_carry),
		cmocka_unit_test_setup_teardown(removes_attributes, load, unload),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	xmlCleanupParser();
	return failed;
}
