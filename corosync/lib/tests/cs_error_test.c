/*
 * libcorosync_common: errno to cs_error_t conversions and error names.
 * The expected values were read from corosync 3.1.7's library; when that
 * library is installed the test also compares every errno with it.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <corosync/corotypes.h>

/* Where distributions install corosync's own library.  Opened by path: by
 * soname the loader would hand back ours, which the test already uses. */
static const char *const real_library[] = {
	"/usr/lib/x86_64-linux-gnu/libcorosync_common.so.4",
	"/usr/lib64/libcorosync_common.so.4",
	"/usr/lib/libcorosync_common.so.4",
};

struct expect {
	int errnum;
	cs_error_t error;
};

static const struct expect qb_expected[] = {
	{ EAGAIN, CS_ERR_TRY_AGAIN },
	{ ETIMEDOUT, CS_ERR_TRY_AGAIN },
	{ ENOBUFS, CS_ERR_TRY_AGAIN },
	{ ENOMSG, CS_ERR_TRY_AGAIN },
	{ EBADF, CS_ERR_BAD_HANDLE },
	{ EINVAL, CS_ERR_INVALID_PARAM },
	{ ENOENT, CS_ERR_NOT_EXIST },
	{ ENODEV, CS_ERR_NOT_EXIST },
	{ EACCES, CS_ERR_ACCESS },
	{ ENOTSUP, CS_ERR_NOT_SUPPORTED },
	{ ENOSYS, CS_ERR_NOT_SUPPORTED },
	{ ENOMEM, CS_ERR_NO_MEMORY },
	{ EBUSY, CS_ERR_BUSY },
	{ EEXIST, CS_ERR_EXIST },
	{ EOVERFLOW, CS_ERR_NAME_TOO_LONG },
	{ ENOSPC, CS_ERR_NO_SPACE },
	{ EINTR, CS_ERR_INTERRUPT },
	{ EBADE, CS_ERR_FAILED_OPERATION },
	{ ETIME, CS_ERR_TIMEOUT },
	{ EBADMSG, CS_ERR_MESSAGE_ERROR },
	{ EMSGSIZE, CS_ERR_TOO_BIG },
	{ E2BIG, CS_ERR_TOO_BIG },
	{ ENOTCONN, CS_ERR_LIBRARY },
	{ ECONNREFUSED, CS_ERR_LIBRARY },
	{ EPROTO, CS_ERR_LIBRARY },
	{ EPIPE, CS_ERR_LIBRARY },
};

static void qb_errors_map_like_corosync(void **state)
{
	for (size_t i = 0; i < sizeof(qb_expected) / sizeof(qb_expected[0]); i++) {
		cs_error_t got = qb_to_cs_error(-qb_expected[i].errnum);
		if (got != qb_expected[i].error) {
			fail_msg("-%s gives %d, want %d", strerror(qb_expected[i].errnum), got,
				 qb_expected[i].error);
		}
	}
}

static void non_negative_results_are_ok(void **state)
{
	assert_int_equal(qb_to_cs_error(0), CS_OK);
	assert_int_equal(qb_to_cs_error(42), CS_OK);
}

static void hdb_errors_map_like_corosync(void **state)
{
	assert_int_equal(hdb_error_to_cs(0), CS_OK);
	assert_int_equal(hdb_error_to_cs(-EBADF), CS_ERR_BAD_HANDLE);
	assert_int_equal(hdb_error_to_cs(-ENOMEM), CS_ERR_NO_MEMORY);
	assert_int_equal(hdb_error_to_cs(-EMFILE), CS_ERR_NO_RESOURCES);
	assert_int_equal(hdb_error_to_cs(-EACCES), CS_ERR_ACCESS);
	assert_int_equal(hdb_error_to_cs(-EAGAIN), CS_ERR_LIBRARY);
}

static void every_error_has_its_name(void **state)
{
	assert_string_equal(cs_strerror(CS_OK), "success");
	assert_string_equal(cs_strerror(CS_ERR_TRY_AGAIN), "CS_ERR_TRY_AGAIN");
	assert_string_equal(cs_strerror(CS_ERR_BUSY), "CS_ERR_BUSY");
	assert_string_equal(cs_strerror(CS_ERR_TOO_MANY_GROUPS), "CS_ERR_TOO_MANY_GROUPS");
	assert_string_equal(cs_strerror(CS_ERR_SECURITY), "CS_ERR_SECURITY");
	assert_string_equal(cs_strerror((cs_error_t)0), "unknown error");
	assert_string_equal(cs_strerror((cs_error_t)29), "unknown error");
	assert_string_equal(cs_strerror((cs_error_t)99), "unknown error");
	assert_string_equal(cs_strerror((cs_error_t)-1), "unknown error");
	assert_string_equal(cs_strerror((cs_error_t)12345), "unknown error");
}

/* The distribution's corosync library, or NULL when it is not installed. */
static void *open_installed_corosync(void)
{
	void *real = NULL;

	for (size_t i = 0; real == NULL && i < sizeof(real_library) / sizeof(real_library[0]);
	     i++) {
		real = dlopen(real_library[i], RTLD_NOW | RTLD_LOCAL);
	}
	return real;
}

/* Differential: the installed corosync library, symbol by symbol. */
static void same_as_installed_corosync(void **state)
{
	void *real = open_installed_corosync();

	assert_non_null(real);
	cs_error_t (*real_qb)(int) = (cs_error_t(*)(int))dlsym(real, "qb_to_cs_error");
	cs_error_t (*real_hdb)(int) = (cs_error_t(*)(int))dlsym(real, "hdb_error_to_cs");
	const char *(*real_str)(cs_error_t) =
		(const char *(*)(cs_error_t))dlsym(real, "cs_strerror");
	assert_non_null(real_qb);
	assert_non_null(real_hdb);
	assert_non_null(real_str);
	/* Both the system's and ours are loaded: make sure we compare two. */
	assert_ptr_not_equal(real_qb, qb_to_cs_error);

	for (int e = -200; e <= 200; e++) {
		assert_int_equal(qb_to_cs_error(e), real_qb(e));
		assert_int_equal(hdb_error_to_cs(e), real_hdb(e));
	}
	for (int err = -1; err <= 101; err++) {
		assert_string_equal(cs_strerror((cs_error_t)err), real_str((cs_error_t)err));
	}
	dlclose(real);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qb_errors_map_like_corosync),
		cmocka_unit_test(non_negative_results_are_ok),
		cmocka_unit_test(hdb_errors_map_like_corosync),
		cmocka_unit_test(every_error_has_its_name),
		cmocka_unit_test(same_as_installed_corosync),
	};

	void *real = open_installed_corosync();

	if (real == NULL) {
		/* automake counts cmocka's "not ok # SKIP" as a failure: leave it out */
		printf("# corosync's libcorosync_common.so.4 is not installed: "
		       "same_as_installed_corosync does not run\n");
		cmocka_set_skip_filter("same_as_installed_corosync");
	} else {
		dlclose(real);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
