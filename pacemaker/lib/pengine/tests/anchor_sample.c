/* Sampling of anchor-wide tests under valgrind (anchor_sample.h). */
#include <stdlib.h>

#include "anchor_sample.h"

/* One case in this many runs under valgrind. */
#define SAMPLE_EVERY 25

void anchor_sample_init(struct anchor_sample *s)
{
	s->sampling = getenv("CHECK_UNDER_VALGRIND") != NULL;
	s->seen = 0;
}

bool anchor_sample_take(struct anchor_sample *s)
{
	return !s->sampling || (s->seen++ % SAMPLE_EVERY) == 0;
}
