/*
 * date_expression: in_range (start, end or start + duration), gt, lt and
 * date_spec (cron-like ranges on calendar fields), against the rule
 * input's "now".
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <strings.h>

#include <crm/common/xml.h>

#include "pe_rules_private.h"

const char *const pe__duration_fields[] = {
	"years", "months", "weeks", "days", "hours", "minutes", "seconds", NULL,
};

/* Seconds per unit of each duration field after the first two. */
static const long long duration_seconds[] = { 0, 0, 7 * 86400, 86400, 3600, 60, 1 };

const char *const pe__date_spec_fields[] = {
	"years",    "months",    "monthdays", "hours",    "minutes", "seconds",
	"yeardays", "weekyears", "weeks",     "weekdays", "moon",    NULL,
};

/* Where each of pe__date_spec_fields is in struct pe_tm. */
static const size_t spec_offsets[] = {
	offsetof(struct pe_tm, year),     offsetof(struct pe_tm, month),
	offsetof(struct pe_tm, monthday), offsetof(struct pe_tm, hour),
	offsetof(struct pe_tm, minute),   offsetof(struct pe_tm, second),
	offsetof(struct pe_tm, yearday),  offsetof(struct pe_tm, weekyear),
	offsetof(struct pe_tm, week),     offsetof(struct pe_tm, weekday),
	offsetof(struct pe_tm, moon),
};

static int scan_number(const char *text, long long *value, const char **rest)
{
	char *end = NULL;

	errno = 0;
	*value = strtoll(text, &end, 10);
	*rest = end;
	return ((errno == 0) && (end != text)) ? 0 : -EINVAL;
}

int pe__rule_range_parse(const char *text, long long *low, long long *high)
{
	const char *rest;

	*low = *high = -1;
	if ((text == NULL) || (text[0] == '\0') || ((text[0] == '-') && (text[1] == '\0'))) {
		return -EINVAL;
	}
	if (text[0] == '-') {
		return ((scan_number(text + 1, high, &rest) == 0) && (rest[0] == '\0')) ? 0
											: -EINVAL;
	}
	if (scan_number(text, low, &rest) < 0) {
		return -EINVAL;
	}
	if (rest[0] == '\0') {
		*high = *low;
		return 0;
	}
	if (rest[0] != '-') {
		*low = -1;
		return -EINVAL;
	}
	if (rest[1] == '\0') {
		return 0; /* "N-": no upper bound */
	}
	return ((scan_number(rest + 1, high, &rest) == 0) && (rest[0] == '\0')) ? 0 : -EINVAL;
}

/* A field that is absent or does not parse places no restriction, as in
 * pacemaker (pe_rule_check() reports the latter). */
static bool field_in_range(const xmlNode *spec, const char *name, long long value)
{
	long long low, high;

	if (pe__rule_range_parse(pcmk_xml_attr(spec, name), &low, &high) < 0) {
		return true;
	}
	return ((low == -1) || (value >= low)) && ((high == -1) || (value <= high));
}

static bool date_spec_eval(const xmlNode *spec, struct pe_time now)
{
	struct pe_tm tm;

	pe_time_fields(now, &tm);
	for (size_t i = 0; pe__date_spec_fields[i] != NULL; i++) {
		const int *field = (const int *)((const char *)&tm + spec_offsets[i]);

		if (!field_in_range(spec, pe__date_spec_fields[i], *field)) {
			return false;
		}
	}
	return true;
}

int pe__rule_duration_field(const xmlNode *duration, const char *name, long long *value)
{
	const char *text = pcmk_xml_attr(duration, name);
	const char *rest;

	if (text == NULL) {
		return -ENOENT;
	}
	if ((scan_number(text, value, &rest) < 0) || (*value > INT_MAX) || (*value < INT_MIN)) {
		return -EINVAL;
	}
	return 0;
}

/* start + <duration>, each field applied in pacemaker's order; fields
 * that do not read as a number are skipped. */
static struct pe_time end_from_duration(struct pe_time start, const xmlNode *duration)
{
	struct pcmk_duration d = { 0, 0, 0 };

	for (int i = 0; pe__duration_fields[i] != NULL; i++) {
		long long value;

		if (pe__rule_duration_field(duration, pe__duration_fields[i], &value) < 0) {
			continue;
		}
		if (i == 0) {
			d.years = (int)value;
		} else if (i == 1) {
			d.months = (int)value;
		} else {
			d.seconds += value * duration_seconds[i];
		}
	}
	return pe_time_add(start, &d, 1);
}

/* A bound that does not parse counts as absent, as in pacemaker. */
static bool read_bound(const xmlNode *expr, const char *name, struct pe_time *t)
{
	const char *text = pcmk_xml_attr(expr, name);

	return (text != NULL) && (pe_time_parse(text, t) == 0);
}

bool pe__rule_date_eval(const xmlNode *expr, const struct pe_rule_input *in)
{
	const char *op = pcmk_xml_attr(expr, "operation");
	const xmlNode *duration = pcmk_xml_first_child(expr, "duration");
	struct pe_time start, end;
	bool has_start = read_bound(expr, "start", &start);
	bool has_end = read_bound(expr, "end", &end);

	if (has_start && !has_end && (duration != NULL)) {
		end = end_from_duration(start, duration);
		has_end = true;
	}
	if ((op == NULL) || (strcasecmp(op, "in_range") == 0)) {
		return (has_start || has_end) &&
		       !(has_start && (pe_time_compare(in->now, start) < 0)) &&
		       !(has_end && (pe_time_compare(in->now, end) > 0));
	}
	if (strcasecmp(op, "date_spec") == 0) {
		return date_spec_eval(pcmk_xml_first_child(expr, "date_spec"), in->now);
	}
	if (strcasecmp(op, "gt") == 0) {
		return has_start && (pe_time_compare(in->now, start) > 0);
	}
	if (strcasecmp(op, "lt") == 0) {
		return has_end && (pe_time_compare(in->now, end) < 0);
	}
	return false;
}
