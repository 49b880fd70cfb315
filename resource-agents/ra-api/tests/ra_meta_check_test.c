/*
 * The whole check on meta-data held in memory: a good document passes
 * without findings, and each kind of bad one is reported naming the
 * element, its name attribute and the problem.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ra_meta.h"

static xmlRelaxNG *schema;

static const char good[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
	"<resource-agent name=\"Widget\" version=\"1.2\">\n"
	"<version>1.1</version>\n"
	"<longdesc lang=\"en\">Runs a widget.</longdesc>\n"
	"<shortdesc lang=\"en\">Widget</shortdesc>\n"
	"<parameters>\n"
	"<parameter name=\"config\" unique=\"1\" required=\"1\">\n"
	"<longdesc lang=\"en\">Configuration file.</longdesc>\n"
	"<shortdesc lang=\"en\">config</shortdesc>\n"
	"<content type=\"string\" default=\"\"/>\n"
	"</parameter>\n"
	"<parameter name=\"verbose\" reloadable=\"1\">\n"
	"<longdesc lang=\"en\">Log more.</longdesc>\n"
	"<shortdesc lang=\"en\">verbose</shortdesc>\n"
	"<content type=\"boolean\" default=\"false\"/>\n"
	"</parameter>\n"
	"<parameter name=\"workers\">\n"
	"<longdesc lang=\"en\">Worker count.</longdesc>\n"
	"<shortdesc lang=\"en\">workers</shortdesc>\n"
	"<content type=\"integer\" default=\"4\"/>\n"
	"</parameter>\n"
	"<parameter name=\"mode\">\n"
	"<longdesc lang=\"en\">How to run.</longdesc>\n"
	"<shortdesc lang=\"en\">mode</shortdesc>\n"
	"<content type=\"select\" default=\"fast\"><option value=\"fast\"/>"
	"<option value=\"safe\"/></content>\n"
	"</parameter>\n"
	"<parameter name=\"old_mode\">\n"
	"<deprecated><replaced-with name=\"mode\"/></deprecated>\n"
	"<longdesc lang=\"en\">Old name of mode.</longdesc>\n"
	"<shortdesc lang=\"en\">old mode</shortdesc>\n"
	"<content type=\"string\"/>\n"
	"</parameter>\n"
	"</parameters>\n"
	"<actions>\n"
	"<action name=\"start\" timeout=\"20s\"/>\n"
	"<action name=\"stop\" timeout=\"20\"/>\n"
	"<action name=\"monitor\" timeout=\"20s\" interval=\"10s\" depth=\"0\"/>\n"
	"<action name=\"monitor\" timeout=\"1m\" interval=\"60s\" depth=\"10\"/>\n"
	"<action name=\"monitor\" timeout=\"20s\" interval=\"11s\" role=\"Promoted\"/>\n"
	"<action name=\"promote\" timeout=\"20s\"/>\n"
	"<action name=\"demote\" timeout=\"20s\"/>\n"
	"<action name=\"reload-agent\" timeout=\"20s\"/>\n"
	"<action name=\"meta-data\" timeout=\"5s\"/>\n"
	"<action name=\"validate-all\" timeout=\"5s\" start-delay=\"0\"/>\n"
	"</actions>\n"
	"</resource-agent>\n";

/* good with the first "from" replaced by "to"; the caller frees it. */
static char *mutate(const char *from, const char *to)
{
	const char *at = strstr(good, from);
	char *out;

	assert_non_null(at);
	out = malloc(sizeof(good) + strlen(to));
	assert_non_null(out);
	sprintf(out, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
	return out;
}

static void check_text(const char *xml, struct ra_report *r)
{
	xmlDoc *doc = NULL;

	ra_report_init(r);
	if (ra_meta_parse(xml, strlen(xml), r, &doc) != 0)
		return;
	assert_int_equal(ra_meta_validate(schema, doc, r), 0);
	ra_meta_check_semantics(doc, r);
	xmlFreeDoc(doc);
}

static void dump(const struct ra_report *r)
{
	const struct ra_problem *p;

	for (p = r->head; p != NULL; p = p->next)
		print_message("# %ld %s %s '%s' (%s): %s\n", p->line,
			      p->severity == RA_ERROR ? "error" : "warning",
			      p->element ? p->element : "-", p->name ? p->name : "-",
			      p->owner ? p->owner : "-", p->message);
}

/* The report holds a finding of this severity about element/name whose
   message contains text (element or name NULL: any). */
static int has(const struct ra_report *r, enum ra_severity sev, const char *element,
	       const char *name, const char *text)
{
	const struct ra_problem *p;

	for (p = r->head; p != NULL; p = p->next) {
		if (p->severity != sev || strstr(p->message, text) == NULL)
			continue;
		if (element && (!p->element || strcmp(p->element, element) != 0))
			continue;
		if (name && !(p->name && strcmp(p->name, name) == 0) &&
		    !(p->owner && strcmp(p->owner, name) == 0))
			continue;
		return 1;
	}
	dump(r);
	return 0;
}

static void test_good_is_clean(void **state)
{
	struct ra_report r;

	check_text(good, &r);
	dump(&r);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.warnings, 0);
	ra_report_free(&r);
}

