/*
 * Wire and API layouts, checked at run time as well as by the headers'
 * static assertions: the numbers are corosync 3.1.7's on x86-64, measured
 * with its own headers.  A failure names every field that moved.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

#include <corosync/cpg.h>
#include <corosync/ipc_cpg.h>

struct layout {
	const char *what;
	size_t got;
	size_t want;
};

/* clang-format off */
#define SIZE(type, n) { "sizeof " #type, sizeof(type), (n) }
#define AT(type, field, n) { #type "." #field, offsetof(type, field), (n) }
/* clang-format on */

static const struct layout wire[] = {
	SIZE(struct qb_ipc_request_header, 16),
	SIZE(struct qb_ipc_response_header, 24),
	AT(struct qb_ipc_response_header, error, 16),
	SIZE(mar_name_t, 264),
	AT(mar_name_t, value, 8),
	SIZE(mar_cpg_name_t, 136),
	AT(mar_cpg_name_t, value, 8),
	SIZE(mar_cpg_address_t, 24),
	AT(mar_cpg_address_t, pid, 8),
	AT(mar_cpg_address_t, reason, 16),
	SIZE(mar_cpg_ring_id_t, 16),
	AT(mar_cpg_ring_id_t, seq, 8),
	SIZE(mar_cpg_iteration_description_t, 144),
	AT(mar_cpg_iteration_description_t, nodeid, 136),
	AT(mar_cpg_iteration_description_t, pid, 140),
	SIZE(struct req_lib_cpg_join, 168),
	AT(struct req_lib_cpg_join, group_name, 16),
	AT(struct req_lib_cpg_join, pid, 152),
	AT(struct req_lib_cpg_join, flags, 160),
	SIZE(struct res_lib_cpg_join, 24),
	SIZE(struct req_lib_cpg_leave, 160),
	AT(struct req_lib_cpg_leave, pid, 152),
	SIZE(struct req_lib_cpg_mcast, 40),
	AT(struct req_lib_cpg_mcast, guarantee, 24),
	AT(struct req_lib_cpg_mcast, msglen, 32),
	AT(struct req_lib_cpg_mcast, message, 40),
	SIZE(struct req_lib_cpg_partial_mcast, 56),
	AT(struct req_lib_cpg_partial_mcast, msglen, 32),
	AT(struct req_lib_cpg_partial_mcast, fraglen, 40),
	AT(struct req_lib_cpg_partial_mcast, type, 48),
	AT(struct req_lib_cpg_partial_mcast, message, 56),
	SIZE(struct res_lib_cpg_deliver_callback, 184),
	AT(struct res_lib_cpg_deliver_callback, msglen, 160),
	AT(struct res_lib_cpg_deliver_callback, nodeid, 168),
	AT(struct res_lib_cpg_deliver_callback, pid, 176),
	SIZE(struct res_lib_cpg_partial_deliver_callback, 200),
	AT(struct res_lib_cpg_partial_deliver_callback, fraglen, 168),
	AT(struct res_lib_cpg_partial_deliver_callback, nodeid, 176),
	AT(struct res_lib_cpg_partial_deliver_callback, pid, 184),
	AT(struct res_lib_cpg_partial_deliver_callback, type, 192),
	SIZE(struct req_lib_cpg_membership_get, 152),
	SIZE(struct res_lib_cpg_membership_get, 9248),
	AT(struct res_lib_cpg_membership_get, member_count, 24),
	AT(struct res_lib_cpg_membership_get, member_list, 32),
	SIZE(struct res_lib_cpg_confchg_callback, 184),
	AT(struct res_lib_cpg_confchg_callback, member_list_entries, 160),
	AT(struct res_lib_cpg_confchg_callback, joined_list_entries, 168),
	AT(struct res_lib_cpg_confchg_callback, left_list_entries, 176),
	AT(struct res_lib_cpg_confchg_callback, member_list, 184),
	SIZE(struct res_lib_cpg_totem_confchg_callback, 48),
	AT(struct res_lib_cpg_totem_confchg_callback, ring_id, 24),
	AT(struct res_lib_cpg_totem_confchg_callback, member_list_entries, 40),
	AT(struct res_lib_cpg_totem_confchg_callback, member_list, 44),
	SIZE(struct res_lib_cpg_local_get, 32),
	AT(struct res_lib_cpg_local_get, local_nodeid, 24),
	SIZE(struct req_lib_cpg_iterationinitialize, 160),
	AT(struct req_lib_cpg_iterationinitialize, iteration_type, 152),
	SIZE(struct res_lib_cpg_iterationinitialize, 32),
	AT(struct res_lib_cpg_iterationinitialize, iteration_handle, 24),
	SIZE(struct req_lib_cpg_iterationnext, 24),
	SIZE(struct res_lib_cpg_iterationnext, 168),
	AT(struct res_lib_cpg_iterationnext, description, 24),
	SIZE(struct req_lib_cpg_iterationfinalize, 24),
	SIZE(struct res_lib_cpg_flowcontrol_callback, 32),
};

