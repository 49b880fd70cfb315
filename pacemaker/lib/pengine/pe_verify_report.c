/*
 * The report crm_verify prints: messages in the order they were found and
 * the verdict they add up to.
 */
#include <stdarg.h>
#include <stdlib.h>

#include <crm/pengine/verify.h>

static void msg_free(gpointer data)
{
	struct pe_verify_msg *msg = data;

	g_free(msg->text);
	g_free(msg);
}

struct pe_verify_report *pe_verify_report_new(void)
{
	struct pe_verify_report *report = g_new0(struct pe_verify_report, 1);

	report->msgs = g_ptr_array_new_with_free_func(msg_free);
	return report;
}

void pe_verify_report_free(struct pe_verify_report *report)
{
	if (report == NULL) {
		return;
	}
	g_ptr_array_free(report->msgs, TRUE);
	g_free(report);
}

void pe_verify_add(struct pe_verify_report *report, const char *tag, enum pe_verify_level level,
		   enum pe_verify_effect effect, const char *fmt, ...)
{
	struct pe_verify_msg *msg = g_new0(struct pe_verify_msg, 1);
	va_list ap;

	va_start(ap, fmt);
	msg->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	msg->tag = tag;
	msg->level = level;
	msg->effect = effect;
	g_ptr_array_add(report->msgs, msg);
	if (effect == PE_VERIFY_INVALID) {
		report->invalid = true;
	} else if (effect == PE_VERIFY_SUSPECT) {
		report->suspect = true;
	}
}

/* Lowest verbosity at which each level is shown: libxml2's own lines
 * always, errors from -V, warnings from -VV (pacemaker's log levels). */
static const int shown_from[] = {
	[PE_VERIFY_RAW] = 0,
	[PE_VERIFY_ERROR] = 1,
	[PE_VERIFY_WARNING] = 2,
};

static const char *const level_word[] = {
	[PE_VERIFY_RAW] = "",
	[PE_VERIFY_ERROR] = "error",
	[PE_VERIFY_WARNING] = "warning",
};

bool pe_verify_format(const struct pe_verify_msg *msg, int verbosity, GString *out)
{
	if (verbosity < shown_from[msg->level]) {
		return false;
	}
	if (msg->level == PE_VERIFY_RAW) {
		g_string_append_printf(out, "%s\n", msg->text);
	} else {
		g_string_append_printf(out, "(%s) \t%s: %s\n", msg->tag ? msg->tag : "main",
				       level_word[msg->level], msg->text);
	}
	return true;
}
