/*
 * cmap_check: exercises libcmap against a running corosync (one node) and
 * prints TAP.  Written against the public cmap.h only, so that it builds
 * unchanged with corosync's own headers and library (see cpg_check.c).
 * It creates keys under "cmapcheck." and deletes them again.
 *
 *   cmap_check [-n NODEID]    run the checks; exit 0 if all pass, else 1
 *   cmap_check -w SECONDS     wait until the cmap service answers; exit 0/1
 *   cmap_check -e CODE        exit 0 if cmap_initialize() fails with
 *                             cs_error_t CODE, else 1
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr(), before any system header */
#endif
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <corosync/cmap.h>

#include "check_tap.h"

#define PREFIX "cmapcheck."
#define WAIT_MS 5000

static uint32_t want_nodeid = 1;

/* What the notify callback saw. */
static struct {
	int calls;
	int32_t event;
	char key[CMAP_KEYNAME_MAXLEN + 1];
	cmap_value_types_t new_type, old_type;
	size_t new_len, old_len;
	char new_data[64], old_data[64];
	void *user_data;
	cmap_track_handle_t track;
	int finalize_here; /* finalize the handle from the callback */
	cs_error_t finalize_rc;
} seen;

static void notify(cmap_handle_t handle, cmap_track_handle_t track, int32_t event,
		   const char *key_name, struct cmap_notify_value new_value,
		   struct cmap_notify_value old_value, void *user_data)
{
	seen.calls++;
	seen.event = event;
	snprintf(seen.key, sizeof(seen.key), "%s", key_name);
	seen.new_type = new_value.type;
	seen.old_type = old_value.type;
	seen.new_len = new_value.len;
	seen.old_len = old_value.len;
	memcpy(seen.new_data, new_value.data, new_value.len < 64 ? new_value.len : 64);
	memcpy(seen.old_data, old_value.data, old_value.len < 64 ? old_value.len : 64);
	seen.user_data = user_data;
	seen.track = track;
	if (seen.finalize_here) {
		seen.finalize_rc = cmap_finalize(handle);
	}
}

/* Dispatch until the callback ran @calls times in all, or WAIT_MS. */
static bool wait_calls(cmap_handle_t h, int calls)
{
	int fd;
	long long end = now_ms() + WAIT_MS;

	if (cmap_fd_get(h, &fd) != CS_OK) {
		return false;
	}
	while (seen.calls < calls && now_ms() < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		if (poll(&pfd, 1, 100) > 0 && cmap_dispatch(h, CS_DISPATCH_ALL) != CS_OK) {
			return false;
		}
	}
	return seen.calls >= calls;
}

static void basics(cmap_handle_t h)
{
	const void *ctx = NULL;
	int fd = -1;
	uint32_t nodeid = 0;

	check_rc(cmap_fd_get(h, &fd), CS_OK, "cmap_fd_get");
	check(fd >= 0, "the descriptor is valid (%d)", fd);
	check_rc(cmap_context_get(h, &ctx), CS_OK, "cmap_context_get");
	check(ctx == NULL, "the context starts NULL");
	check_rc(cmap_context_set(h, &fd), CS_OK, "cmap_context_set");
	cmap_context_get(h, &ctx);
	check(ctx == &fd, "cmap_context_get returns what was set");
	check_rc(cmap_get_uint32(h, "nodelist.node.0.nodeid", &nodeid), CS_OK,
		 "cmap_get_uint32 nodelist.node.0.nodeid");
	check(nodeid == want_nodeid, "node id %u (want %u)", nodeid, want_nodeid);
	check_rc(cmap_dispatch(h, CS_DISPATCH_ONE_NONBLOCKING), CS_ERR_TRY_AGAIN,
		 "dispatch ONE_NONBLOCKING with nothing pending");
	check_rc(cmap_dispatch(h, CS_DISPATCH_ALL), CS_OK, "dispatch ALL with nothing pending");
}

