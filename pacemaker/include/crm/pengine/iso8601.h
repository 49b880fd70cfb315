/*
 * ISO 8601 dates, times and durations for the scheduler's rules, read and
 * computed as pacemaker's crm_time does, so that date expressions in an
 * existing CIB take effect at the same moment (the real crm_rule is the
 * reference in the tests).
 *
 * A time is an instant (seconds since the Unix epoch, UTC) plus the zone
 * offset it was written with.  Calendar fields (hour, weekday, ...) and
 * month/year arithmetic use the time as seen in that offset, as pacemaker
 * does for date_spec and durations.  As in pacemaker, a date alone
 * ("2005-02-04") is UTC while a time without a zone is in the local zone
 * of this host (its offset today).
 *
 * Durations (struct pcmk_duration, their parser and intervals in
 * milliseconds) are libcrmcommon's: crm/common/duration.h.
 *
 * Nothing here allocates except pe_time_format(); nothing prints.
 */
#ifndef PE_ISO8601_H
#define PE_ISO8601_H

#include <stdbool.h>

#include <crm/common/duration.h>

struct pe_time {
	long long seconds; /* since 1970-01-01 00:00:00 UTC */
	int offset;        /* zone offset as written, seconds east of UTC */
};

/* A time broken into the fields rules test (date_spec). */
struct pe_tm {
	int year, month, monthday; /* month 1..12, monthday 1..31 */
	int hour, minute, second;
	int yearday;        /* 1..366 */
	int weekday;        /* 1 = Monday .. 7 = Sunday */
	int weekyear, week; /* ISO 8601 week-numbering year and week 1..53 */
	int moon;           /* phase 0..7, 0 new moon, 4 full moon */
};

/* Parse @text as crm_time does: "2005-02-04", "20050204", ordinal
 * "2005-035", week "2005-W05-5", each optionally followed by ' ' or 'T'
 * and a time "12", "12:30", "12:30:45", "123045" (24:00:00 is the next
 * midnight); the time may end in 'Z' or in spaces and a zone "+01:00",
 * "-0500", "+5" or "Z".  As in pacemaker, a zone glued to the time
 * ("12:00:00+01:00") is not read: the local zone applies.  "epoch" is
 * 1970-01-01 00:00:00Z, and a time alone ("T12:00", "12:00:00") is on
 * today's date.  Returns 0, or -EINVAL (with *@out unchanged) when @text
 * is NULL, empty, not one of these forms, or names an impossible date or
 * time (month 13, February 30, 25:00, zone text other than an offset). */
int pe_time_parse(const char *text, struct pe_time *out);

/* @t plus (@sign > 0) or minus (@sign < 0) @d, on the calendar date in
 * @t's offset: first the years, keeping the day of the year as pacemaker
 * does (2004-02-29 is day 60; a year later is 2005-03-01), then the
 * months, keeping the day of the month unless the new month is shorter
 * (Jan 31 + 1 month = Feb 28/29), then the seconds.  The offset of the
 * result is @t's. */
struct pe_time pe_time_add(struct pe_time t, const struct pcmk_duration *d, int sign);

/* @t in UTC as crm_simulate prints dates: "2005-02-04 11:00:00Z".
 * Returns a malloc'd string (caller frees), NULL when out of memory. */
char *pe_time_format(struct pe_time t);

/* Break @t into calendar fields in its own offset. */
void pe_time_fields(struct pe_time t, struct pe_tm *fields);

/* The instant @seconds (since the epoch) with the offset the local zone
 * had then, as pacemaker reads a CIB's execution-date. */
struct pe_time pe_time_from_epoch(long long seconds);

/* The current time in the local zone. */
struct pe_time pe_time_now(void);

/* Compare two instants: <0, 0, >0 (offsets do not matter). */
int pe_time_compare(struct pe_time a, struct pe_time b);

/* Calendar helpers (proleptic Gregorian). */
bool pe_leap_year(long long year);
int pe_days_in_month(long long year, int month);
/* Days from 1970-01-01 to @year-@month-@day (negative before). */
long long pe_days_from_date(long long year, int month, int day);
/* Day of the week of day number @days: 1 = Monday .. 7 = Sunday. */
int pe_weekday_from_days(long long days);
/* 53 when the year has 53 ISO weeks (it starts on a Thursday, or is a
 * leap year starting on a Wednesday), else 52. */
int pe_weeks_in_year(long long year);

#endif /* PE_ISO8601_H */
