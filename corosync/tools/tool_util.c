/*
 * Helpers shared by the corosync tools.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "tool_util.h"

int tool_strtonum(const char *s, long long min, long long max, long long *out)
{
	char *end;

	if (s == NULL || *s == '\0') {
		return -EINVAL;
	}
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int tool_addr_text(const corosync_cfg_node_address_t *addr, char *buf, size_t len)
{
	const struct sockaddr *sa = (const struct sockaddr *)addr->address;
	const void *raw;

	if (sa->sa_family == AF_INET6) {
		raw = &((const struct sockaddr_in6 *)addr->address)->sin6_addr;
	} else if (sa->sa_family == AF_INET) {
		raw = &((const struct sockaddr_in *)addr->address)->sin_addr;
	} else {
		return -EAFNOSUPPORT;
	}
	return inet_ntop(sa->sa_family, raw, buf, (socklen_t)len) != NULL ? 0 : -errno;
}
