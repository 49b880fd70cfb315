/* crmconf_apply(): duplicates, containers, delete, rename, modgroup. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "golden.h"

static const char *const base[] = {
	"primitive a Dummy", "primitive b Dummy",      "primitive c Dummy",
	"group g a b",       "order o Mandatory: b c", NULL,
};

static void last_is(struct crmconf_msgs *msgs, const char *text)
{
	struct crmconf_msg *m = g_ptr_array_index(msgs->list, msgs->list->len - 1);

	assert_string_equal(m->text, text);
}

static void refusals(void **state)
{
	xmlDoc *cib = golden_cib(base);
	struct crmconf_msgs *msgs = crmconf_msgs_new();

	(void)state;
	assert_int_equal(golden_apply(cib, "primitive a Dummy", msgs), -EEXIST);
	last_is(msgs,
		"Cannot create primitive with ID 'a': Found existing primitive with same ID.");
	assert_int_equal(golden_apply(cib, "clone cl a", msgs), -EINVAL);
	last_is(msgs, "Cannot create clone:cl: Child primitive:a already in group:g");
	assert_int_equal(golden_apply(cib, "rename a b", msgs), -EEXIST);
	last_is(msgs, "b: id is already in use");
	crmconf_msgs_free(msgs);
	xmlFreeDoc(cib);
}

static void edits(void **state)
{
	xmlDoc *cib = golden_cib(base);
	struct crmconf_msgs *msgs = crmconf_msgs_new();
	char *text = NULL;

	(void)state;
	assert_int_equal(golden_apply(cib, "rename c d", msgs), 0);
	assert_int_equal(golden_apply(cib, "modgroup g add d before a", msgs), 0);
	assert_int_equal(golden_apply(cib, "delete b", msgs), 0);
	last_is(msgs, "hanging order:o deleted");
	text = golden_show(cib);
	assert_string_equal(text, "primitive a Dummy\nprimitive d Dummy\ngroup g d a\n");
	g_free(text);
	crmconf_msgs_free(msgs);
	xmlFreeDoc(cib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refusals),
		cmocka_unit_test(edits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
