/*
 * Which cases of an anchor-wide test run.  A whole run takes every
 * scheduler case; under valgrind (make check-memcheck sets
 * CHECK_UNDER_VALGRIND) every 25th is enough to find memory errors, and
 * the floors on how many cases match, which are for whole runs, do not
 * apply.
 */
#ifndef PE_TEST_ANCHOR_SAMPLE_H
#define PE_TEST_ANCHOR_SAMPLE_H

#include <stdbool.h>

struct anchor_sample {
	bool sampling; /* under valgrind: only some cases run */
	unsigned int seen;
};

/* Start choosing cases, as the environment says. */
void anchor_sample_init(struct anchor_sample *s);

/* Whether the next case runs (each call counts one case). */
bool anchor_sample_take(struct anchor_sample *s);

#endif /* PE_TEST_ANCHOR_SAMPLE_H */
