/*
 * The pacemaker settings file: good lines, quoting, comments, export, bad
 * lines reported with their line numbers, the file fallback.
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
#include <glib.h>

#include "../pcmkd_sysconfig.h"

/* Parse @line; expect a setting @key=@value. */
static void assert_setting(const char *line, const char *key, const char *value)
{
	char *k = NULL, *v = NULL;
	const char *problem = NULL;

	assert_int_equal(pcmkd_sysconfig_parse_line(line, &k, &v, &problem), 1);
	assert_string_equal(k, key);
	assert_string_equal(v, value);
	g_free(k);
	g_free(v);
}

/* Parse @line; expect a bad line whose problem mentions @words. */
static void assert_bad(const char *line, const char *words)
{
	char *k = NULL, *v = NULL;
	const char *problem = NULL;

	if (pcmkd_sysconfig_parse_line(line, &k, &v, &problem) != -EINVAL) {
		fail_msg("'%s' was accepted as %s=%s", line, k, v);
	}
	assert_null(k);
	assert_null(v);
	assert_non_null(problem);
	if (strstr(problem, words) == NULL) {
		fail_msg("'%s': problem '%s' does not mention '%s'", line, problem, words);
	}
}

static void plain_assignments(void **state)
{
	(void)state;
	assert_setting("PCMK_debug=yes", "PCMK_debug", "yes");
	assert_setting("PCMK_logfile=/var/log/x.log", "PCMK_logfile", "/var/log/x.log");
	assert_setting("  PCMK_debug=no", "PCMK_debug", "no");
	assert_setting("EMPTY=", "EMPTY", "");
	assert_setting("_x1=a#b", "_x1", "a#b");
	assert_setting("K=a=b", "K", "a=b");
	assert_setting("K=price$", "K", "price$");
}

static void quoting(void **state)
{
	(void)state;
	assert_setting("K='two words'", "K", "two words");
	assert_setting("K=\"two words\"", "K", "two words");
	assert_setting("K='$HOME and `x`'", "K", "$HOME and `x`");
	assert_setting("K=\"say \\\"hi\\\" \\\\ \\$5\"", "K", "say \"hi\" \\ $5");
	assert_setting("K=\"keep \\n\"", "K", "keep \\n");
	assert_setting("K=a\\ b", "K", "a b");
	assert_setting("K=pre'mid dle'\"post\"", "K", "premid dlepost");
	assert_setting("K=''", "K", "");
	assert_setting("K=\"\"", "K", "");
}

static void comments_and_export(void **state)
{
	char *k = NULL, *v = NULL;
	const char *problem = NULL;

	(void)state;
	assert_int_equal(pcmkd_sysconfig_parse_line("", &k, &v, &problem), 0);
	assert_int_equal(pcmkd_sysconfig_parse_line("   \t ", &k, &v, &problem), 0);
	assert_int_equal(pcmkd_sysconfig_parse_line("# PCMK_debug=yes", &k, &v, &problem), 0);
	assert_int_equal(pcmkd_sysconfig_parse_line("  #x", &k, &v, &problem), 0);
	assert_null(k);
	assert_setting("PCMK_debug=yes # trailing comment", "PCMK_debug", "yes");
	assert_setting("PCMK_debug=\"a b\"\t# comment", "PCMK_debug", "a b");
	assert_setting("export PCMK_fail_fast=yes", "PCMK_fail_fast", "yes");
	assert_setting("export\tPCMK_fail_fast='no'", "PCMK_fail_fast", "no");
	assert_setting("exportX=1", "exportX", "1");
}

static void bad_lines(void **state)
{
	(void)state;
	assert_bad("PCMK_debug", "KEY=value");
	assert_bad("PCMK_debug = yes", "spaces");
	assert_bad("PCMK_debug =yes", "spaces");
	assert_bad("1KEY=x", "KEY=value");
	assert_bad("=x", "KEY=value");
	assert_bad("export", "KEY=value");
	assert_bad("K='open", "unterminated single");
	assert_bad("K=\"open", "unterminated double");
	assert_bad("K=two words", "text after the value");
	assert_bad("K=$HOME", "variable expansion");
	assert_bad("K=\"${HOME}\"", "variable expansion");
	assert_bad("K=`date`", "command substitution");
	assert_bad("K=\"$(date)\"", "variable expansion");
	assert_bad("K=a;b", "shell operators");
	assert_bad("K=a\\", "backslash at the end");
	assert_bad("K-1=x", "KEY=value");
}

