/*
 * Calendar arithmetic on struct pe_time: fields, adding durations,
 * printing.  Times are kept as instants so that comparing them is
 * trivial; calendar work happens on the local day number and the second
 * of that day in the time's own offset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <crm/pengine/iso8601.h>

#define DAY_SECONDS 86400LL

bool pe_leap_year(long long year)
{
	return (year % 4 == 0) && ((year % 100 != 0) || (year % 400 == 0));
}

int pe_days_in_month(long long year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if ((month < 1) || (month > 12)) {
		return 0;
	}
	return days[month - 1] + (((month == 2) && pe_leap_year(year)) ? 1 : 0);
}

/* Floor division, so that days before 1970 map to the right date. */
static long long floor_div(long long a, long long b)
{
	return (a / b) - (((a % b) != 0) && ((a < 0) != (b < 0)));
}

/* Counting years from March makes the leap day the last day of the year,
 * and 400-year eras repeat exactly: the usual way to do this without
 * tables or loops. */
long long pe_days_from_date(long long year, int month, int day)
{
	long long y = year - (month <= 2);
	long long era = floor_div(y, 400);
	long long yoe = y - era * 400;
	long long mp = (month + 9) % 12; /* March = 0 */
	long long doy = (153 * mp + 2) / 5 + day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void date_from_days(long long days, long long *year, int *month, int *day)
{
	long long z = days + 719468;
	long long era = floor_div(z, 146097);
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)((mp < 10) ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (*month <= 2);
}

/* 1970-01-01 was a Thursday. */
int pe_weekday_from_days(long long days)
{
	return (int)(((days + 3) % 7 + 7) % 7) + 1;
}

int pe_weeks_in_year(long long year)
{
	int jan1 = pe_weekday_from_days(pe_days_from_date(year, 1, 1));

	return ((jan1 == 4) || ((jan1 == 3) && pe_leap_year(year))) ? 53 : 52;
}

static void iso_week(struct pe_tm *f)
{
	int week = (f->yearday - f->weekday + 10) / 7;

	f->weekyear = f->year;
	if (week < 1) {
		f->weekyear--;
		week = pe_weeks_in_year(f->weekyear);
	} else if (week > pe_weeks_in_year(f->year)) {
		f->weekyear++;
		week = 1;
	}
	f->week = week;
}

/* Pacemaker's moon phase: an approximation from the golden number of the
 * Metonic cycle and the day of the year (0 new .. 4 full .. 7). */
static int moon_phase(long long year, int yearday)
{
	int golden = (int)(((year % 19) + 19) % 19) + 1;
	int epact = (11 * golden + 18) % 30;

	if (((epact == 25) && (golden > 11)) || (epact == 24)) {
		epact++;
	}
	return ((((yearday + epact) * 6) + 11) % 177) / 22 & 7;
}

void pe_time_fields(struct pe_time t, struct pe_tm *f)
{
	long long local = t.seconds + t.offset;
	long long days = floor_div(local, DAY_SECONDS);
	long long sod = local - days * DAY_SECONDS;
	long long year;

	date_from_days(days, &year, &f->month, &f->monthday);
	f->year = (int)year;
	f->hour = (int)(sod / 3600);
	f->minute = (int)(sod / 60 % 60);
	f->second = (int)(sod % 60);
	f->yearday = (int)(days - pe_days_from_date(year, 1, 1)) + 1;
	f->weekday = pe_weekday_from_days(days);
	iso_week(f);
	f->moon = moon_phase(year, f->yearday);
}

static struct pe_time add_months(struct pe_time t, long long months)
{
	long long local = t.seconds + t.offset;
	long long days = floor_div(local, DAY_SECONDS);
	long long sod = local - days * DAY_SECONDS;
	long long year, index;
	int month, day;

	date_from_days(days, &year, &month, &day);
	index = year * 12 + (month - 1) + months;
	year = floor_div(index, 12);
	month = (int)(index - year * 12) + 1;
	if (day > pe_days_in_month(year, month)) {
		day = pe_days_in_month(year, month);
	}
	t.seconds = pe_days_from_date(year, month, day) * DAY_SECONDS + sod - t.offset;
	return t;
}

/* Pacemaker adds years to the year number and keeps the day of the year
 * (2004-02-29, day 60, plus a year is 2005-03-01), so that is done here
 * too: rules must take effect at the same moment as there. */
static struct pe_time add_years(struct pe_time t, long long years)
{
	long long local = t.seconds + t.offset;
	long long days = floor_div(local, DAY_SECONDS);
	long long sod = local - days * DAY_SECONDS;
	long long year, yday;
	int month, day;

	date_from_days(days, &year, &month, &day);
	yday = days - pe_days_from_date(year, 1, 1);
	t.seconds = (pe_days_from_date(year + years, 1, 1) + yday) * DAY_SECONDS + sod - t.offset;
	return t;
}

struct pe_time pe_time_add(struct pe_time t, const struct pcmk_duration *d, int sign)
{
	long long dir = (sign < 0) ? -1 : 1;

	if (d == NULL) {
		return t;
	}
	/* years, months, then the rest: the order pacemaker applies a
	 * <duration> in */
	if (d->years != 0) {
		t = add_years(t, dir * d->years);
	}
	if (d->months != 0) {
		t = add_months(t, dir * d->months);
	}
	t.seconds += dir * d->seconds;
	return t;
}

char *pe_time_format(struct pe_time t)
{
	struct pe_tm f;
	char *text = NULL;

	t.offset = 0;
	pe_time_fields(t, &f);
	if (asprintf(&text, "%04d-%02d-%02d %02d:%02d:%02dZ", f.year, f.month, f.monthday, f.hour,
		     f.minute, f.second) < 0) {
		return NULL;
	}
	return text;
}

struct pe_time pe_time_from_epoch(long long seconds)
{
	struct pe_time t = { .seconds = seconds, .offset = 0 };
	time_t when = (time_t)seconds;
	struct tm tm;

	/* Pacemaker keeps whole minutes of the zone offset. */
	if (localtime_r(&when, &tm) != NULL) {
		t.offset = (int)(tm.tm_gmtoff / 60 * 60);
	}
	return t;
}

struct pe_time pe_time_now(void)
{
	return pe_time_from_epoch((long long)time(NULL));
}

int pe_time_compare(struct pe_time a, struct pe_time b)
{
	return (a.seconds > b.seconds) - (a.seconds < b.seconds);
}
