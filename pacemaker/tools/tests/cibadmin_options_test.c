/*
 * cibadmin's command line: what each form of an option sets, the rules
 * pacemaker's cibadmin follows (last command wins, --force stays needed
 * once a dangerous option is given, -a takes the next argument whatever
 * it is, -o after -A keeps the XPath mode), and what ends the parse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <cmocka.h>

#include "cibadmin.h"

#define MAX_ARGS 32

/* Parse the NULL-terminated arguments after the program name, with
 * getopt's complaints kept off the TAP output. */
static enum cibadmin_next parse_args(struct cibadmin_opts *opts, char **args)
{
	static char *argv[MAX_ARGS + 2];
	int argc = 1, saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	enum cibadmin_next next;

	argv[0] = "cibadmin";
	while (args[argc - 1] != NULL && argc <= MAX_ARGS) {
		argv[argc] = args[argc - 1];
		argc++;
	}
	assert_null(args[argc - 1]); /* every argument fits */
	argv[argc] = NULL;
	dup2(null, STDERR_FILENO);
	next = cibadmin_parse(argc, argv, opts);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(null);
	return next;
}

#define PARSE(opts, ...) parse_args(opts, (char *[]){ __VA_ARGS__, NULL })

static void commands_short_and_long(void **state)
{
	static const struct {
		const char *arg;
		enum cibadmin_cmd cmd;
	} cases[] = {
		{ "-Q", CIBADMIN_CMD_QUERY },
		{ "--query", CIBADMIN_CMD_QUERY },
		{ "-C", CIBADMIN_CMD_CREATE },
		{ "--create", CIBADMIN_CMD_CREATE },
		{ "-M", CIBADMIN_CMD_MODIFY },
		{ "--modify", CIBADMIN_CMD_MODIFY },
		{ "-R", CIBADMIN_CMD_REPLACE },
		{ "--replace", CIBADMIN_CMD_REPLACE },
		{ "-D", CIBADMIN_CMD_DELETE },
		{ "--delete", CIBADMIN_CMD_DELETE },
		{ "-E", CIBADMIN_CMD_ERASE },
		{ "--erase", CIBADMIN_CMD_ERASE },
		{ "-B", CIBADMIN_CMD_BUMP },
		{ "--bump", CIBADMIN_CMD_BUMP },
		{ "-u", CIBADMIN_CMD_UPGRADE },
		{ "--upgrade", CIBADMIN_CMD_UPGRADE },
		{ "-P", CIBADMIN_CMD_PATCH },
		{ "--patch", CIBADMIN_CMD_PATCH },
		{ "-5", CIBADMIN_CMD_MD5 },
		{ "--md5-sum", CIBADMIN_CMD_MD5 },
		{ "-6", CIBADMIN_CMD_MD5_VERSIONED },
		{ "--md5-sum-versioned", CIBADMIN_CMD_MD5_VERSIONED },
		{ "--quer", CIBADMIN_CMD_QUERY },
	};
	struct cibadmin_opts opts;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(PARSE(&opts, (char *)cases[i].arg), CIBADMIN_RUN);
		assert_int_equal(opts.cmd, cases[i].cmd);
	}
}

static void last_command_wins_danger_stays(void **state)
{
	struct cibadmin_opts opts;

	(void)state;
	assert_int_equal(PARSE(&opts, "-B", "-Q"), CIBADMIN_RUN);
	assert_int_equal(opts.cmd, CIBADMIN_CMD_QUERY);
	assert_false(opts.dangerous);

	assert_int_equal(PARSE(&opts, "-E", "-Q"), CIBADMIN_RUN);
	assert_int_equal(opts.cmd, CIBADMIN_CMD_QUERY);
	assert_true(opts.dangerous);

	assert_int_equal(PARSE(&opts, "-d", "-D", "-A", "//x"), CIBADMIN_RUN);
	assert_int_equal(opts.cmd, CIBADMIN_CMD_DELETE);
	assert_true(opts.multiple);
	assert_true(opts.dangerous);

	assert_int_equal(PARSE(&opts, "-Q", "--no-bcast"), CIBADMIN_RUN);
	assert_true(opts.dangerous);
}

static void values_and_flags(void **state)
{
	struct cibadmin_opts opts;

	(void)state;
	assert_int_equal(PARSE(&opts, "-C", "-o", "resources", "-X", "<x/>", "-x", "f.xml", "-p",
			       "-f", "-c", "-n", "-e", "-l", "-s", "-U", "bob", "-N", "n1"),
			 CIBADMIN_RUN);
	assert_string_equal(opts.section, "resources");
	assert_false(opts.xpath);
	assert_string_equal(opts.xml_text, "<x/>");
	assert_string_equal(opts.xml_file, "f.xml");
	assert_true(opts.xml_pipe && opts.force && opts.allow_create && opts.no_children);
	assert_true(opts.node_path && opts.local && opts.sync_call);
	assert_string_equal(opts.user, "bob");
	assert_string_equal(opts.host, "n1");

	assert_int_equal(PARSE(&opts, "-Q", "-t", "5", "-V", "-V"), CIBADMIN_RUN);
	assert_int_equal(opts.timeout_s, 5);
	assert_int_equal(opts.verbose, 2);
	/* read as atoi() reads it: no number is no timeout (the default) */
	assert_int_equal(PARSE(&opts, "-Q", "--timeout=abc"), CIBADMIN_RUN);
	assert_int_equal(opts.timeout_s, 0);
}

