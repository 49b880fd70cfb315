/*
 * cs_log: line format, targets and per-subsystem filtering.
 */
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define CS_LOG_SUBSYS CS_SUBSYS_TOTEM
#include "../cs_log.h"

static char tmpdir[] = "/tmp/cs_log_test.XXXXXX";
static char logpath[512];

/* Read the whole log file; the caller frees. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;

	if (f == NULL) {
		return strdup("");
	}
	FILE *out = open_memstream(&buf, &len);
	int c;
	while ((c = fgetc(f)) != EOF) {
		fputc(c, out);
	}
	fclose(out);
	fclose(f);
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

static void to_file(struct cs_log_settings *s)
{
	cs_log_settings_init(s);
	s->to_logfile = true;
	s->to_syslog = false;
	snprintf(s->logfile, sizeof(s->logfile), "%s", logpath);
}

static int setup(void **state)
{
	snprintf(logpath, sizeof(logpath), "%s/corosync.log", tmpdir);
	unlink(logpath);
	return cs_log_open("corosync");
}

static int teardown(void **state)
{
	cs_log_close();
	unlink(logpath);
	return 0;
}

static void line_has_corosync_format(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	assert_int_equal(cs_log_apply(&s), 0);
	cs_log(LOG_NOTICE, "A new membership (%u.%u) was formed.", 1u, 5u);
	cs_log_close();

	char *text = slurp(logpath);
	assert_matches(text, "^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3} "
			     "\\[[0-9]+\\] [^ ]+ corosync notice  \\[TOTEM \\] "
			     "A new membership \\(1\\.5\\) was formed\\.$");
	free(text);
}

static void timestamp_on_has_no_milliseconds(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	s.timestamp = CS_LOG_TIMESTAMP_ON;
	assert_int_equal(cs_log_apply(&s), 0);
	qb_logt(LOG_INFO, CS_SUBSYS_QUORUM, "Members[%d]: %d", 1, 1);
	cs_log_close();

	char *text = slurp(logpath);
	assert_matches(text, "^[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} \\[[0-9]+\\] "
			     "[^ ]+ corosync info    \\[QUORUM\\] Members\\[1\\]: 1$");
	free(text);
}

static void fileline_is_shown_when_asked(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	s.fileline = true;
	assert_int_equal(cs_log_apply(&s), 0);
	cs_log(LOG_WARNING, "watch out");
	cs_log_close();

	char *text = slurp(logpath);
	assert_matches(text, "warning \\[TOTEM \\] (tests/)?cs_log_test\\.c:[0-9]+ watch out$");
	free(text);
}

static void priority_threshold_filters(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	s.logfile_priority = LOG_NOTICE;
	assert_int_equal(cs_log_apply(&s), 0);
	cs_log(LOG_INFO, "too chatty");
	cs_log(LOG_ERR, "kept");
	cs_log_close();

	char *text = slurp(logpath);
	assert_null(strstr(text, "too chatty"));
	assert_non_null(strstr(text, "error   [TOTEM ] kept"));
	free(text);
}

static void logger_subsys_debug_opens_one_subsystem(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	s.subsys_debug[CS_SUBSYS_QUORUM] = CS_LOG_DEBUG_ON;
	assert_int_equal(cs_log_apply(&s), 0);
	qb_logt(LOG_DEBUG, CS_SUBSYS_QUORUM, "quorum detail");
	qb_logt(LOG_DEBUG, CS_SUBSYS_CPG, "cpg detail");
	qb_logt(LOG_TRACE, CS_SUBSYS_QUORUM, "quorum trace");
	cs_log_close();

	char *text = slurp(logpath);
	assert_non_null(strstr(text, "debug   [QUORUM] quorum detail"));
	assert_null(strstr(text, "cpg detail"));
	assert_null(strstr(text, "quorum trace"));
	free(text);
}

static void debug_trace_opens_everything(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	s.debug = CS_LOG_DEBUG_TRACE;
	assert_int_equal(cs_log_apply(&s), 0);
	qb_logt(LOG_TRACE, CS_SUBSYS_CPG, "cpg trace");
	cs_log_close();

	char *text = slurp(logpath);
	assert_non_null(strstr(text, "[CPG   ] cpg trace"));
	free(text);
}

static void reapply_changes_levels_of_existing_callsites(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	assert_int_equal(cs_log_apply(&s), 0);
	for (int round = 0; round < 2; round++) {
		/* the same call site, before and after a reload */
		cs_log(LOG_DEBUG, "round %d", round);
		s.debug = CS_LOG_DEBUG_ON;
		assert_int_equal(cs_log_apply(&s), 0);
	}
	cs_log_close();

	char *text = slurp(logpath);
	assert_null(strstr(text, "round 0"));
	assert_non_null(strstr(text, "round 1"));
	free(text);
}

