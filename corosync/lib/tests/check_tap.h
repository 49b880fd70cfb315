/*
 * TAP helpers of the interoperability checks (*_check.c) that exercise a
 * client library against a running corosync.  Header-only and free of
 * corosync headers, so that the checks also build against corosync's own
 * headers and libraries.
 */
#ifndef CHECK_TAP_H
#define CHECK_TAP_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

static int tap_tests, tap_failures;

static inline void check(bool ok, const char *what, ...) __attribute__((format(printf, 2, 3)));
static inline void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static inline void check(bool ok, const char *what, ...)
{
	va_list ap;

	tap_tests++;
	tap_failures += !ok;
	printf("%s %d - ", ok ? "ok" : "not ok", tap_tests);
	va_start(ap, what);
	vprintf(what, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline void note(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* The cs_error_t values are compared as ints: no corosync header here. */
static inline void check_rc(int got, int want, const char *what)
{
	check(got == want, "%s: %d (want %d)", what, got, want);
}

static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* "# <lib> from <file>": the run scripts check which library was loaded. */
static inline void note_library(const char *lib, void *symbol)
{
	Dl_info info;

	if (dladdr(symbol, &info) && info.dli_fname != NULL) {
		note("%s from %s", lib, info.dli_fname);
	}
}

/* The TAP plan and exit status. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_tests);
	return tap_failures ? 1 : 0;
}

#endif /* CHECK_TAP_H */