struct bad_case {
	const char *from, *to;
	enum ra_severity sev;
	const char *element, *name, *text;
	long line; /* 0: not checked */
};

static const struct bad_case bad_cases[] = {
	/* not well-formed: the parser's message and line */
	{ "</parameters>", "</parameter>", RA_ERROR, NULL, NULL, "not well-formed", 34 },
	{ "Runs a widget.", "Runs & widget.", RA_ERROR, NULL, NULL, "not well-formed", 5 },
	/* the schema */
	{ "<version>1.1</version>", "<version>one</version>", RA_ERROR, "version", NULL, "", 4 },
	{ "<version>1.1</version>\n", "", RA_ERROR, NULL, NULL, "", 0 },
	{ "name=\"start\"", "name=\"begin\"", RA_ERROR, "action", "begin", "", 36 },
	{ "timeout=\"20\"", "", RA_ERROR, "action", "stop", "", 37 },
	{ "name=\"validate-all\"", "name=\"validate\"", RA_ERROR, "action", "validate",
	  "not an action the OCF RA API defines; did you mean validate-all", 45 },
	{ "type=\"integer\"", "type=\"number\"", RA_ERROR, "content", NULL, "", 0 },
	{ "unique=\"1\"", "unique=\"yes\"", RA_ERROR, "parameter", "config", "", 8 },
	{ "name=\"workers\"", "name=\"2workers\"", RA_ERROR, "parameter", "2workers", "", 0 },
	{ "<shortdesc lang=\"en\">verbose</shortdesc>\n", "", RA_ERROR, "content",
	  "parameter 'verbose'", "", 15 },
	{ "<longdesc lang=\"en\">Log more.", "<longdesc>Log more.", RA_ERROR, "longdesc",
	  "parameter 'verbose'", "", 14 },
	{ "depth=\"10\"", "depth=\"deep\"", RA_ERROR, "action", "monitor", "", 0 },
	{ "role=\"Promoted\"", "role=\"Leader\"", RA_ERROR, "action", "monitor", "", 0 },
	{ "<option value=\"fast\"/><option value=\"safe\"/>", "", RA_ERROR, "content", NULL, "",
	  0 },
	/* rules beyond the schema */
	{ "name=\"workers\"", "name=\"verbose\"", RA_ERROR, "parameter", "verbose",
	  "already used on line 13", 18 },
	{ "interval=\"11s\" role=\"Promoted\"", "interval=\"10000ms\"", RA_ERROR, "action",
	  "monitor", "same name, role and interval as the action on line 38", 40 },
	{ "timeout=\"1m\"", "timeout=\"1 minute\"", RA_ERROR, "action", "monitor",
	  "timeout \"1 minute\" is not a duration", 39 },
	{ "interval=\"60s\"", "interval=\"-1\"", RA_ERROR, "action", "monitor",
	  "interval \"-1\" is not a duration", 0 },
	{ "start-delay=\"0\"", "start-delay=\"soon\"", RA_ERROR, "action", "validate-all",
	  "start-delay \"soon\" is not a duration", 0 },
	{ "<action name=\"start\" timeout=\"20s\"/>\n", "", RA_ERROR, "actions", NULL,
	  "no start action (mandatory)", 0 },
	{ "<action name=\"stop\" timeout=\"20\"/>\n", "", RA_ERROR, "actions", NULL,
	  "no stop action", 0 },
	{ "<action name=\"meta-data\" timeout=\"5s\"/>\n", "", RA_ERROR, "actions", NULL,
	  "no meta-data action", 0 },
	{ "<action name=\"validate-all\" timeout=\"5s\" start-delay=\"0\"/>\n", "", RA_WARNING,
	  "actions", NULL, "no validate-all action", 0 },
	{ "<content type=\"string\" default=\"\"/>", "<content type=\"string\" default=\"/a\"/>",
	  RA_ERROR, "parameter", "config", "required parameter has a default (\"/a\")", 8 },
	{ "default=\"false\"", "default=\"maybe\"", RA_ERROR, "parameter", "verbose",
	  "default \"maybe\" of type boolean is not a boolean", 0 },
	{ "default=\"4\"", "default=\"5s\"", RA_ERROR, "parameter", "workers",
	  "default \"5s\" of type integer is not an integer", 0 },
	{ "default=\"fast\"", "default=\"slow\"", RA_ERROR, "parameter", "mode",
	  "is not one of its options", 0 },
	{ "<option value=\"safe\"/>", "<option value=\"fast\"/>", RA_ERROR, "parameter", "mode",
	  "option \"fast\" listed twice", 0 },
	{ "<content type=\"string\"/>", "<content type=\"second\" default=\"ten\"/>", RA_ERROR,
	  "parameter", "old_mode", "is not a duration", 0 },
	{ "replaced-with name=\"mode\"", "replaced-with name=\"style\"", RA_ERROR, "parameter",
	  "old_mode", "\"style\", which is not a parameter", 0 },
	{ "depth=\"10\"", "depth=\"30\"", RA_WARNING, "action", "monitor", "reserved check level",
	  0 },
	{ "role=\"Promoted\"", "role=\"Master\"", RA_WARNING, "action", "monitor",
	  "OCF 1.1 says Promoted", 0 },
	{ "timeout=\"5s\"/>\n<action name=\"validate-all\"",
	  "timeout=\"0\"/>\n<action "
	  "name=\"validate-all\"",
	  RA_WARNING, "action", "meta-data", "timeout of 0", 0 },
	{ "<action name=\"reload-agent\" timeout=\"20s\"/>\n", "", RA_WARNING, "actions", NULL,
	  "reloadable parameters but no reload-agent", 0 },
	{ "<longdesc lang=\"en\">Runs a widget.</longdesc>\n", "", RA_WARNING, "resource-agent",
	  "Widget", "no longdesc", 3 },
	{ "<shortdesc lang=\"en\">Widget</shortdesc>",
	  "<shortdesc lang=\"en\">Widget</shortdesc>"
	  "<shortdesc lang=\"en\">W</shortdesc>",
	  RA_WARNING, "resource-agent", "Widget", "two shortdesc elements in language en", 0 },
	{ "Worker count.", "Worker <b>count</b>.", RA_WARNING, "parameter", "workers",
	  "longdesc contains markup", 0 },
};

