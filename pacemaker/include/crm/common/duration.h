/*
 * Durations as pacemaker reads them: ISO 8601 durations ("P1Y2M3DT4H",
 * "PT10S"), kept as calendar units for date arithmetic, and the
 * milliseconds of an operation interval, a timeout or a delay ("10",
 * "10s", "500ms", "5min", "1h", "2us", or ISO 8601).  The scheduler's
 * rules, its intervals and timeouts and the transition graph's delays
 * all read durations here, so that one text means one thing everywhere.
 *
 * Nothing here allocates, logs or prints; results go to caller storage.
 */
#ifndef PCMK_COMMON_DURATION_H
#define PCMK_COMMON_DURATION_H

/* Years and months are calendar units (their length depends on the date
 * they are added to); everything else is in @seconds. */
struct pcmk_duration {
	int years, months;
	long long seconds;
};

/* Parse an ISO 8601 duration: 'P' then signed numbers with units Y, M
 * (months, or minutes after 'T'), W, D, H, S, in any order
 * ("P1Y2M3DT4H5M6S", "PT10M", "P2W").  Parsing stops at '/' or white
 * space.  Returns 0 with *@out set, or -EINVAL (with *@out unchanged)
 * when @text or @out is NULL, @text lacks the 'P', has a number without
 * a unit or an unknown unit, or holds no amount at all. */
int pcmk_duration_parse(const char *text, struct pcmk_duration *out);

/* The milliseconds of an interval or timeout, as pacemaker reads one:
 * an ISO 8601 duration (a month counts 30 days, a year 365), or a number
 * with an optional unit.  Leading and trailing white space is allowed,
 * digits are read up to the first non-digit ("1.5s" is 1 s), and the
 * unit is matched by its first letters in this order: "ms" (msec), "us"
 * (usec, rounded down to whole milliseconds), "s" (sec), "m" (min), "h"
 * (hr), case-insensitively, so "10seconds" and "5mins" read too; no unit
 * means seconds.  Plain values beyond LLONG_MAX are capped.  Returns 0
 * with *@ms >= 0, or -EINVAL (with *@ms unchanged) when @text or @ms is
 * NULL, @text is neither form, or the duration is negative ("-5s",
 * "PT-5S"). */
int pcmk_parse_ms(const char *text, long long *ms);

/* As pcmk_parse_ms(), capped at UINT_MAX, as pacemaker stores an
 * operation's interval. */
int pcmk_parse_interval_ms(const char *text, unsigned int *ms);

/* The milliseconds of @text as pcmk_parse_ms() reads them, or @dflt when
 * it does not read (NULL included): for callers with a fallback. */
long long pcmk_parse_ms_or(const char *text, long long dflt);

#endif /* PCMK_COMMON_DURATION_H */
