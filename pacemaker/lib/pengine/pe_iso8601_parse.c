/*
 * Reading ISO 8601 dates and times the way pacemaker's crm_time does,
 * so that a CIB means the same instant to both.  Pacemaker silently
 * ignores trailing junk; here it is an error, so that a typo in a date
 * expression is reported instead of read as something else.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <crm/pengine/iso8601.h>

#define DAY_SECONDS 86400LL

/* A date/time being read: the local day number, second of that day and
 * zone offset. */
struct parsed {
	long long days;
	long long sod;
	int offset;
};

/* Read up to @max digits at *@p into *@out; returns how many were read. */
static int read_digits(const char **p, int max, long long *out)
{
	int n = 0;

	*out = 0;
	while ((n < max) && isdigit((unsigned char)(*p)[0])) {
		*out = *out * 10 + ((*p)[0] - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* The offset the local zone has now: pacemaker applies today's offset to
 * every time written without a zone. */
static int local_offset(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL) {
		return 0;
	}
	return (int)(tm.tm_gmtoff / 60 * 60);
}

static int gregorian(long long y, long long m, long long d, long long *days)
{
	if ((m < 1) || (m > 12) || (d < 1) || (d > pe_days_in_month(y, (int)m))) {
		return -EINVAL;
	}
	*days = pe_days_from_date(y, (int)m, (int)d);
	return 0;
}

static int ordinal(long long y, long long d, long long *days)
{
	if ((d < 1) || (d > (pe_leap_year(y) ? 366 : 365))) {
		return -EINVAL;
	}
	*days = pe_days_from_date(y, 1, 1) + d - 1;
	return 0;
}

/* Week 1 is the week with the year's first Thursday; day 1 is Monday. */
static int week_date(long long y, long long w, long long d, long long *days)
{
	long long jan1 = pe_days_from_date(y, 1, 1);
	int jan1_wday = pe_weekday_from_days(jan1);
	long long monday1 = jan1 + ((jan1_wday <= 4) ? 1 - jan1_wday : 8 - jan1_wday);

	if ((w < 1) || (w > pe_weeks_in_year(y)) || (d < 1) || (d > 7)) {
		return -EINVAL;
	}
	*days = monday1 + (w - 1) * 7 + (d - 1);
	return 0;
}

/* "YYYY-Www-D" after "YYYY-" has been read. */
static int parse_week_form(const char **p, long long year, long long *days)
{
	long long w, d;

	(*p)++; /* 'W' */
	if ((read_digits(p, 9, &w) == 0) || ((*p)[0] != '-')) {
		return -EINVAL;
	}
	(*p)++;
	if (read_digits(p, 9, &d) == 0) {
		return -EINVAL;
	}
	return week_date(year, w, d, days);
}

/* The date part: "Y-M-D", "YYYYMMDD", "Y-DDD" or "Y-Www-D". */
static int parse_date_part(const char **p, long long *days)
{
	long long a, b, c;
	int n = read_digits(p, 9, &a);

	if (n == 0) {
		return -EINVAL;
	}
	if ((*p)[0] != '-') {
		if (n != 8) {
			return -EINVAL;
		}
		return gregorian(a / 10000, a / 100 % 100, a % 100, days);
	}
	(*p)++;
	if ((*p)[0] == 'W') {
		return parse_week_form(p, a, days);
	}
	if (read_digits(p, 9, &b) == 0) {
		return -EINVAL;
	}
	if ((*p)[0] != '-') {
		return ordinal(a, b, days);
	}
	(*p)++;
	if (read_digits(p, 9, &c) == 0) {
		return -EINVAL;
	}
	return gregorian(a, b, c, days);
}

/* "H", "H:M", "H:M:S" or up to six digits "HHMMSS", as seconds of the
 * day; 24:00:00 is allowed (the next midnight). */
static int parse_clock(const char **p, long long *sod)
{
	long long h, m = 0, s = 0, run;
	const char *start = *p;
	int n = read_digits(p, 6, &run);

	if (n == 0) {
		return -EINVAL;
	}
	if ((*p)[0] == ':') {
		h = run;
		(*p)++;
		if (read_digits(p, 9, &m) == 0) {
			return -EINVAL;
		}
		if ((*p)[0] == ':') {
			(*p)++;
			if (read_digits(p, 9, &s) == 0) {
				return -EINVAL;
			}
		}
	} else if (n > 2) {
		/* compact form, two digits per field from the left */
		long long pad[3] = { 0, 0, 0 };

		for (int i = 0; i < n; i++) {
			pad[i / 2] = pad[i / 2] * 10 + (start[i] - '0');
		}
		h = pad[0];
		m = pad[1];
		s = pad[2];
	} else {
		h = run;
	}
	if ((m >= 60) || (s >= 60) || ((h >= 24) && !((h == 24) && (m == 0) && (s == 0)))) {
		return -EINVAL;
	}
	*sod = h * 3600 + m * 60 + s;
	return 0;
}

/* A zone offset: "Z", or an optional sign and a clock value. */
static int parse_offset(const char **p, int *offset)
{
	long long value;
	int sign = 1;

	if ((*p)[0] == 'Z') {
		(*p)++;
		*offset = 0;
		return 0;
	}
	if (((*p)[0] == '+') || ((*p)[0] == '-')) {
		sign = ((*p)[0] == '-') ? -1 : 1;
		(*p)++;
	}
	if ((parse_clock(p, &value) < 0) || (value >= DAY_SECONDS)) {
		return -EINVAL;
	}
	*offset = (int)(sign * value);
	return 0;
}

/* What follows the clock: nothing (local zone), 'Z', spaces and an
 * offset, or a glued "+hh:mm" that pacemaker does not read. */
static int parse_zone(const char **p, int *offset)
{
	int ignored;

	*offset = local_offset();
	if (((*p)[0] == '.') || ((*p)[0] == ',')) {
		long long fraction;

		(*p)++;
		if (read_digits(p, 18, &fraction) == 0) {
			return -EINVAL;
		}
	}
	if ((*p)[0] == 'Z') {
		return parse_offset(p, offset);
	}
	if (isspace((unsigned char)(*p)[0])) {
		while (isspace((unsigned char)(*p)[0])) {
			(*p)++;
		}
		return ((*p)[0] == '\0') ? 0 : parse_offset(p, offset);
	}
	if (((*p)[0] == '+') || ((*p)[0] == '-')) {
		return parse_offset(p, &ignored);
	}
	return 0;
}

static int parse_time_part(const char **p, struct parsed *out)
{
	int rc = parse_clock(p, &out->sod);

	if (rc == 0) {
		rc = parse_zone(p, &out->offset);
	}
	if (out->sod == DAY_SECONDS) {
		out->sod = 0;
		out->days++;
	}
	return rc;
}

static void today(struct parsed *out)
{
	int offset = local_offset();
	long long local = (long long)time(NULL) + offset;

	out->days = local / DAY_SECONDS;
	out->sod = local % DAY_SECONDS;
	out->offset = offset;
}

static int parse_any(const char *text, struct parsed *out)
{
	const char *p = text;
	int rc;

	if ((text[0] == 'T') || ((strlen(text) > 2) && (text[2] == ':'))) {
		today(out);
		p += (text[0] == 'T');
		rc = parse_time_part(&p, out);
	} else {
		rc = parse_date_part(&p, &out->days);
		out->sod = 0;
		out->offset = 0; /* pacemaker: a date alone is UTC, a time local */
		if ((rc == 0) && ((p[0] == ' ') || (p[0] == 'T'))) {
			p++;
			rc = parse_time_part(&p, out);
		}
	}
	while ((rc == 0) && isspace((unsigned char)p[0])) {
		p++;
	}
	return ((rc == 0) && (p[0] == '\0')) ? 0 : -EINVAL;
}

int pe_time_parse(const char *text, struct pe_time *out)
{
	struct parsed parsed = { 0, 0, 0 };

	if ((text == NULL) || (out == NULL) || (text[0] == '\0')) {
		return -EINVAL;
	}
	if ((strncasecmp(text, "epoch", 5) == 0) && (text[5 + strspn(text + 5, " \t")] == '\0')) {
		out->seconds = 0;
		out->offset = 0;
		return 0;
	}
	if (parse_any(text, &parsed) < 0) {
		return -EINVAL;
	}
	out->seconds = parsed.days * DAY_SECONDS + parsed.sod - parsed.offset;
	out->offset = parsed.offset;
	return 0;
}