/* Every type through its typed setter and getter. */
static void typed_values(cmap_handle_t h)
{
	int8_t i8 = 0;
	uint8_t u8 = 0;
	int16_t i16 = 0;
	uint16_t u16 = 0;
	int32_t i32 = 0;
	uint32_t u32 = 0;
	int64_t i64 = 0;
	uint64_t u64 = 0;
	float flt = 0;
	double dbl = 0;
	char *str = NULL;

	check_rc(cmap_set_int8(h, PREFIX "i8", -5), CS_OK, "cmap_set_int8");
	check_rc(cmap_set_uint8(h, PREFIX "u8", 200), CS_OK, "cmap_set_uint8");
	check_rc(cmap_set_int16(h, PREFIX "i16", -300), CS_OK, "cmap_set_int16");
	check_rc(cmap_set_uint16(h, PREFIX "u16", 60000), CS_OK, "cmap_set_uint16");
	check_rc(cmap_set_int32(h, PREFIX "i32", -70000), CS_OK, "cmap_set_int32");
	check_rc(cmap_set_uint32(h, PREFIX "u32", 4000000000u), CS_OK, "cmap_set_uint32");
	check_rc(cmap_set_int64(h, PREFIX "i64", -9000000000LL), CS_OK, "cmap_set_int64");
	check_rc(cmap_set_uint64(h, PREFIX "u64", 18000000000000000000ULL), CS_OK,
		 "cmap_set_uint64");
	check_rc(cmap_set_float(h, PREFIX "flt", 1.5f), CS_OK, "cmap_set_float");
	check_rc(cmap_set_double(h, PREFIX "dbl", 2.25), CS_OK, "cmap_set_double");
	check_rc(cmap_set_string(h, PREFIX "str", "hello"), CS_OK, "cmap_set_string");

	check(cmap_get_int8(h, PREFIX "i8", &i8) == CS_OK && i8 == -5, "int8 reads back");
	check(cmap_get_uint8(h, PREFIX "u8", &u8) == CS_OK && u8 == 200, "uint8 reads back");
	check(cmap_get_int16(h, PREFIX "i16", &i16) == CS_OK && i16 == -300, "int16 reads back");
	check(cmap_get_uint16(h, PREFIX "u16", &u16) == CS_OK && u16 == 60000, "uint16 reads back");
	check(cmap_get_int32(h, PREFIX "i32", &i32) == CS_OK && i32 == -70000, "int32 reads back");
	check(cmap_get_uint32(h, PREFIX "u32", &u32) == CS_OK && u32 == 4000000000u,
	      "uint32 reads back");
	check(cmap_get_int64(h, PREFIX "i64", &i64) == CS_OK && i64 == -9000000000LL,
	      "int64 reads back");
	check(cmap_get_uint64(h, PREFIX "u64", &u64) == CS_OK && u64 == 18000000000000000000ULL,
	      "uint64 reads back");
	check(cmap_get_float(h, PREFIX "flt", &flt) == CS_OK && flt == 1.5f, "float reads back");
	check(cmap_get_double(h, PREFIX "dbl", &dbl) == CS_OK && dbl == 2.25, "double reads back");
	check(cmap_get_string(h, PREFIX "str", &str) == CS_OK && str != NULL &&
		      strcmp(str, "hello") == 0,
	      "string reads back (two-step read)");
	free(str);
	check_rc(cmap_get_uint16(h, PREFIX "u32", &u16), CS_ERR_INVALID_PARAM,
		 "a getter of another type is refused");
	check_rc(cmap_get_string(h, PREFIX "u8", &str), CS_ERR_INVALID_PARAM,
		 "cmap_get_string of a number is refused");
	check_rc(cmap_get_uint8(h, PREFIX "none", &u8), CS_ERR_NOT_EXIST,
		 "a missing key is CS_ERR_NOT_EXIST");
}

