/*
 * Small text helpers shared by crm_mon's writers: list items, dates and
 * intervals as pacemaker writes them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crm_mon.h"

void mon_item(GString *out, int depth, const char *fmt, ...)
{
	va_list ap;

	for (int i = 1; i < depth; i++) {
		g_string_append(out, "  ");
	}
	if (depth > 0) {
		g_string_append(out, "  * ");
	}
	va_start(ap, fmt);
	g_string_append_vprintf(out, fmt, ap);
	va_end(ap);
	g_string_append_c(out, '\n');
}

void mon_time_text(long long t, char *buf, size_t len)
{
	time_t when = (time_t)t;
	struct tm tm;

	if (localtime_r(&when, &tm) == NULL ||
	    strftime(buf, len, "%a %b %e %H:%M:%S %Y", &tm) == 0) {
		snprintf(buf, len, "%lld", t);
	}
}

/* A unit is written only when the value is strictly more than one of it;
 * seconds carry milliseconds as a fraction. */
void mon_interval_text(long long ms, char *buf, size_t len)
{
	static const struct {
		long long ms;
		const char *unit;
	} units[] = { { 86400000LL, "d" }, { 3600000LL, "h" }, { 60000LL, "m" } };
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < G_N_ELEMENTS(units); i++) {
		if (ms > units[i].ms) {
			used += (size_t)snprintf(buf + used, len - used, "%lld%s", ms / units[i].ms,
						 units[i].unit);
			ms %= units[i].ms;
		}
		if (used >= len) {
			return;
		}
	}
	if (ms > 1000) {
		snprintf(buf + used, len - used, "%lld", ms / 1000);
		used = strlen(buf);
		if (ms % 1000 != 0) {
			snprintf(buf + used, len - used, ".%03lld", ms % 1000);
		}
		g_strlcat(buf, "s", len);
	} else if (ms > 0 || used == 0) {
		snprintf(buf + used, len - used, "%lldms", ms);
	}
}
