/*
 * ISO 8601 durations ("P1Y2M3DT4H", "PT10S") and the milliseconds of
 * intervals and timeouts ("10s", "1min", "PT10S"), read with pacemaker's
 * rules (crm/common/duration.h).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/common/duration.h>

#define DAY_SECONDS 86400LL
#define N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))

/* A signed number of at most 10 digits, as pacemaker reads an amount. */
static int read_amount(const char **p, long long *out)
{
	long long sign = 1, value = 0;
	int n = 0;

	if (((*p)[0] == '-') || ((*p)[0] == '+')) {
		sign = ((*p)[0] == '-') ? -1 : 1;
		(*p)++;
	}
	while ((n < 10) && isdigit((unsigned char)(*p)[0])) {
		value = value * 10 + ((*p)[0] - '0');
		(*p)++;
		n++;
	}
	*out = sign * value;
	return (n > 0) ? 0 : -EINVAL;
}

/* Apply @amount of @unit; 'M' means minutes once 'T' has been seen. */
static int apply_unit(struct pcmk_duration *d, char unit, long long amount, bool in_time)
{
	switch (unit) {
	case 'Y':
	case 'M':
		if ((unit == 'M') && in_time) {
			d->seconds += amount * 60;
		} else if ((amount > INT_MAX) || (amount < INT_MIN)) {
			return -EINVAL;
		} else if (unit == 'Y') {
			d->years = (int)amount;
		} else {
			d->months = (int)amount;
		}
		return 0;
	case 'W':
		d->seconds += amount * 7 * DAY_SECONDS;
		return 0;
	case 'D':
		d->seconds += amount * DAY_SECONDS;
		return 0;
	case 'H':
		d->seconds += amount * 3600;
		return 0;
	case 'S':
		d->seconds += amount;
		return 0;
	default:
		return -EINVAL;
	}
}

int pcmk_duration_parse(const char *text, struct pcmk_duration *out)
{
	struct pcmk_duration d = { 0, 0, 0 };
	bool in_time = false;
	int amounts = 0;

	if ((text == NULL) || (out == NULL) || (text[0] != 'P')) {
		return -EINVAL;
	}
	for (const char *p = text + 1;
	     (p[0] != '\0') && (p[0] != '/') && !isspace((unsigned char)p[0]);) {
		long long amount;

		if (p[0] == 'T') {
			in_time = true;
			p++;
			continue;
		}
		if ((read_amount(&p, &amount) < 0) || (apply_unit(&d, p[0], amount, in_time) < 0)) {
			return -EINVAL;
		}
		p++;
		amounts++;
	}
	if (amounts == 0) {
		return -EINVAL;
	}
	*out = d;
	return 0;
}

/* Units of a plain interval, matched by prefix in this order (so "ms"
 * wins over "m", and "min", "sec", "hr" all match), as pacemaker does. */
static const struct {
	const char *prefix;
	long long multiplier, divisor;
} plain_units[] = {
	{ "ms", 1, 1 },        { "us", 1, 1000 },       { "s", 1000, 1 },
	{ "m", 60 * 1000, 1 }, { "h", 3600 * 1000, 1 },
};

static int plain_ms(const char *text, long long *ms)
{
	const char *num = text + strspn(text, " \t\r\n");
	size_t len = strspn(num, "0123456789.");
	const char *unit = num + len;
	long long mult = 1000, div = 1, value;
	char *end = NULL;

	if (len == 0) {
		return -EINVAL;
	}
	unit += strspn(unit, " \t");
	if ((unit[0] != '\0') && (unit[0] != '\r') && (unit[0] != '\n')) {
		size_t i;

		for (i = 0; i < N_ELEMENTS(plain_units); i++) {
			const char *prefix = plain_units[i].prefix;

			if (strncasecmp(unit, prefix, strlen(prefix)) == 0) {
				break;
			}
		}
		if (i == N_ELEMENTS(plain_units)) {
			return -EINVAL;
		}
		mult = plain_units[i].multiplier;
		div = plain_units[i].divisor;
	}
	errno = 0;
	value = strtoll(num, &end, 10); /* "1.5s" counts as 1s, as in pacemaker */
	if (end == num) {
		return -EINVAL; /* ".5s": no digit before the point */
	}
	*ms = (errno == ERANGE || value > LLONG_MAX / mult) ? LLONG_MAX : value * mult / div;
	return 0;
}

/* An ISO duration in milliseconds with 30-day months and 365-day years
 * (a fixed length is all an interval can have). */
static int iso_ms(const char *text, long long *ms)
{
	struct pcmk_duration d;
	long long seconds;

	if (pcmk_duration_parse(text, &d) < 0) {
		return -EINVAL;
	}
	seconds = (long long)d.years * 365 * DAY_SECONDS + (long long)d.months * 30 * DAY_SECONDS +
		  d.seconds;
	if ((seconds > LLONG_MAX / 1000) || (seconds < LLONG_MIN / 1000)) {
		*ms = (seconds < 0) ? -1 : LLONG_MAX;
	} else {
		*ms = seconds * 1000;
	}
	return 0;
}

int pcmk_parse_ms(const char *text, long long *ms)
{
	long long value;

	if ((text == NULL) || (ms == NULL)) {
		return -EINVAL;
	}
	if (((text[0] == 'P') ? iso_ms(text, &value) : plain_ms(text, &value)) < 0) {
		return -EINVAL;
	}
	if (value < 0) {
		return -EINVAL;
	}
	*ms = value;
	return 0;
}

int pcmk_parse_interval_ms(const char *text, unsigned int *ms)
{
	long long value;

	if ((ms == NULL) || (pcmk_parse_ms(text, &value) < 0)) {
		return -EINVAL;
	}
	*ms = (value >= UINT_MAX) ? UINT_MAX : (unsigned int)value;
	return 0;
}

long long pcmk_parse_ms_or(const char *text, long long dflt)
{
	long long ms;

	return (pcmk_parse_ms(text, &ms) == 0) ? ms : dflt;
}