/* cmap_get() itself: length and type only, buffers, binary values. */
static void raw_get(cmap_handle_t h)
{
	static const char bin[] = { 'a', 0, '\\', 1, (char)0xff };
	char buf[16];
	size_t len = 0;
	cmap_value_types_t type = 0;

	check_rc(cmap_set(h, PREFIX "bin", bin, sizeof(bin), CMAP_VALUETYPE_BINARY), CS_OK,
		 "cmap_set binary");
	check_rc(cmap_get(h, PREFIX "str", NULL, &len, &type), CS_OK, "cmap_get without a buffer");
	check(len == 6 && type == CMAP_VALUETYPE_STRING,
	      "a string's length counts its NUL (%zu, type %d)", len, type);
	check_rc(cmap_get(h, PREFIX "str", NULL, NULL, NULL), CS_OK,
		 "cmap_get with every output NULL");
	len = 3;
	check_rc(cmap_get(h, PREFIX "str", buf, &len, &type), CS_ERR_INVALID_PARAM,
		 "cmap_get into a buffer too small");
	len = sizeof(buf);
	check_rc(cmap_get(h, PREFIX "bin", buf, &len, &type), CS_OK, "cmap_get binary");
	check(len == sizeof(bin) && type == CMAP_VALUETYPE_BINARY && memcmp(buf, bin, len) == 0,
	      "binary value intact (%zu bytes)", len);
	check_rc(cmap_get(h, PREFIX "str", buf, NULL, &type), CS_ERR_INVALID_PARAM,
		 "a buffer without its length is refused");
}

static void adjust_and_delete(cmap_handle_t h)
{
	uint32_t u32 = 0;
	char longkey[300];

	check_rc(cmap_set_uint32(h, PREFIX "counter", 41), CS_OK, "set counter");
	check_rc(cmap_inc(h, PREFIX "counter"), CS_OK, "cmap_inc");
	check_rc(cmap_inc(h, PREFIX "counter"), CS_OK, "cmap_inc again");
	check_rc(cmap_dec(h, PREFIX "counter"), CS_OK, "cmap_dec");
	check(cmap_get_uint32(h, PREFIX "counter", &u32) == CS_OK && u32 == 42,
	      "counter is 42 (%u)", u32);
	check(cmap_inc(h, PREFIX "str") != CS_OK, "cmap_inc of a string fails");
	check(cmap_inc(h, PREFIX "none") != CS_OK, "cmap_inc of a missing key fails");
	check_rc(cmap_delete(h, PREFIX "counter"), CS_OK, "cmap_delete");
	check_rc(cmap_get_uint32(h, PREFIX "counter", &u32), CS_ERR_NOT_EXIST,
		 "a deleted key is gone");
	check_rc(cmap_delete(h, PREFIX "counter"), CS_ERR_NOT_EXIST, "deleting it again");
	check_rc(cmap_set_string(h, "totem.transport", "udp"), CS_ERR_ACCESS,
		 "totem.transport is read-only");
	check_rc(cmap_set_uint8(h, "ab", 1), CS_ERR_NAME_TOO_LONG, "a two-character key");
	memset(longkey, 'k', sizeof(longkey));
	longkey[256] = '\0';
	check_rc(cmap_set_uint8(h, longkey, 1), CS_ERR_NAME_TOO_LONG, "a 256-character key");
	check_rc(cmap_get(h, longkey, NULL, NULL, NULL), CS_ERR_NAME_TOO_LONG,
		 "cmap_get of a 256-character key");
	check_rc(cmap_delete(h, NULL), CS_ERR_INVALID_PARAM, "cmap_delete(NULL)");
	check_rc(cmap_set(h, PREFIX "x", NULL, 0, CMAP_VALUETYPE_BINARY), CS_ERR_INVALID_PARAM,
		 "cmap_set without a value");
}