static void stderr_line_drops_time_and_pid(void **state)
{
	struct cs_log_settings s;
	char errpath[600];
	int saved = dup(STDERR_FILENO);

	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpdir);
	FILE *err = fopen(errpath, "w");
	assert_non_null(err);
	dup2(fileno(err), STDERR_FILENO);

	cs_log_settings_init(&s);
	s.to_logfile = false;
	s.to_syslog = false;
	s.to_stderr = true;
	assert_int_equal(cs_log_apply(&s), 0);
	qb_logt(LOG_NOTICE, CS_SUBSYS_MAIN, "Corosync Cluster Engine starting up");
	cs_log_close();

	dup2(saved, STDERR_FILENO);
	close(saved);
	fclose(err);
	char *text = slurp(errpath);
	unlink(errpath);
	assert_matches(text, "^[^ ]+ corosync notice  \\[MAIN  \\] "
			     "Corosync Cluster Engine starting up$");
	free(text);
}

static void unopenable_file_is_reported(void **state)
{
	struct cs_log_settings s;

	to_file(&s);
	snprintf(s.logfile, sizeof(s.logfile), "%s/missing-dir/corosync.log", tmpdir);
	assert_true(cs_log_apply(&s) < 0);
}

static void apply_before_open_is_refused(void **state)
{
	struct cs_log_settings s;

	cs_log_close();
	cs_log_settings_init(&s);
	assert_int_equal(cs_log_apply(&s), -EINVAL);
}

static void names_map_both_ways(void **state)
{
	assert_int_equal(cs_log_subsys_from_name("quorum"), CS_SUBSYS_QUORUM);
	assert_int_equal(cs_log_subsys_from_name("TOTEM"), CS_SUBSYS_TOTEM);
	assert_int_equal(cs_log_subsys_from_name("NOPE"), -ENOENT);
	assert_string_equal(cs_log_subsys_name(CS_SUBSYS_VOTEQ), "VOTEQ");
	assert_string_equal(cs_log_subsys_name(CS_SUBSYS_COUNT), "?");
	assert_int_equal(cs_log_priority_from_name("warning"), LOG_WARNING);
	assert_int_equal(cs_log_priority_from_name("loud"), -EINVAL);
	assert_int_equal(cs_log_facility_from_name("local4"), LOG_LOCAL4);
	assert_int_equal(cs_log_facility_from_name("kernel-ish"), -EINVAL);
}

static void defaults_are_corosyncs(void **state)
{
	struct cs_log_settings s;

	cs_log_settings_init(&s);
	assert_string_equal(s.logfile, COROSYNC_LOG_FILE);
	assert_true(s.to_logfile);
	assert_true(s.to_syslog);
	assert_int_equal(s.syslog_facility, LOG_DAEMON);
	assert_int_equal(s.timestamp, CS_LOG_TIMESTAMP_HIRES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(line_has_corosync_format, setup, teardown),
		cmocka_unit_test_setup_teardown(timestamp_on_has_no_milliseconds, setup, teardown),
		cmocka_unit_test_setup_teardown(fileline_is_shown_when_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(priority_threshold_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(logger_subsys_debug_opens_one_subsystem, setup,
						teardown),
		cmocka_unit_test_setup_teardown(debug_trace_opens_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(reapply_changes_levels_of_existing_callsites, setup,
						teardown),
		cmocka_unit_test_setup_teardown(stderr_line_drops_time_and_pid, setup, teardown),
		cmocka_unit_test_setup_teardown(unopenable_file_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(apply_before_open_is_refused, setup, teardown),
		cmocka_unit_test(names_map_both_ways),
		cmocka_unit_test(defaults_are_corosyncs),
	};

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return failed;
}
