/*
 * Scores: how much the scheduler wants a resource somewhere (location,
 * colocation, stickiness), with the same text forms and arithmetic as
 * pacemaker, so existing CIBs place resources the same way.
 *
 * A score is an int in [-PCMK_SCORE_INFINITY, PCMK_SCORE_INFINITY].
 * Infinite scores absorb: -INFINITY wins over everything, including
 * +INFINITY (a ban beats a preference).
 */
#ifndef PCMK_COMMON_SCORES_H
#define PCMK_COMMON_SCORES_H

#include <stddef.h>

#define PCMK_SCORE_INFINITY 1000000

/* Room for any score as text, "-INFINITY" and "-2147483648" included. */
#define PCMK_SCORE_BUFSIZE 16

/* Set the scores that "red", "yellow" and "green" stand for (the
 * node-score-red/-yellow/-green cluster options; 0 until set).  Values
 * are clamped to +/-INFINITY. */
void pcmk_score_set_health(int red, int yellow, int green);

/* Score of @text, never failing, as pacemaker reads CIB scores:
 * NULL -> 0; "-INFINITY" -> -INFINITY; "INFINITY" or "+INFINITY" ->
 * INFINITY (exact case only); "red"/"yellow"/"green" in any case -> the
 * health scores; anything else is read like strtoll(): leading space and
 * a sign are accepted, trailing characters ignored ("10abc" -> 10), no
 * digits -> 0 (so "infinity" is 0).  The result is clamped to
 * +/-INFINITY. */
int pcmk_score_from_string(const char *text);

/* Strict form for validation: as pcmk_score_from_string(), but a number
 * must be the whole of @text (optional sign, digits, nothing else).
 * Returns 0 and stores the clamped score in *@score, or -EINVAL (with
 * *@score unchanged) when @text is NULL or not a score, so the caller can
 * name the bad value. */
int pcmk_score_parse_strict(const char *text, int *score);

/* @a + @b: -INFINITY when either is -INFINITY or less, else INFINITY when
 * either is INFINITY or more, else the sum clamped to +/-INFINITY. */
int pcmk_score_add(int a, int b);

/* Write @score into @buf of @size bytes (PCMK_SCORE_BUFSIZE always
 * suffices) as "INFINITY", "-INFINITY" or a decimal number; scores beyond
 * the limits print as the limit.  Returns @buf (owned by the caller). */
const char *pcmk_score_to_string(int score, char *buf, size_t size);

#endif /* PCMK_COMMON_SCORES_H */