struct collected {
	GString *settings;
	GString *bad;
};

static void collect_setting(const char *key, const char *value, void *data)
{
	struct collected *c = data;

	g_string_append_printf(c->settings, "%s=%s;", key, value);
}

static void collect_bad(const char *path, unsigned line, const char *problem, void *data)
{
	struct collected *c = data;

	(void)problem;
	g_string_append_printf(c->bad, "%s:%u;", path, line);
}

static const struct pcmkd_sysconfig_ops collect_ops = { collect_setting, collect_bad };

static void whole_text_with_line_numbers(void **state)
{
	struct collected c = { g_string_new(NULL), g_string_new(NULL) };
	const char *text = "# settings\n"
			   "PCMK_debug=yes\n"
			   "\n"
			   "broken line here\n"
			   "export PCMK_logfile='/tmp/a b'\r\n"
			   "K=\"unterminated\n"
			   "PCMK_fail_fast=no";

	(void)state;
	assert_int_equal(pcmkd_sysconfig_parse(text, "/etc/sysconfig/pacemaker", &collect_ops, &c),
			 2);
	assert_string_equal(c.settings->str,
			    "PCMK_debug=yes;PCMK_logfile=/tmp/a b;PCMK_fail_fast=no;");
	assert_string_equal(c.bad->str, "/etc/sysconfig/pacemaker:4;/etc/sysconfig/pacemaker:6;");
	g_string_free(c.settings, TRUE);
	g_string_free(c.bad, TRUE);
}

static void load_falls_back_to_the_second_file(void **state)
{
	char dir[] = "/tmp/pcmkd_sysconfig_test.XXXXXX";
	struct collected c = { g_string_new(NULL), g_string_new(NULL) };
	const char *used = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	char *missing = g_build_filename(dir, "sysconfig", NULL);
	char *second = g_build_filename(dir, "default", NULL);
	const char *paths[] = { missing, second, NULL };

	assert_int_equal(pcmkd_sysconfig_load(paths, &used, &collect_ops, &c), -ENOENT);
	assert_null(used);
	assert_true(g_file_set_contents(second, "PCMK_debug=crmd\nbad\n", -1, NULL));
	assert_int_equal(pcmkd_sysconfig_load(paths, &used, &collect_ops, &c), 1);
	assert_ptr_equal(used, second);
	assert_string_equal(c.settings->str, "PCMK_debug=crmd;");
	assert_true(g_str_has_suffix(c.bad->str, "/default:2;"));
	unlink(second);
	rmdir(dir);
	g_free(missing);
	g_free(second);
	g_string_free(c.settings, TRUE);
	g_string_free(c.bad, TRUE);
}

static void load_reports_unreadable_file(void **state)
{
	char dir[] = "/tmp/pcmkd_sysconfig_test.XXXXXX";
	const char *used = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	const char *paths[] = { dir, NULL }; /* a directory, not a file */

	assert_int_equal(pcmkd_sysconfig_load(paths, &used, &collect_ops, NULL), -EISDIR);
	assert_ptr_equal(used, dir);
	rmdir(dir);
}

static void known_settings(void **state)
{
	(void)state;
	assert_true(pcmkd_sysconfig_known("PCMK_logfile"));
	assert_true(pcmkd_sysconfig_known("PCMK_fail_fast"));
	assert_false(pcmkd_sysconfig_known("PCMK_logfiel"));
	assert_false(pcmkd_sysconfig_known("HOME"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_assignments),
		cmocka_unit_test(quoting),
		cmocka_unit_test(comments_and_export),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(whole_text_with_line_numbers),
		cmocka_unit_test(load_falls_back_to_the_second_file),
		cmocka_unit_test(load_reports_unreadable_file),
		cmocka_unit_test(known_settings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
