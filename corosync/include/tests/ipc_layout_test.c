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

#include <corosync/cfg.h>
#include <corosync/cmap.h>
#include <corosync/cpg.h>
#include <corosync/quorum.h>
#include <corosync/votequorum.h>
#include <corosync/ipc_cfg.h>
#include <corosync/ipc_cmap.h>
#include <corosync/ipc_cpg.h>
#include <corosync/ipc_quorum.h>
#include <corosync/ipc_votequorum.h>

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
	SIZE(struct req_lib_cmap_set, 296),
	AT(struct req_lib_cmap_set, value_len, 280),
	AT(struct req_lib_cmap_set, type, 288),
	SIZE(struct req_lib_cmap_get, 288),
	SIZE(struct res_lib_cmap_get, 40),
	AT(struct res_lib_cmap_get, type, 32),
	SIZE(struct req_lib_cmap_adjust_int, 288),
	SIZE(struct res_lib_cmap_iter_next, 304),
	AT(struct res_lib_cmap_iter_next, value_len, 288),
	AT(struct res_lib_cmap_iter_next, type, 296),
	SIZE(struct req_lib_cmap_track_add, 296),
	AT(struct req_lib_cmap_track_add, track_inst_handle, 288),
	SIZE(struct res_lib_cmap_notify_callback, 336),
	AT(struct res_lib_cmap_notify_callback, event, 296),
	AT(struct res_lib_cmap_notify_callback, old_value_type, 312),
	AT(struct res_lib_cmap_notify_callback, old_value_len, 328),
	SIZE(struct req_lib_cmap_set_current_map, 24),
	SIZE(struct res_lib_cfg_ringstatusget, 10272),
	AT(struct res_lib_cfg_ringstatusget, interface_status, 2080),
	SIZE(struct req_lib_cfg_nodestatusget, 32),
	AT(struct req_lib_cfg_nodestatusget, version, 24),
	SIZE(struct res_lib_cfg_nodestatusget_v1, 4200),
	SIZE(struct req_lib_cfg_killnode, 288),
	AT(struct req_lib_cfg_killnode, reason, 24),
	SIZE(struct res_lib_cfg_testshutdown, 32),
	SIZE(struct res_lib_cfg_get_node_addrs, 32),
	AT(struct res_lib_cfg_get_node_addrs, num_addrs, 28),
	SIZE(struct req_lib_cfg_trackstart, 24),
	SIZE(struct req_lib_quorum_trackstart, 24),
	AT(struct req_lib_quorum_trackstart, track_flags, 16),
	SIZE(struct res_lib_quorum_notification, 48),
	AT(struct res_lib_quorum_notification, view_list, 44),
	SIZE(struct res_lib_quorum_v1_quorum_notification, 56),
	AT(struct res_lib_quorum_v1_quorum_notification, view_list, 52),
	SIZE(struct res_lib_quorum_v1_nodelist_notification, 64),
	AT(struct res_lib_quorum_v1_nodelist_notification, member_list, 60),
	SIZE(struct req_lib_quorum_model_gettype, 24),
	SIZE(struct res_lib_votequorum_getinfo, 320),
	AT(struct res_lib_votequorum_getinfo, qdevice_name, 60),
	SIZE(struct req_lib_votequorum_setvotes, 24),
	AT(struct req_lib_votequorum_setvotes, nodeid, 20),
	SIZE(struct req_lib_votequorum_trackstart, 32),
	AT(struct req_lib_votequorum_trackstart, track_flags, 24),
	SIZE(struct res_lib_votequorum_quorum_notification, 48),
	AT(struct res_lib_votequorum_quorum_notification, node_list, 48),
	SIZE(struct res_lib_votequorum_nodelist_notification, 56),
	AT(struct res_lib_votequorum_nodelist_notification, node_list, 56),
	SIZE(struct res_lib_votequorum_expectedvotes_notification, 40),
	SIZE(struct req_lib_votequorum_qdevice_poll, 296),
	AT(struct req_lib_votequorum_qdevice_poll, ring_id, 280),
	SIZE(struct req_lib_votequorum_qdevice_master_wins, 280),
};

