/*
 * crm_verify's command line: each data source in short and long form,
 * -V counting, the output options, and what makes the parse fail.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <cmocka.h>

#include "crm_verify.h"

#define MAX_ARGS 16

/* Parse the NULL-terminated arguments after the program name, with the
 * parser's complaints kept off the TAP output. */
static int parse_args(struct verify_opts *opts, char **args)
{
	static char *argv[MAX_ARGS + 2];
	int argc = 1, saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	int rc;

	argv[0] = "crm_verify";
	while (args[argc - 1] != NULL && argc <= MAX_ARGS) {
		argv[argc] = args[argc - 1];
		argc++;
	}
	assert_null(args[argc - 1]);
	argv[argc] = NULL;
	dup2(null, STDERR_FILENO);
	rc = verify_opts_parse(argc, argv, opts);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(null);
	return rc;
}

#define PARSE(opts, ...) parse_args(opts, (char *[]){ __VA_ARGS__, NULL })

static void sources_short_and_long(void **state)
{
	struct verify_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "-x", "cib.xml"), 0);
	assert_string_equal(o.xml_file, "cib.xml");
	assert_int_equal(PARSE(&o, "--xml-file=a.xml"), 0);
	assert_string_equal(o.xml_file, "a.xml");
	assert_int_equal(PARSE(&o, "-X", "<cib/>"), 0);
	assert_string_equal(o.xml_text, "<cib/>");
	assert_int_equal(PARSE(&o, "--xml-text", "<cib/>"), 0);
	assert_string_equal(o.xml_text, "<cib/>");
	assert_int_equal(PARSE(&o, "-p"), 0);
	assert_true(o.xml_pipe);
	assert_int_equal(PARSE(&o, "--xml-pipe"), 0);
	assert_true(o.xml_pipe);
	assert_int_equal(PARSE(&o, "-L"), 0);
	assert_true(o.live);
	assert_false(o.xml_pipe);
	assert_int_equal(PARSE(&o, "--live-check"), 0);
	assert_true(o.live);
}

static void verbosity_counts(void **state)
{
	struct verify_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "-L"), 0);
	assert_int_equal(o.verbose, 0);
	assert_int_equal(PARSE(&o, "-V", "-L"), 0);
	assert_int_equal(o.verbose, 1);
	assert_int_equal(PARSE(&o, "-VV", "-L"), 0);
	assert_int_equal(o.verbose, 2);
	assert_int_equal(PARSE(&o, "-V", "--verbose", "-V", "-L"), 0);
	assert_int_equal(o.verbose, 3);
}

static void output_and_extras(void **state)
{
	struct verify_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "-L", "--output-as=xml", "--output-to", "out.xml"), 0);
	assert_string_equal(o.output_as, "xml");
	assert_string_equal(o.output_to, "out.xml");
	assert_int_equal(PARSE(&o, "-L", "--output-as", "text", "--text-fancy"), 0);
	assert_string_equal(o.output_as, "text");
	assert_int_equal(PARSE(&o, "-L", "-S", "saved.xml"), 0);
	assert_string_equal(o.save_xml, "saved.xml");
	assert_int_equal(PARSE(&o, "--save-xml=s.xml", "-L"), 0);
	assert_string_equal(o.save_xml, "s.xml");
	assert_int_equal(PARSE(&o, "--help"), 0);
	assert_true(o.help);
	assert_int_equal(PARSE(&o, "--help-all"), 0);
	assert_true(o.help);
	assert_int_equal(PARSE(&o, "-$"), 0);
	assert_true(o.version);
	assert_int_equal(PARSE(&o, "--version"), 0);
	assert_true(o.version);
}

static void bad_command_lines(void **state)
{
	struct verify_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "-Z"), -1);
	assert_int_equal(PARSE(&o, "--no-such-option"), -1);
	assert_int_equal(PARSE(&o, "-x"), -1);
	assert_int_equal(PARSE(&o, "--xml-text"), -1);
	assert_int_equal(PARSE(&o, "-L", "--output-as=html"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sources_short_and_long),
		cmocka_unit_test(verbosity_counts),
		cmocka_unit_test(output_and_extras),
		cmocka_unit_test(bad_command_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