static void walk(cmap_handle_t h)
{
	static const char *const want[] = { PREFIX "bin", PREFIX "dbl", PREFIX "flt", PREFIX "i16",
					    PREFIX "i32", PREFIX "i64", PREFIX "i8",  PREFIX "str",
					    PREFIX "u16", PREFIX "u32", PREFIX "u64", PREFIX "u8" };
	cmap_iter_handle_t it;
	char key[CMAP_KEYNAME_MAXLEN + 1];
	size_t len, n = 0;
	cmap_value_types_t type;
	bool in_order = true, u8_right = false;

	check_rc(cmap_iter_init(h, PREFIX, &it), CS_OK, "cmap_iter_init " PREFIX);
	while (cmap_iter_next(h, it, key, &len, &type) == CS_OK) {
		in_order =
			in_order && n < sizeof(want) / sizeof(want[0]) && strcmp(key, want[n]) == 0;
		if (strcmp(key, PREFIX "u8") == 0) {
			u8_right = len == 1 && type == CMAP_VALUETYPE_UINT8;
		}
		n++;
	}
	check(n == sizeof(want) / sizeof(want[0]) && in_order,
	      "the walk gives the %zu keys in order (%zu)", sizeof(want) / sizeof(want[0]), n);
	check(u8_right, "with their lengths and types");
	check_rc(cmap_iter_next(h, it, key, NULL, NULL), CS_ERR_NO_SECTIONS,
		 "past the end: CS_ERR_NO_SECTIONS");
	check_rc(cmap_iter_finalize(h, it), CS_OK, "cmap_iter_finalize");

	n = 0;
	check_rc(cmap_iter_init(h, NULL, &it), CS_OK, "cmap_iter_init of the whole map");
	while (cmap_iter_next(h, it, key, NULL, NULL) == CS_OK) {
		n++;
	}
	cmap_iter_finalize(h, it);
	check(n > sizeof(want) / sizeof(want[0]), "the whole map has more keys (%zu)", n);
	check_rc(cmap_iter_next(h, it, NULL, NULL, NULL), CS_ERR_INVALID_PARAM,
		 "cmap_iter_next without a name buffer");
	check_rc(cmap_iter_init(h, NULL, NULL), CS_ERR_INVALID_PARAM,
		 "cmap_iter_init without a handle pointer");
}

/* Tracking a prefix: add, modify, delete reach the callback with values. */
static void track_prefix(cmap_handle_t h, cmap_handle_t other)
{
	cmap_track_handle_t track;
	int base;

	check_rc(cmap_track_add(h, PREFIX "t.",
				CMAP_TRACK_ADD | CMAP_TRACK_MODIFY | CMAP_TRACK_DELETE |
					CMAP_TRACK_PREFIX,
				notify, &seen, &track),
		 CS_OK, "cmap_track_add on a prefix");
	base = seen.calls;
	check_rc(cmap_set_uint16(other, PREFIX "t.a", 7), CS_OK, "another connection adds a key");
	check(wait_calls(h, base + 1) && seen.event == CMAP_TRACK_ADD, "ADD event (%d)",
	      seen.event);
	check(strcmp(seen.key, PREFIX "t.a") == 0 && seen.new_type == CMAP_VALUETYPE_UINT16 &&
		      seen.new_len == 2 && *(uint16_t *)seen.new_data == 7 && seen.old_type == 0 &&
		      seen.old_len == 0,
	      "with the key, the new value and no old one");
	check(seen.user_data == &seen && seen.track == track, "and the user data and track");

	check_rc(cmap_set_uint16(other, PREFIX "t.a", 8), CS_OK, "it changes the key");
	check(wait_calls(h, base + 2) && seen.event == CMAP_TRACK_MODIFY &&
		      *(uint16_t *)seen.new_data == 8 && *(uint16_t *)seen.old_data == 7,
	      "MODIFY event with new and old values");

	check_rc(cmap_delete(other, PREFIX "t.a"), CS_OK, "it deletes the key");
	check(wait_calls(h, base + 3) && seen.event == CMAP_TRACK_DELETE && seen.new_len == 0 &&
		      seen.old_type == CMAP_VALUETYPE_UINT16 && *(uint16_t *)seen.old_data == 8,
	      "DELETE event with the old value");

	check_rc(cmap_set_uint16(other, PREFIX "other", 1), CS_OK, "a key outside the prefix");
	check_rc(cmap_track_delete(h, track), CS_OK, "cmap_track_delete");
	check_rc(cmap_set_uint16(other, PREFIX "t.b", 1), CS_OK, "a key after the delete");
	usleep(200000);
	check_rc(cmap_dispatch(h, CS_DISPATCH_ALL), CS_OK, "dispatch");
	check(seen.calls == base + 3, "no event outside the prefix or after the delete (%d)",
	      seen.calls - base);
	check(cmap_track_delete(h, track) != CS_OK, "deleting the track again fails");
	cmap_delete(other, PREFIX "t.b");
	cmap_delete(other, PREFIX "other");
}