/* The public structs, as compiled against corosync 3.1.7's cpg.h, cmap.h,
 * cfg.h, quorum.h and votequorum.h. */
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
	SIZE(struct cmap_notify_value, 24),
	AT(struct cmap_notify_value, len, 8),
	AT(struct cmap_notify_value, data, 16),
	SIZE(corosync_cfg_callbacks_t, 8),
	SIZE(corosync_cfg_node_address_t, 32),
	AT(corosync_cfg_node_address_t, address, 4),
	SIZE(struct corosync_knet_link_status_v1, 520),
	AT(struct corosync_knet_link_status_v1, mtu, 4),
	AT(struct corosync_knet_link_status_v1, src_ipaddr, 8),
	AT(struct corosync_knet_link_status_v1, dst_ipaddr, 264),
	SIZE(struct corosync_cfg_node_status_v1, 4176),
	AT(struct corosync_cfg_node_status_v1, nodeid, 4),
	AT(struct corosync_cfg_node_status_v1, reachable, 8),
	AT(struct corosync_cfg_node_status_v1, onwire_ver, 13),
	AT(struct corosync_cfg_node_status_v1, link_status, 16),
	SIZE(struct quorum_ring_id, 16),
	AT(struct quorum_ring_id, seq, 8),
	SIZE(quorum_callbacks_t, 8),
	SIZE(quorum_model_data_t, 4),
	SIZE(quorum_model_v0_data_t, 16),
	SIZE(quorum_model_v1_data_t, 24),
	AT(quorum_model_v1_data_t, quorum_notify_fn, 8),
	AT(quorum_model_v1_data_t, nodelist_notify_fn, 16),
	SIZE(struct votequorum_info, 292),
	AT(struct votequorum_info, flags, 28),
	AT(struct votequorum_info, qdevice_votes, 32),
	AT(struct votequorum_info, qdevice_name, 36),
	SIZE(votequorum_node_t, 8),
	SIZE(votequorum_ring_id_t, 16),
	AT(votequorum_ring_id_t, seq, 8),
	SIZE(votequorum_callbacks_t, 24),
	AT(votequorum_callbacks_t, votequorum_expectedvotes_notify_fn, 8),
	AT(votequorum_callbacks_t, votequorum_nodelist_notify_fn, 16),
	SIZE(cmap_map_t, 4),
	SIZE(corosync_cfg_node_status_version_t, 4),
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
	assert_int_equal(CMAP_VALUETYPE_BINARY, 12);
	assert_int_equal(CMAP_TRACK_ADD | CMAP_TRACK_DELETE | CMAP_TRACK_MODIFY, 7);
	assert_int_equal(MESSAGE_RES_CMAP_SET_CURRENT_MAP, 10);
	assert_int_equal(MESSAGE_RES_CFG_TESTSHUTDOWN, 10);
	assert_int_equal(MESSAGE_RES_CFG_GET_NODE_ADDRS, 11);
	assert_int_equal(MESSAGE_REQ_CFG_NODESTATUSGET, 9);
	assert_int_equal(COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS, 1);
	assert_int_equal(MESSAGE_RES_QUORUM_V1_QUORUM_NOTIFICATION, 6);
	assert_int_equal(MESSAGE_RES_VOTEQUORUM_EXPECTEDVOTES_NOTIFICATION, 4);
	assert_int_equal(VOTEQUORUM_INFO_QDEVICE_MASTER_WINS, 512);
	assert_int_equal(VOTEQUORUM_QDEVICE_DEFAULT_SYNC_TIMEOUT, 30000);
	assert_int_equal(CFG_INTERFACE_STATUS_MAX_LEN, 512);
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
