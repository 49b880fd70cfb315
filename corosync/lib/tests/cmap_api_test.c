/*
 * libcmap's public functions without a daemon: argument checks in
 * corosync's order, bad and stale handles, what works on an instance
 * without a connection, and the wire form of key names.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "cmap_internal.h"

static const cmap_handle_t bad_handles[] = { 0, 1, 0xdeadbeefcafef00dULL, UINT64_MAX };

/* A handle whose instance has no connection: requests fail with
 * CS_ERR_LIBRARY, everything local works. */
static cmap_handle_t offline_handle(void)
{
	cmap_handle_t handle;
	struct cmap_inst *inst = cmap__inst_new();

	assert_non_null(inst);
	assert_int_equal(cs_hdb_create(&cmap__handles, inst, &handle), 0);
	return handle;
}

static void dummy_notify(cmap_handle_t h, cmap_track_handle_t t, int32_t event, const char *key,
			 struct cmap_notify_value new_value, struct cmap_notify_value old_value,
			 void *user_data)
{
}

static void bad_handles_are_refused_everywhere(void **state)
{
	const void *ctx;
	int fd;
	uint8_t u8;
	char *str;
	size_t len;
	char key[CMAP_KEYNAME_MAXLEN + 1];
	cmap_iter_handle_t it;
	cmap_track_handle_t track;

	for (size_t i = 0; i < sizeof(bad_handles) / sizeof(bad_handles[0]); i++) {
		cmap_handle_t h = bad_handles[i];
		assert_int_equal(cmap_finalize(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_fd_get(h, &fd), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_dispatch(h, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_context_get(h, &ctx), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_context_set(h, NULL), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_set_uint8(h, "a.key", 1), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_set_string(h, "a.key", "v"), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_delete(h, "a.key"), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_get(h, "a.key", NULL, &len, NULL), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_get_uint8(h, "a.key", &u8), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_get_string(h, "a.key", &str), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_inc(h, "a.key"), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_dec(h, "a.key"), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_iter_init(h, "a.", &it), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_iter_next(h, 1, key, NULL, NULL), CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_iter_finalize(h, 1), CS_ERR_BAD_HANDLE);
		assert_int_equal(
			cmap_track_add(h, "a.key", CMAP_TRACK_ADD, dummy_notify, NULL, &track),
			CS_ERR_BAD_HANDLE);
		assert_int_equal(cmap_track_delete(h, 1), CS_ERR_BAD_HANDLE);
	}
	/* Nothing was left behind by the refused track. */
	assert_int_equal(cs_hdb_count(&cmap__tracks), 0);
}

static void arguments_are_checked_before_the_handle(void **state)
{
	char longkey[CS_MAX_NAME_LENGTH + 1];
	char buf[8];
	size_t len = sizeof(buf);
	cmap_iter_handle_t it;
	cmap_track_handle_t track;

	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	assert_int_equal(cmap_set(0, NULL, "v", 1, CMAP_VALUETYPE_STRING), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_set(0, "a.key", NULL, 1, CMAP_VALUETYPE_STRING),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_set(0, longkey, "v", 1, CMAP_VALUETYPE_STRING), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cmap_set_string(0, "a.key", NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_delete(0, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_delete(0, longkey), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cmap_get(0, NULL, NULL, NULL, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_get(0, longkey, NULL, NULL, NULL), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cmap_get(0, "a.key", buf, NULL, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_get(0, "a.key", buf, &len, NULL), CS_ERR_BAD_HANDLE);
	assert_int_equal(cmap_get_string(0, "a.key", NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_inc(0, longkey), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cmap_iter_init(0, "a.", NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_iter_init(0, longkey, &it), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cmap_iter_next(0, 1, NULL, NULL, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_track_add(0, "a.key", CMAP_TRACK_ADD, NULL, NULL, &track),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_track_add(0, "a.key", CMAP_TRACK_ADD, dummy_notify, NULL, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_track_add(0, longkey, CMAP_TRACK_ADD, dummy_notify, NULL, &track),
			 CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cmap_initialize(NULL), CS_ERR_INVALID_PARAM);
}

static void offline_instance_works_locally(void **state)
{
	cmap_handle_t h = offline_handle();
	const void *ctx = &ctx;
	int fd;
	uint32_t u32;
	cmap_track_handle_t track;

	assert_int_equal(cmap_context_get(h, &ctx), CS_OK);
	assert_null(ctx);
	assert_int_equal(cmap_context_set(h, &fd), CS_OK);
	assert_int_equal(cmap_context_get(h, &ctx), CS_OK);
	assert_ptr_equal(ctx, &fd);
	assert_int_equal(cmap_context_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_fd_get(h, NULL), CS_ERR_INVALID_PARAM);
	/* Without a connection every request is a library error. */
	assert_int_equal(cmap_fd_get(h, &fd), CS_ERR_LIBRARY);
	assert_int_equal(cmap_set_uint32(h, "a.key", 1), CS_ERR_LIBRARY);
	assert_int_equal(cmap_get_uint32(h, "a.key", &u32), CS_ERR_LIBRARY);
	assert_int_equal(cmap_dispatch(h, CS_DISPATCH_ALL), CS_ERR_LIBRARY);
	assert_int_equal(cmap_dispatch(h, 9), CS_ERR_INVALID_PARAM);
	/* A track refused by the daemon leaves nothing behind. */
	assert_int_equal(cmap_track_add(h, "a.", CMAP_TRACK_ADD, dummy_notify, NULL, &track),
			 CS_ERR_LIBRARY);
	assert_int_equal(cs_hdb_count(&cmap__tracks), 0);
	assert_int_equal(cmap_finalize(h), CS_OK);
	assert_int_equal(cmap_finalize(h), CS_ERR_BAD_HANDLE);
	assert_int_equal(cmap_context_get(h, &ctx), CS_ERR_BAD_HANDLE);
}

static void finalize_drops_the_tracks_of_its_connection(void **state)
{
	cmap_handle_t a = offline_handle(), b = offline_handle();
	struct cmap_track *t;
	uint64_t cookie[3];

	for (int i = 0; i < 3; i++) {
		t = calloc(1, sizeof(*t));
		assert_non_null(t);
		t->owner = i < 2 ? a : b;
		assert_int_equal(cs_hdb_create(&cmap__tracks, t, &cookie[i]), 0);
	}
	assert_int_equal(cmap_finalize(a), CS_OK);
	assert_int_equal(cs_hdb_count(&cmap__tracks), 1);
	assert_int_equal(cs_hdb_get(&cmap__tracks, cookie[2], (void **)&t), 0);
	cs_hdb_put(&cmap__tracks, cookie[2]);
	assert_int_equal(cmap_finalize(b), CS_OK);
	assert_int_equal(cs_hdb_count(&cmap__tracks), 0);
}

static void key_names_on_the_wire(void **state)
{
	mar_name_t name;
	char longest[CMAP_KEYNAME_MAXLEN + 1];

	memset(&name, 0xee, sizeof(name));
	assert_int_equal(cmap__key_to_wire(&name, "totem.token"), 0);
	assert_int_equal(name.length, 11);
	assert_memory_equal(name.value, "totem.token", 11);
	/* The rest is zeroed: the daemon reads the value as a C string. */
	for (size_t i = 11; i < sizeof(name.value); i++) {
		assert_int_equal(name.value[i], 0);
	}
	memset(longest, 'k', CMAP_KEYNAME_MAXLEN);
	longest[CMAP_KEYNAME_MAXLEN] = '\0';
	assert_int_equal(cmap__key_to_wire(&name, longest), 0);
	assert_int_equal(name.length, CMAP_KEYNAME_MAXLEN);
	assert_int_equal(name.value[CMAP_KEYNAME_MAXLEN], 0);
	assert_int_equal(cmap__key_to_wire(&name, NULL), -EINVAL);
	assert_int_equal(cmap__key_to_wire(&name, ""), 0);
	assert_int_equal(name.length, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_handles_are_refused_everywhere),
		cmocka_unit_test(arguments_are_checked_before_the_handle),
		cmocka_unit_test(offline_instance_works_locally),
		cmocka_unit_test(finalize_drops_the_tracks_of_its_connection),
		cmocka_unit_test(key_names_on_the_wire),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
