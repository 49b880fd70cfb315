/*
 * Date expressions against the real pacemaker 2.1.5: for each expression
 * and date, /usr/sbin/crm_rule -c says whether the rule is in effect, and
 * pe_rule_eval() must agree.  crm_rule takes a rule with one
 * date_expression (a date_spec must name years and not moon).  Run in UTC
 * and in a zone five hours west, since dates without a zone are local.
 * Skipped when crm_rule is not installed.
 */
#include "rules_testutil.h"

#include <sys/wait.h>
#include <unistd.h>

#define CRM_RULE "/usr/sbin/crm_rule"

static const char *const expressions[] = {
	"<date_expression id=\"d\" operation=\"in_range\" start=\"2005-02-04\" "
	"end=\"2005-03-04\"/>",
	"<date_expression id=\"d\" operation=\"in_range\" start=\"2005-01-31\">"
	"<duration id=\"du\" months=\"1\"/></date_expression>",
	"<date_expression id=\"d\" operation=\"in_range\" start=\"2004-02-29 12:00:00\">"
	"<duration id=\"du\" years=\"1\" hours=\"11\"/></date_expression>",
	"<date_expression id=\"d\" operation=\"in_range\" end=\"2005-035\"/>",
	"<date_expression id=\"d\" operation=\"gt\" start=\"2005-W05-5 12:00:00 +01:00\"/>",
	"<date_expression id=\"d\" operation=\"lt\" end=\"2005-02-28 23:00:00 -05:00\"/>",
	"<date_expression id=\"d\" operation=\"gt\" start=\"2005-02-04T12:00:00+05:00\"/>",
	"<date_expression id=\"d\" operation=\"date_spec\"><date_spec id=\"s\" years=\"2005\" "
	"hours=\"9-16\" weekdays=\"1-5\"/></date_expression>",
	"<date_expression id=\"d\" operation=\"date_spec\"><date_spec id=\"s\" years=\"2005-\" "
	"months=\"2\" monthdays=\"-4\" minutes=\"0-29\"/></date_expression>",
	"<date_expression id=\"d\" operation=\"date_spec\"><date_spec id=\"s\" years=\"2004-2005\" "
	"yeardays=\"35-60\" weeks=\"5-8\" weekyears=\"2005\"/></date_expression>",
};

static const char *const dates[] = {
	"2005-02-03 23:59:59",        "2005-02-04",
	"2005-02-04 12:00:00",        "2005-02-04 07:30:00Z",
	"2005-02-04 16:59:59 +01:00", "2005-02-05 10:00:00",
	"2005-02-28 10:15:00",        "2005-03-01 03:59:59Z",
	"2005-03-01 04:00:00",        "2005-03-04 00:00:00",
	"2005-03-04 00:00:01",        "2005-02-04T12:00:00+05:00",
	"2005-035 12:00:00",          "20050204T120000",
	"2005-W05-5 16:30",
};

/* Whether crm_rule says the rule is in effect; skips on an answer that is
 * neither yes (0) nor expired (110) nor not yet (111). */
static bool crm_rule_says(const char *expr, const char *date)
{
	char *cib = g_strdup_printf(
		"<cib validate-with=\"pacemaker-3.7\" epoch=\"1\" num_updates=\"0\" "
		"admin_epoch=\"0\"><configuration><crm_config/><nodes/><resources/>"
		"<constraints><rsc_location id=\"l\" rsc=\"x\"><rule id=\"r\" "
		"score=\"INFINITY\">%s</rule></rsc_location></constraints>"
		"</configuration><status/></cib>",
		expr);
	char *argv[] = { (char *)CRM_RULE, (char *)"-c", (char *)"-r",
			 (char *)"r",      (char *)"-X", cib,
			 (char *)"-d",     (char *)date, NULL };
	int status = -1;
	GError *error = NULL;

	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
			  NULL, NULL, NULL, NULL, &status, &error)) {
		fail_msg("%s: %s", CRM_RULE, error->message);
	}
	g_free(cib);
	if (!WIFEXITED(status) || ((WEXITSTATUS(status) != 0) && (WEXITSTATUS(status) != 110) &&
				   (WEXITSTATUS(status) != 111))) {
		fail_msg("crm_rule gave no answer (status %d) for %s at %s", status, expr, date);
	}
	return WEXITSTATUS(status) == 0;
}

static void compare_all(void)
{
	for (size_t e = 0; e < sizeof(expressions) / sizeof(expressions[0]); e++) {
		char *xml = g_strdup_printf("<rule id=\"r\">%s</rule>", expressions[e]);

		for (size_t d = 0; d < sizeof(dates) / sizeof(dates[0]); d++) {
			struct pe_rule_input in = { 0 };
			bool ours = rt_eval_at(xml, dates[d], in);

			if (ours != crm_rule_says(expressions[e], dates[d])) {
				fail_msg("TZ=%s %s at %s: we say %s, crm_rule the opposite",
					 getenv("TZ"), expressions[e], dates[d],
					 ours ? "yes" : "no");
			}
		}
		g_free(xml);
	}
}

static void same_answers_in_utc(void **state)
{
	(void)state;
	if (access(CRM_RULE, X_OK) != 0) {
		skip();
	}
	rt_set_tz("UTC");
	compare_all();
}

static void same_answers_west_of_utc(void **state)
{
	(void)state;
	if (access(CRM_RULE, X_OK) != 0) {
		skip();
	}
	rt_set_tz("EST5");
	compare_all();
	rt_set_tz("UTC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_answers_in_utc),
		cmocka_unit_test(same_answers_west_of_utc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