/* The public structs, as compiled against corosync 3.1.7's cpg.h. */
static const struct layout api[] = {
	SIZE(cs_name_t, 258),
	SIZE(struct cpg_name, 132),
	SIZE(struct cpg_address, 12),
	SIZE(struct cpg_ring_id, 16),
	AT(struct cpg_ring_id, seq, 8),
	SIZE(struct cpg_iteration_description_t, 140),
	AT(struct cpg_iteration_description_t, pid, 136),
	SIZE(cpg_callbacks_t, 16),
	SIZE(cpg_model_v1_data_t, 40),
	AT(cpg_model_v1_data_t, cpg_deliver_fn, 8),
	AT(cpg_model_v1_data_t, cpg_totem_confchg_fn, 24),
	AT(cpg_model_v1_data_t, flags, 32),
};

static void check_all(const struct layout *cases, size_t n)
{
	int wrong = 0;

	for (size_t i = 0; i < n; i++) {
		if (cases[i].got != cases[i].want) {
			print_error("%s is %zu, corosync has %zu\n", cases[i].what, cases[i].got,
				    cases[i].want);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

static void wire_structs_match_corosync(void **state)
{
	check_all(wire, sizeof(wire) / sizeof(wire[0]));
}

static void api_structs_match_corosync(void **state)
{
	check_all(api, sizeof(api) / sizeof(api[0]));
}

static void constants_match_corosync(void **state)
{
	assert_int_equal(IPC_REQUEST_SIZE, 1048576);
	assert_int_equal(PROCESSOR_COUNT_MAX, 384);
	assert_int_equal(CPG_MEMBERS_MAX, 128);
	assert_int_equal(CPG_MAX_NAME_LENGTH, 128);
	assert_int_equal(CS_ERR_TOO_MANY_GROUPS, 30);
	assert_int_equal(CS_ERR_SECURITY, 100);
	assert_int_equal(CPG_REASON_PROCDOWN, 5);
	assert_int_equal(CPG_ITERATION_ALL, 3);
	assert_int_equal(LIBCPG_PARTIAL_LAST, 3);
	assert_int_equal(MESSAGE_RES_CPG_TOTEM_CONFCHG_CALLBACK, 13);
	assert_int_equal(MESSAGE_RES_CPG_PARTIAL_DELIVER_CALLBACK, 17);
}

static void name_conversion_zeroes_the_tail(void **state)
{
	struct cpg_name name = { .length = 3 };
	mar_cpg_name_t wire_name;
	struct cpg_name back;

	memset(name.value, 'x', sizeof(name.value));
	memcpy(name.value, "abc", 3);
	mar_cpg_name_from_api(&wire_name, &name);
	assert_int_equal(wire_name.length, 3);
	assert_memory_equal(wire_name.value, "abc\0\0", 5);
	assert_int_equal(wire_name.value[CPG_MAX_NAME_LENGTH - 1], 0);
	mar_cpg_name_to_api(&back, &wire_name);
	assert_int_equal(back.length, 3);
	assert_memory_equal(back.value, "abc", 3);
}

static void names_compare_by_length_then_bytes(void **state)
{
	struct cpg_name a = { 2, "ab" }, b = { 3, "aba" }, c = { 2, "ac" };
	mar_cpg_name_t wa, wb, wc, wa2;

	mar_cpg_name_from_api(&wa, &a);
	mar_cpg_name_from_api(&wa2, &a);
	mar_cpg_name_from_api(&wb, &b);
	mar_cpg_name_from_api(&wc, &c);
	assert_int_equal(mar_cpg_name_compare(&wa, &wa2), 0);
	assert_true(mar_cpg_name_compare(&wa, &wb) < 0);
	assert_true(mar_cpg_name_compare(&wb, &wa) > 0);
	assert_true(mar_cpg_name_compare(&wa, &wc) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wire_structs_match_corosync),
		cmocka_unit_test(api_structs_match_corosync),
		cmocka_unit_test(constants_match_corosync),
		cmocka_unit_test(name_conversion_zeroes_the_tail),
		cmocka_unit_test(names_compare_by_length_then_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