/* A track of one key only sees that key. */
static void track_key(cmap_handle_t h, cmap_handle_t other)
{
	cmap_track_handle_t track;
	int base = seen.calls;

	check_rc(cmap_track_add(h, PREFIX "one", CMAP_TRACK_ADD | CMAP_TRACK_MODIFY, notify, NULL,
				&track),
		 CS_OK, "cmap_track_add on one key");
	cmap_set_uint8(other, PREFIX "onex", 1);
	cmap_set_uint8(other, PREFIX "one", 1);
	check(wait_calls(h, base + 1) && strcmp(seen.key, PREFIX "one") == 0,
	      "its change is reported (%s)", seen.key);
	cmap_delete(other, PREFIX "one");
	usleep(200000);
	cmap_dispatch(h, CS_DISPATCH_ALL);
	check(seen.calls == base + 1, "not the longer key, nor the untracked delete (%d)",
	      seen.calls - base);
	cmap_track_delete(h, track);
	cmap_delete(other, PREFIX "onex");
	check_rc(cmap_track_add(h, PREFIX "one", CMAP_TRACK_ADD, NULL, NULL, &track),
		 CS_ERR_INVALID_PARAM, "cmap_track_add without a callback");
}

/* The statistics map is another map. */
static void stats_map(void)
{
	cmap_handle_t s;
	cmap_iter_handle_t it;
	char key[CMAP_KEYNAME_MAXLEN + 1];
	size_t n = 0, stats = 0;

	check_rc(cmap_initialize_map(&s, CMAP_MAP_STATS), CS_OK, "cmap_initialize_map STATS");
	if (cmap_iter_init(s, NULL, &it) == CS_OK) {
		while (cmap_iter_next(s, it, key, NULL, NULL) == CS_OK) {
			n++;
			stats += strncmp(key, "stats.", 6) == 0;
		}
		cmap_iter_finalize(s, it);
	}
	check(n > 0 && stats == n, "it holds stats.* keys only (%zu of %zu)", stats, n);
	check_rc(cmap_get(s, PREFIX "str", NULL, NULL, NULL), CS_ERR_NOT_EXIST,
		 "configuration keys are not in it");
	check_rc(cmap_finalize(s), CS_OK, "cmap_finalize");
	check_rc(cmap_initialize_map(&s, CMAP_MAP_ICMAP), CS_OK, "cmap_initialize_map ICMAP");
	check_rc(cmap_get(s, PREFIX "str", NULL, NULL, NULL), CS_OK, "it is the configuration map");
	cmap_finalize(s);
}

