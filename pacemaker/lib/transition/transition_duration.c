/*
 * Durations in the graph header (cluster-delay, stonith-timeout) in the
 * forms pacemaker writes and accepts: a number with an optional unit
 * ("60s", "500ms", "2min", bare numbers are seconds) or ISO 8601
 * ("PT1M30S", "P1D").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <glib.h>

#include "transition_private.h"

static const struct {
	const char *unit;
	long long ms;
} units[] = {
	{ "", 1000 },     { "s", 1000 },    { "sec", 1000 },   { "ms", 1 },
	{ "msec", 1 },    { "us", 0 },      { "usec", 0 },     { "m", 60000 },
	{ "min", 60000 }, { "h", 3600000 }, { "hr", 3600000 },
};

static long long simple_duration(const char *text)
{
	char *end = NULL;
	long long n = strtoll(text, &end, 10);

	if (end == text || n < 0) {
		return -1;
	}
	while (isspace((unsigned char)*end)) {
		end++;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(units); i++) {
		if (strcasecmp(end, units[i].unit) == 0) {
			/* Microseconds round down to whole milliseconds. */
			return (units[i].ms == 0) ? n / 1000 : n * units[i].ms;
		}
	}
	return -1;
}

/* ISO 8601 "P[nD]T[nH][nM][nS]" (the date part only as days). */
static long long iso_duration(const char *text)
{
	static const char designators[] = "DHMS";
	static const long long scale[] = { 86400000, 3600000, 60000, 1000 };
	long long total = 0;
	bool in_time = false;
	const char *p = text + 1;

	while (*p != '\0') {
		char *end = NULL;
		long long n;
		const char *d;

		if (*p == 'T' && !in_time) {
			in_time = true;
			p++;
			continue;
		}
		n = strtoll(p, &end, 10);
		d = (end == p || *end == '\0') ? NULL : strchr(designators, *end);
		if (d == NULL || n < 0 || (*d == 'D') == in_time) {
			return -1;
		}
		total += n * scale[d - designators];
		p = end + 1;
	}
	return (p == text + 1) ? -1 : total;
}

long long transition_parse_duration(const char *text)
{
	if (text == NULL || *text == '\0') {
		return -1;
	}
	return (*text == 'P') ? iso_duration(text) : simple_duration(text);
}
