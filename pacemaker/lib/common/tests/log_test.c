/*
 * libcrmcommon logging: options from the environment, file and stderr
 * line formats, thresholds.
 */
#include <regex.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <crm/common/log.h>

static char tmpdir[] = "/tmp/pcmk_log_test.XXXXXX";
static char logpath[512];

static char *slurp(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");
	FILE *out = open_memstream(&buf, &len);
	int c;

	while (f != NULL && (c = fgetc(f)) != EOF) {
		fputc(c, out);
	}
	fclose(out);
	if (f != NULL) {
		fclose(f);
	}
	return buf;
}

static void assert_matches(const char *text, const char *pattern)
{
	regex_t re;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE), 0);
	int rc = regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	if (rc != 0) {
		fail_msg("'%s' does not match /%s/", text, pattern);
	}
}

static int clean_env(void **state)
{
	unsetenv("PCMK_logfile");
	unsetenv("PCMK_logfacility");
	unsetenv("PCMK_logpriority");
	unsetenv("PCMK_debug");
	unsetenv("PCMK_stderr");
	snprintf(logpath, sizeof(logpath), "%s/pacemaker.log", tmpdir);
	unlink(logpath);
	return 0;
}

static int finish(void **state)
{
	pcmk_log_fini();
	unlink(logpath);
	return 0;
}

static void defaults_without_environment(void **state)
{
	struct pcmk_log_options o;

	pcmk_log_options_from_env(&o, "crmd");
	assert_string_equal(o.logfile, PCMK_LOG_FILE);
	assert_int_equal(o.syslog_facility, LOG_DAEMON);
	assert_int_equal(o.syslog_priority, LOG_NOTICE);
	assert_false(o.to_stderr);
	assert_int_equal(o.level, LOG_INFO);
}

static void environment_adjusts_options(void **state)
{
	struct pcmk_log_options o;

	setenv("PCMK_logfile", "none", 1);
	setenv("PCMK_logfacility", "local5", 1);
	setenv("PCMK_logpriority", "info", 1);
	setenv("PCMK_stderr", "yes", 1);
	setenv("PCMK_debug", "cib,crmd", 1);
	pcmk_log_options_from_env(&o, "crmd");
	assert_string_equal(o.logfile, "");
	assert_int_equal(o.syslog_facility, LOG_LOCAL5);
	assert_int_equal(o.syslog_priority, LOG_INFO);
	assert_true(o.to_stderr);
	assert_int_equal(o.level, LOG_DEBUG);

	pcmk_log_options_from_env(&o, "attrd");
	assert_int_equal(o.level, LOG_INFO);

	setenv("PCMK_logfacility", "none", 1);
	pcmk_log_options_from_env(&o, "attrd");
	assert_int_equal(o.syslog_facility, -1);
}

static void daemon_file_line_format(void **state)
{
	struct pcmk_log_options o;

	pcmk_log_options_from_env(&o, "cib");
	snprintf(o.logfile, sizeof(o.logfile), "%s", logpath);
	o.syslog_facility = -1;
	assert_int_equal(pcmk_log_init("cib", &o), 0);
	pcmk_notice("Updated %d nodes", 3);
	pcmk_debug("not at info level");
	pcmk_log_fini();

	char *text = slurp(logpath);
	assert_matches(text, "^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3} "
			     "[^ ]+ cib {17}\\[[0-9]+\\] \\(daemon_file_line_format\\) "
			     "\tnotice: Updated 3 nodes$");
	assert_null(strstr(text, "not at info level"));
	free(text);
}

static void level_can_change_at_run_time(void **state)
{
	struct pcmk_log_options o;

	pcmk_log_options_from_env(&o, "attrd");
	snprintf(o.logfile, sizeof(o.logfile), "%s", logpath);
	o.syslog_facility = -1;
	assert_int_equal(pcmk_log_init("attrd", &o), 0);
	pcmk_log_set_level(LOG_DEBUG);
	assert_int_equal(pcmk_log_level(), LOG_DEBUG);
	pcmk_debug("now visible");
	pcmk_log_set_level(LOG_WARNING);
	pcmk_info("hidden again");
	pcmk_log_fini();

	char *text = slurp(logpath);
	assert_non_null(strstr(text, "\tdebug: now visible"));
	assert_null(strstr(text, "hidden again"));
	free(text);
}

static void unwritable_file_is_reported(void **state)
{
	struct pcmk_log_options o;

	pcmk_log_options_from_env(&o, "crmd");
	snprintf(o.logfile, sizeof(o.logfile), "%s/no/such/dir/pacemaker.log", tmpdir);
	o.syslog_facility = -1;
	assert_true(pcmk_log_init("crmd", &o) < 0);
}

static void tool_logs_to_stderr_in_pacemaker_format(void **state)
{
	char errpath[600];
	int saved = dup(STDERR_FILENO);

	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpdir);
	FILE *err = fopen(errpath, "w");
	assert_non_null(err);
	dup2(fileno(err), STDERR_FILENO);

	pcmk_log_init_tool("crm_verify", LOG_ERR);
	pcmk_err("Resource start-up disabled");
	pcmk_warn("only with -VV");
	pcmk_log_fini();

	dup2(saved, STDERR_FILENO);
	close(saved);
	fclose(err);
	char *text = slurp(errpath);
	unlink(errpath);
	assert_string_equal(text, "(tool_logs_to_stderr_in_pacemaker_format) \t"
				  "error: Resource start-up disabled\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(defaults_without_environment, clean_env, finish),
		cmocka_unit_test_setup_teardown(environment_adjusts_options, clean_env, finish),
		cmocka_unit_test_setup_teardown(daemon_file_line_format, clean_env, finish),
		cmocka_unit_test_setup_teardown(level_can_change_at_run_time, clean_env, finish),
		cmocka_unit_test_setup_teardown(unwritable_file_is_reported, clean_env, finish),
		cmocka_unit_test_setup_teardown(tool_logs_to_stderr_in_pacemaker_format, clean_env,
						finish),
	};

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return failed;
}
