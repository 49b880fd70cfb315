/*
 * The meatware confirmation record, shared by the library's confirm call and
 * the meatware plugin that waits for it.
 */
#ifndef STONITH_ST_MEATWARE_H
#define STONITH_ST_MEATWARE_H

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Size of one confirmation record written to the FIFO. */
#define ST_MEATWARE_MSGLEN 256
#define ST_MEATWARE_PREFIX "meatware reply "

/* Fill BUF (LEN bytes, zero-padded) with the record confirming NODE. */
static inline int st_meatware_format(char *buf, size_t len, const char *node)
{
	size_t prefix = strlen(ST_MEATWARE_PREFIX);
	int n;

	memset(buf, 0, len);
	n = snprintf(buf, len, "%s%s", ST_MEATWARE_PREFIX, node);
	if (n < 0 || (size_t)n >= len) {
		return -ENAMETOOLONG;
	}
	for (char *p = buf + prefix; *p; p++) {
		*p = (char)tolower((unsigned char)*p);
	}
	return 0;
}

#endif /* STONITH_ST_MEATWARE_H */