static void test_bad(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		char *xml = mutate(c->from, c->to);
		struct ra_report r;

		check_text(xml, &r);
		if (!has(&r, c->sev, c->element, c->name, c->text))
			fail_msg("case %zu (%s -> %s): finding not reported", i, c->from, c->to);
		if (c->sev == RA_WARNING && r.errors != 0)
			fail_msg("case %zu: a warning case also gave errors", i);
		ra_report_free(&r);
		free(xml);
	}
}

/* Each finding's line points at the right element. */
static void test_lines(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		const struct ra_problem *p;
		char *xml = mutate(c->from, c->to);
		struct ra_report r;
		int seen = 0;

		check_text(xml, &r);
		for (p = r.head; p != NULL; p = p->next)
			seen |= p->line == c->line;
		if (c->line != 0 && !seen) {
			dump(&r);
			fail_msg("case %zu: no finding on line %ld", i, c->line);
		}
		ra_report_free(&r);
		free(xml);
	}
}

static void test_not_xml(void **state)
{
	static const char *const inputs[] = { "", "   \n", "usage: Widget {start|stop}\n",
					      "<resource-agent name=\"x\">" };
	size_t i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct ra_report r;

		check_text(inputs[i], &r);
		assert_true(r.errors > 0);
		assert_true(has(&r, RA_ERROR, NULL, NULL, "not well-formed"));
		ra_report_free(&r);
	}
}

static void test_wrong_root(void **state)
{
	struct ra_report r;

	check_text("<agent name=\"x\"/>", &r);
	assert_true(r.errors > 0);
	ra_report_free(&r);
}

static void test_schema_load_errors(void **state)
{
	struct ra_report r;
	xmlRelaxNG *s = NULL;
	char path[] = "/tmp/ra-meta-test-XXXXXX";
	int fd;

	ra_report_init(&r);
	assert_int_equal(ra_meta_schema_load("/nonexistent/ra-api.rng", &r, &s), -ENOENT);
	assert_null(s);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "<grammar/>", 10), 10);
	close(fd);
	assert_int_equal(ra_meta_schema_load(path, &r, &s), -EINVAL);
	assert_null(s);
	assert_true(r.errors > 0);
	unlink(path);
	ra_report_free(&r);
}

static int setup(void **state)
{
	struct ra_report r;
	const char *path = getenv("RA_API_SCHEMA");

	ra_report_init(&r);
	if (ra_meta_schema_load(path ? path : RA_API_TEST_SCHEMA, &r, &schema) != 0) {
		dump(&r);
		ra_report_free(&r);
		return -1;
	}
	ra_report_free(&r);
	return 0;
}

static int teardown(void **state)
{
	xmlRelaxNGFree(schema);
	xmlCleanupParser();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_is_clean), cmocka_unit_test(test_bad),
		cmocka_unit_test(test_lines),         cmocka_unit_test(test_not_xml),
		cmocka_unit_test(test_wrong_root),    cmocka_unit_test(test_schema_load_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
