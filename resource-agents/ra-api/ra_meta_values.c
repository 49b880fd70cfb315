/*
 * The syntaxes of values in meta-data: durations, booleans, integers.
 * They follow what resource managers accept, so a value that passes here
 * is one a manager will not reject.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ra_meta.h"

struct unit {
	const char *suffix;
	uint64_t ms_per; /* multiplier, or 0 with div set */
	uint64_t div;    /* divisor for units smaller than a millisecond */
};

static const struct unit units[] = {
	{ "", 1000, 0 },     { "s", 1000, 0 },    { "sec", 1000, 0 },   { "ms", 1, 0 },
	{ "msec", 1, 0 },    { "us", 0, 1000 },   { "usec", 0, 1000 },  { "m", 60000, 0 },
	{ "min", 60000, 0 }, { "h", 3600000, 0 }, { "hr", 3600000, 0 },
};

static const struct unit *unit_find(const char *suffix)
{
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(units[i].suffix, suffix) == 0)
			return &units[i];
	}
	return NULL;
}

int ra_duration_parse(const char *text, uint64_t *ms)
{
	const struct unit *u;
	unsigned long long n;
	char *end;

	if (text == NULL || !isdigit((unsigned char)text[0]))
		return -EINVAL;
	errno = 0;
	n = strtoull(text, &end, 10);
	if (errno != 0)
		return -EINVAL;
	u = unit_find(end);
	if (u == NULL)
		return -EINVAL;
	if (u->div != 0) {
		*ms = n / u->div;
		return 0;
	}
	if (n > UINT64_MAX / u->ms_per)
		return -EINVAL;
	*ms = n * u->ms_per;
	return 0;
}

int ra_is_boolean(const char *text)
{
	static const char *const words[] = { "true", "false", "yes", "no", "on",
					     "off",  "y",     "n",   "1",  "0" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcasecmp(text, words[i]) == 0)
			return 1;
	}
	return 0;
}

int ra_is_integer(const char *text)
{
	const char *p = text;
	char *end;

	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	errno = 0;
	(void)strtoll(text, &end, 10);
	return errno == 0 && *end == '\0';
}