static void finalize_in_callback(cmap_handle_t other)
{
	cmap_handle_t h;
	cmap_track_handle_t track;
	int base = seen.calls;

	cmap_initialize(&h);
	cmap_track_add(h, PREFIX "fin", CMAP_TRACK_ADD, notify, NULL, &track);
	seen.finalize_here = 1;
	cmap_set_uint8(other, PREFIX "fin", 1);
	cmap_set_uint8(other, PREFIX "fin2", 1);
	int fd;
	cmap_fd_get(h, &fd);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	poll(&pfd, 1, WAIT_MS);
	check_rc(cmap_dispatch(h, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE,
		 "dispatch after the callback finalized the handle");
	seen.finalize_here = 0;
	check(seen.calls == base + 1 && seen.finalize_rc == CS_OK, "the callback ran once (%d)",
	      seen.calls - base);
	cmap_delete(other, PREFIX "fin");
	cmap_delete(other, PREFIX "fin2");
}

static void bad_handles(cmap_handle_t dead)
{
	static const cmap_handle_t bad[] = { 0, 0xdeadbeefcafef00dULL };
	const void *ctx;
	int fd;
	uint8_t u8;

	for (size_t i = 0; i < 3; i++) {
		cmap_handle_t h = i < 2 ? bad[i] : dead;
		cmap_iter_handle_t it;
		cmap_track_handle_t t;
		check(cmap_finalize(h) == CS_ERR_BAD_HANDLE &&
			      cmap_fd_get(h, &fd) == CS_ERR_BAD_HANDLE &&
			      cmap_dispatch(h, CS_DISPATCH_ALL) == CS_ERR_BAD_HANDLE &&
			      cmap_context_get(h, &ctx) == CS_ERR_BAD_HANDLE &&
			      cmap_set_uint8(h, PREFIX "x", 1) == CS_ERR_BAD_HANDLE &&
			      cmap_get_uint8(h, PREFIX "x", &u8) == CS_ERR_BAD_HANDLE &&
			      cmap_delete(h, PREFIX "x") == CS_ERR_BAD_HANDLE &&
			      cmap_inc(h, PREFIX "x") == CS_ERR_BAD_HANDLE &&
			      cmap_iter_init(h, NULL, &it) == CS_ERR_BAD_HANDLE &&
			      cmap_track_add(h, PREFIX "x", CMAP_TRACK_ADD, notify, NULL, &t) ==
				      CS_ERR_BAD_HANDLE,
		      "handle %s is refused everywhere",
		      i == 2 ? "after finalize" : "never issued");
	}
}

static int run_checks(void)
{
	cmap_handle_t h, other;
	static const char *const keys[] = { "i8",  "u8",  "i16", "u16", "i32", "u32",
					    "i64", "u64", "flt", "dbl", "str", "bin" };

	note_library("libcmap", (void *)cmap_initialize);
	check_rc(cmap_initialize(&h), CS_OK, "cmap_initialize");
	check_rc(cmap_initialize(&other), CS_OK, "a second connection");
	basics(h);
	typed_values(h);
	raw_get(h);
	adjust_and_delete(h);
	walk(h);
	track_prefix(h, other);
	track_key(h, other);
	stats_map();
	finalize_in_callback(other);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char key[64];
		snprintf(key, sizeof(key), PREFIX "%s", keys[i]);
		cmap_delete(h, key);
	}
	check_rc(cmap_finalize(h), CS_OK, "cmap_finalize");
	cmap_finalize(other);
	bad_handles(h);
	return tap_done();
}

/* Until the daemon is up it refuses connections (TRY_AGAIN) or is not
 * there at all (LIBRARY). */
static int wait_ready(int seconds)
{
	long long end = now_ms() + seconds * 1000LL;

	do {
		cmap_handle_t h;
		if (cmap_initialize(&h) == CS_OK) {
			uint32_t v;
			cs_error_t rc = cmap_get_uint32(h, "totem.version", &v);
			cmap_finalize(h);
			if (rc == CS_OK) {
				return 0;
			}
		}
		usleep(100000);
	} while (now_ms() < end);
	fprintf(stderr, "cmap_check: the cmap service did not answer within %d s\n", seconds);
	return 1;
}

static int expect_refusal(cs_error_t want)
{
	cmap_handle_t h;
	cs_error_t rc = cmap_initialize(&h);

	if (rc == CS_OK) {
		cmap_finalize(h);
	}
	if (rc != want) {
		fprintf(stderr, "cmap_check: cmap_initialize gave %d, want %d\n", rc, want);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int opt;

	signal(SIGPIPE, SIG_IGN);
	while ((opt = getopt(argc, argv, "e:n:w:")) != -1) {
		switch (opt) {
		case 'n':
			want_nodeid = (uint32_t)strtoul(optarg, NULL, 10);
			break;
		case 'w':
			return wait_ready(atoi(optarg));
		case 'e':
			return expect_refusal((cs_error_t)atoi(optarg));
		default:
			fprintf(stderr, "usage: %s [-n NODEID] | -w SECONDS | -e CODE\n", argv[0]);
			return 2;
		}
	}
	return run_checks();
}
