/*
 * libcmap's notify events without a daemon: the callback gets the key, the
 * new and old values from behind the struct and its track's handle and
 * user data; events of deleted tracks or other connections are dropped;
 * events whose sizes do not add up are refused.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmap_internal.h"

static struct {
	int calls;
	cmap_handle_t handle;
	cmap_track_handle_t track;
	int32_t event;
	char key[CMAP_KEYNAME_MAXLEN + 1];
	struct cmap_notify_value new_value, old_value;
	char new_data[16], old_data[16];
	void *user_data;
} seen;

static void notify(cmap_handle_t h, cmap_track_handle_t t, int32_t event, const char *key,
		   struct cmap_notify_value new_value, struct cmap_notify_value old_value,
		   void *user_data)
{
	seen.calls++;
	seen.handle = h;
	seen.track = t;
	seen.event = event;
	strcpy(seen.key, key);
	seen.new_value = new_value;
	seen.old_value = old_value;
	memcpy(seen.new_data, new_value.data, new_value.len);
	memcpy(seen.old_data, old_value.data, old_value.len);
	seen.user_data = user_data;
}

/* A track of @owner with daemon handle 500 + n; its cookie is returned. */
static uint64_t track_of(cmap_handle_t owner, int n)
{
	struct cmap_track *t = calloc(1, sizeof(*t));
	uint64_t cookie;

	assert_non_null(t);
	t->owner = owner;
	t->track_handle = 500 + n;
	t->notify_fn = notify;
	t->user_data = &seen;
	assert_int_equal(cs_hdb_create(&cmap__tracks, t, &cookie), 0);
	return cookie;
}

/* A notify event for @cookie in @buf: key @key, values @nv/@ov. */
static size_t notify_event(uint64_t *buf, uint64_t cookie, const char *key, const char *nv,
			   size_t nlen, const char *ov, size_t olen)
{
	struct res_lib_cmap_notify_callback *ev = (void *)buf;

	memset(buf, 0, 1024);
	ev->header.id = MESSAGE_RES_CMAP_NOTIFY_CALLBACK;
	ev->header.size = (int32_t)(sizeof(*ev) + nlen + olen);
	ev->track_inst_handle = cookie;
	cmap__key_to_wire(&ev->key_name, key);
	ev->event = CMAP_TRACK_MODIFY;
	ev->new_value_type = CMAP_VALUETYPE_STRING;
	ev->old_value_type = olen ? CMAP_VALUETYPE_STRING : 0;
	ev->new_value_len = nlen;
	ev->old_value_len = olen;
	memcpy(ev->new_value, nv, nlen);
	memcpy(ev->new_value + nlen, ov, olen);
	return (size_t)ev->header.size;
}

static int setup(void **state)
{
	memset(&seen, 0, sizeof(seen));
	return 0;
}

static int teardown(void **state)
{
	cmap__tracks_drop(1);
	cmap__tracks_drop(2);
	assert_int_equal(cs_hdb_count(&cmap__tracks), 0);
	return 0;
}

static void values_follow_the_struct(void **state)
{
	uint64_t buf[128];
	uint64_t cookie = track_of(1, 1);
	size_t len = notify_event(buf, cookie, "totem.token", "new", 4, "older", 6);

	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), 0);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.handle, 1);
	assert_int_equal(seen.track, 501);
	assert_int_equal(seen.event, CMAP_TRACK_MODIFY);
	assert_string_equal(seen.key, "totem.token");
	assert_int_equal(seen.new_value.type, CMAP_VALUETYPE_STRING);
	assert_int_equal(seen.new_value.len, 4);
	assert_string_equal(seen.new_data, "new");
	assert_int_equal(seen.old_value.len, 6);
	assert_string_equal(seen.old_data, "older");
	assert_ptr_equal(seen.user_data, &seen);
}

static void missing_old_value_is_empty(void **state)
{
	uint64_t buf[128];
	uint64_t cookie = track_of(1, 2);
	size_t len = notify_event(buf, cookie, "a.key", "v", 2, NULL, 0);

	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), 0);
	assert_int_equal(seen.old_value.type, 0);
	assert_int_equal(seen.old_value.len, 0);
}

static void unterminated_key_is_cut(void **state)
{
	uint64_t buf[128];
	uint64_t cookie = track_of(1, 3);
	size_t len = notify_event(buf, cookie, "k", "v", 2, NULL, 0);
	struct res_lib_cmap_notify_callback *ev = (void *)buf;

	memset(ev->key_name.value, 'x', sizeof(ev->key_name.value));
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), 0);
	assert_int_equal(strlen(seen.key), CMAP_KEYNAME_MAXLEN);
}

static void dead_or_foreign_tracks_are_dropped(void **state)
{
	uint64_t buf[128];
	uint64_t mine = track_of(1, 4), theirs = track_of(2, 5);
	size_t len;

	len = notify_event(buf, theirs, "a.key", "v", 2, NULL, 0);
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), 0);
	assert_int_equal(cs_hdb_destroy(&cmap__tracks, mine), 0);
	len = notify_event(buf, mine, "a.key", "v", 2, NULL, 0);
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), 0);
	len = notify_event(buf, 12345, "a.key", "v", 2, NULL, 0);
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), 0);
	assert_int_equal(seen.calls, 0);
}

static void sizes_must_add_up(void **state)
{
	uint64_t buf[128];
	uint64_t cookie = track_of(1, 6);
	struct res_lib_cmap_notify_callback *ev = (void *)buf;
	size_t len = notify_event(buf, cookie, "a.key", "new", 4, "old", 4);

	/* Values longer than the event. */
	ev->old_value_len = 5;
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), -EBADMSG);
	ev->old_value_len = 4;
	ev->new_value_len = UINT64_MAX;
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), -EBADMSG);
	ev->new_value_len = 4;
	/* Shorter than the struct. */
	ev->header.size = sizeof(*ev) - 8;
	assert_int_equal(cmap__event_handle(NULL, 1, buf, sizeof(*ev) - 8), -EBADMSG);
	/* An id that is not an event. */
	ev->header.size = (int32_t)len;
	ev->header.id = MESSAGE_RES_CMAP_GET;
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), -EPROTO);
	ev->header.id = 77;
	assert_int_equal(cmap__event_handle(NULL, 1, buf, len), -EPROTO);
	assert_int_equal(seen.calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(values_follow_the_struct, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_old_value_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(unterminated_key_is_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(dead_or_foreign_tracks_are_dropped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(sizes_must_add_up, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
