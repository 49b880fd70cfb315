/*
 * Rate limiting for log lines about bad input: a flood of garbage must
 * not flood the log, yet the admin must learn that it happens and how
 * much of it was suppressed.
 */
#ifndef CS_RATELIMIT_H
#define CS_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct cs_ratelimit {
	time_t last;         /* when a line was last let through */
	uint64_t suppressed; /* events since then that were not logged */
};

/* Whether to log this event: at most one line per @interval seconds.  When
 * it returns true, *@suppressed says how many events were held back since
 * the last line (to mention in it). */
static inline bool cs_ratelimit_allow(struct cs_ratelimit *r, time_t interval, uint64_t *suppressed)
{
	time_t now = time(NULL);

	if (r->last != 0 && now - r->last < interval) {
		r->suppressed++;
		return false;
	}
	*suppressed = r->suppressed;
	r->suppressed = 0;
	r->last = now;
	return true;
}

#endif