static void scope_and_xpath(void **state)
{
	struct cibadmin_opts opts;

	(void)state;
	assert_int_equal(PARSE(&opts, "-Q", "-o", "nodes", "-o", "resources"), CIBADMIN_RUN);
	assert_string_equal(opts.section, "resources");
	assert_false(opts.xpath);

	assert_int_equal(PARSE(&opts, "-Q", "-o", "nodes", "--xpath", "//node"), CIBADMIN_RUN);
	assert_string_equal(opts.section, "//node");
	assert_true(opts.xpath);

	/* -o after -A: its value is taken as the XPath */
	assert_int_equal(PARSE(&opts, "-Q", "-A", "//node", "--scope=resources"), CIBADMIN_RUN);
	assert_string_equal(opts.section, "resources");
	assert_true(opts.xpath);
}

static void empty_takes_the_next_argument(void **state)
{
	struct cibadmin_opts opts;

	(void)state;
	assert_int_equal(PARSE(&opts, "-a"), CIBADMIN_EMPTY);
	assert_null(opts.empty_schema);
	assert_int_equal(PARSE(&opts, "--empty", "pacemaker-2.0"), CIBADMIN_EMPTY);
	assert_string_equal(opts.empty_schema, "pacemaker-2.0");
	assert_int_equal(PARSE(&opts, "-a", "-Q"), CIBADMIN_EMPTY);
	assert_string_equal(opts.empty_schema, "-Q");
	/* parsing stops at -a: a bad option after it is never seen */
	assert_int_equal(PARSE(&opts, "-a", "x", "--bogus"), CIBADMIN_EMPTY);
	assert_int_equal(PARSE(&opts, "-Qa"), CIBADMIN_EMPTY);
	assert_null(opts.empty_schema);
}

static void what_ends_the_parse(void **state)
{
	struct cibadmin_opts opts;

	(void)state;
	assert_int_equal(PARSE(&opts, "--help", "-Q"), CIBADMIN_HELP);
	assert_int_equal(PARSE(&opts, "-?"), CIBADMIN_USAGE);
	assert_int_equal(PARSE(&opts, "-$", "--bogus"), CIBADMIN_VERSION);
	assert_int_equal(PARSE(&opts, "--version"), CIBADMIN_VERSION);
	assert_int_equal(PARSE(&opts, "-!"), CIBADMIN_VERSION_LONG);
	assert_int_equal(PARSE(&opts, "--bogus", "-a"), CIBADMIN_USAGE);
	assert_int_equal(PARSE(&opts, "-Z"), CIBADMIN_USAGE);
	assert_int_equal(PARSE(&opts, "-Q", "-X"), CIBADMIN_USAGE);
	assert_int_equal(PARSE(&opts, "-Q", "--md5"), CIBADMIN_USAGE); /* ambiguous */
	assert_int_equal(PARSE(&opts, "-V"), CIBADMIN_USAGE);          /* no command */
	assert_int_equal(PARSE(&opts, "-Q", "a", "b"), CIBADMIN_EXTRA_ARGS);
	assert_int_equal(opts.first_extra, 2);
	assert_int_equal(PARSE(&opts, "x"), CIBADMIN_EXTRA_ARGS);
}

static void show_access_values(void **state)
{
	struct cibadmin_opts opts;

	(void)state;
	assert_int_equal(PARSE(&opts, "-Q", "-S"), CIBADMIN_RUN);
	assert_true(opts.show_access);
	assert_null(opts.show_how);
	assert_int_equal(PARSE(&opts, "-Q", "-Stext"), CIBADMIN_RUN);
	assert_string_equal(opts.show_how, "text");
	assert_int_equal(PARSE(&opts, "-Q", "--show-access=blue"), CIBADMIN_BAD_VALUE);
	assert_string_equal(opts.bad_value, "blue");
}

static void known_sections(void **state)
{
	(void)state;
	assert_true(cibadmin_section_known("resources"));
	assert_true(cibadmin_section_known("status"));
	assert_true(cibadmin_section_known("fencing-topology"));
	assert_false(cibadmin_section_known("cib"));
	assert_false(cibadmin_section_known("bogus"));
	assert_false(cibadmin_section_known(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(commands_short_and_long),
		cmocka_unit_test(last_command_wins_danger_stays),
		cmocka_unit_test(values_and_flags),
		cmocka_unit_test(scope_and_xpath),
		cmocka_unit_test(empty_takes_the_next_argument),
		cmocka_unit_test(what_ends_the_parse),
		cmocka_unit_test(show_access_values),
		cmocka_unit_test(known_sections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
