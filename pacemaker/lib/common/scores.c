/*
 * Score parsing, arithmetic and printing with pacemaker's semantics.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/common/scores.h>

/* Node-health scores, changed only when the scheduler unpacks the
 * cluster options. */
static int health_red;
static int health_yellow;
static int health_green;

struct named_score {
	const char *name;
	bool any_case;
	const int *value;
};

static const int minus_infinity = -PCMK_SCORE_INFINITY;
static const int plus_infinity = PCMK_SCORE_INFINITY;

static const struct named_score named_scores[] = {
	{ "-INFINITY", false, &minus_infinity },
	{ "INFINITY", false, &plus_infinity },
	{ "+INFINITY", false, &plus_infinity },
	{ "red", true, &health_red },
	{ "yellow", true, &health_yellow },
	{ "green", true, &health_green },
	{ NULL, false, NULL },
};

static int clamp(long long value)
{
	if (value > PCMK_SCORE_INFINITY) {
		return PCMK_SCORE_INFINITY;
	}
	if (value < -PCMK_SCORE_INFINITY) {
		return -PCMK_SCORE_INFINITY;
	}
	return (int)value;
}

void pcmk_score_set_health(int red, int yellow, int green)
{
	health_red = clamp(red);
	health_yellow = clamp(yellow);
	health_green = clamp(green);
}

static const struct named_score *lookup(const char *text)
{
	for (const struct named_score *n = named_scores; n->name != NULL; n++) {
		if (n->any_case ? strcasecmp(text, n->name) == 0 : strcmp(text, n->name) == 0) {
			return n;
		}
	}
	return NULL;
}

int pcmk_score_from_string(const char *text)
{
	const struct named_score *named;

	if (text == NULL) {
		return 0;
	}
	named = lookup(text);
	if (named != NULL) {
		return *named->value;
	}
	/* strtoll() already gives 0 without digits and LLONG_MIN/MAX when out
	 * of range; both then clamp as wanted. */
	return clamp(strtoll(text, NULL, 10));
}

int pcmk_score_parse_strict(const char *text, int *score)
{
	const struct named_score *named;
	const char *digits;
	char *end = NULL;
	long long value;

	if (text == NULL) {
		return -EINVAL;
	}
	named = lookup(text);
	if (named != NULL) {
		*score = *named->value;
		return 0;
	}
	digits = (text[0] == '-' || text[0] == '+') ? text + 1 : text;
	if (!isdigit((unsigned char)digits[0])) {
		return -EINVAL;
	}
	value = strtoll(text, &end, 10);
	if (*end != '\0') {
		return -EINVAL;
	}
	*score = clamp(value);
	return 0;
}

int pcmk_score_add(int a, int b)
{
	if (a <= -PCMK_SCORE_INFINITY || b <= -PCMK_SCORE_INFINITY) {
		return -PCMK_SCORE_INFINITY;
	}
	if (a >= PCMK_SCORE_INFINITY || b >= PCMK_SCORE_INFINITY) {
		return PCMK_SCORE_INFINITY;
	}
	/* Both are inside the limits here, so the int sum cannot overflow. */
	return clamp((long long)a + b);
}

const char *pcmk_score_to_string(int score, char *buf, size_t size)
{
	if (score >= PCMK_SCORE_INFINITY) {
		snprintf(buf, size, "INFINITY");
	} else if (score <= -PCMK_SCORE_INFINITY) {
		snprintf(buf, size, "-INFINITY");
	} else {
		snprintf(buf, size, "%d", score);
	}
	return buf;
}
