/*
 * libcpg event decoding from hand-built buffers: deliver, confchg (array
 * order members, left, joined), totem confchg, the reassembly of fragmented
 * messages per sender, and the refusal of events whose sizes do not add up.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpg_internal.h"

#define HANDLE 0x1234567800000003ULL
#define GROUP "testgroup"

/* What the callbacks saw. */
static struct {
	int delivered;
	cpg_handle_t handle;
	char group[CPG_MAX_NAME_LENGTH + 1];
	uint32_t nodeid, pid;
	char msg[4096];
	size_t msg_len;

	int confchgs;
	struct cpg_address members[8], left[8], joined[8];
	size_t n_members, n_left, n_joined;

	int totem_confchgs;
	struct cpg_ring_id ring;
	uint32_t nodes[8];
	uint32_t n_nodes;
} seen;

static void on_deliver(cpg_handle_t handle, const struct cpg_name *group, uint32_t nodeid,
		       uint32_t pid, void *msg, size_t msg_len)
{
	seen.delivered++;
	seen.handle = handle;
	memcpy(seen.group, group->value, group->length);
	seen.group[group->length] = '\0';
	seen.nodeid = nodeid;
	seen.pid = pid;
	assert_true(msg_len <= sizeof(seen.msg));
	memcpy(seen.msg, msg, msg_len);
	seen.msg_len = msg_len;
}

static void on_confchg(cpg_handle_t handle, const struct cpg_name *group,
		       const struct cpg_address *members, size_t n_members,
		       const struct cpg_address *left, size_t n_left,
		       const struct cpg_address *joined, size_t n_joined)
{
	seen.confchgs++;
	seen.handle = handle;
	memcpy(seen.group, group->value, group->length);
	seen.group[group->length] = '\0';
	assert_true(n_members <= 8 && n_left <= 8 && n_joined <= 8);
	memcpy(seen.members, members, n_members * sizeof(*members));
	memcpy(seen.left, left, n_left * sizeof(*left));
	memcpy(seen.joined, joined, n_joined * sizeof(*joined));
	seen.n_members = n_members;
	seen.n_left = n_left;
	seen.n_joined = n_joined;
}

static void on_totem(cpg_handle_t handle, struct cpg_ring_id ring, uint32_t n,
		     const uint32_t *nodes)
{
	seen.totem_confchgs++;
	seen.ring = ring;
	assert_true(n <= 8);
	memcpy(seen.nodes, nodes, n * sizeof(*nodes));
	seen.n_nodes = n;
}

static struct cpg_inst *inst;
/* Events are built here; 8-byte aligned like the library's own buffer. */
static uint64_t event[(IPC_DISPATCH_SIZE) / 8];

static int setup(void **state)
{
	cpg_model_v1_data_t model = {
		.model = CPG_MODEL_V1,
		.cpg_deliver_fn = on_deliver,
		.cpg_confchg_fn = on_confchg,
		.cpg_totem_confchg_fn = on_totem,
	};

	memset(&seen, 0, sizeof(seen));
	inst = cpg__inst_new(&model, NULL);
	return inst == NULL;
}

static int teardown(void **state)
{
	cpg__inst_free(inst);
	return 0;
}

static void set_group(mar_cpg_name_t *name)
{
	struct cpg_name g = { .length = sizeof(GROUP) - 1 };

	memcpy(g.value, GROUP, sizeof(GROUP) - 1);
	mar_cpg_name_from_api(name, &g);
}

static size_t build_deliver(uint32_t nodeid, uint32_t pid, const char *text)
{
	struct res_lib_cpg_deliver_callback *d = (void *)event;
	size_t len = strlen(text);

	memset(d, 0, sizeof(*d));
	d->header.id = MESSAGE_RES_CPG_DELIVER_CALLBACK;
	d->header.size = (int32_t)(sizeof(*d) + len);
	set_group(&d->group_name);
	d->msglen = (uint32_t)len;
	d->nodeid = nodeid;
	d->pid = pid;
	memcpy(d->message, text, len);
	return sizeof(*d) + len;
}

static size_t build_fragment(uint32_t nodeid, uint32_t pid, uint32_t msglen, uint32_t type,
			     const char *piece)
{
	struct res_lib_cpg_partial_deliver_callback *f = (void *)event;
	size_t len = strlen(piece);

	memset(f, 0, sizeof(*f));
	f->header.id = MESSAGE_RES_CPG_PARTIAL_DELIVER_CALLBACK;
	f->header.size = (int32_t)(sizeof(*f) + len);
	set_group(&f->group_name);
	f->msglen = msglen;
	f->fraglen = (uint32_t)len;
	f->nodeid = nodeid;
	f->pid = pid;
	f->type = type;
	memcpy(f->message, piece, len);
	return sizeof(*f) + len;
}

static int feed(size_t len)
{
	return cpg__event_handle(inst, HANDLE, event, len);
}

static int feed_fragment(uint32_t nodeid, uint32_t pid, uint32_t msglen, uint32_t type,
			 const char *piece)
{
	return feed(build_fragment(nodeid, pid, msglen, type, piece));
}

static void deliver_passes_message_and_sender(void **state)
{
	assert_int_equal(feed(build_deliver(3, 4242, "hello")), 0);
	assert_int_equal(seen.delivered, 1);
	assert_int_equal(seen.handle, HANDLE);
	assert_string_equal(seen.group, GROUP);
	assert_int_equal(seen.nodeid, 3);
	assert_int_equal(seen.pid, 4242);
	assert_int_equal(seen.msg_len, 5);
	assert_memory_equal(seen.msg, "hello", 5);
}

static void empty_message_is_delivered(void **state)
{
	assert_int_equal(feed(build_deliver(1, 2, "")), 0);
	assert_int_equal(seen.delivered, 1);
	assert_int_equal(seen.msg_len, 0);
}

/* Header counts say members, joined, left; the array holds members, left,
 * joined.  Distinct counts catch any mix-up. */
static void confchg_lists_are_members_left_joined(void **state)
{
	struct res_lib_cpg_confchg_callback *cc = (void *)event;
	const uint32_t m = 3, l = 1, j = 2;

	memset(cc, 0, sizeof(*cc) + 6 * sizeof(mar_cpg_address_t));
	cc->header.id = MESSAGE_RES_CPG_CONFCHG_CALLBACK;
	cc->header.size = (int32_t)(sizeof(*cc) + 6 * sizeof(mar_cpg_address_t));
	set_group(&cc->group_name);
	cc->member_list_entries = m;
	cc->joined_list_entries = j;
	cc->left_list_entries = l;
	for (uint32_t i = 0; i < 6; i++) {
		cc->member_list[i].nodeid = 10 + i;
		cc->member_list[i].pid = 100 + i;
		cc->member_list[i].reason = i < m       ? 0
					    : i < m + l ? CPG_REASON_PROCDOWN
							: CPG_REASON_JOIN;
	}
	assert_int_equal(feed((size_t)cc->header.size), 0);
	assert_int_equal(seen.confchgs, 1);
	assert_string_equal(seen.group, GROUP);
	assert_int_equal(seen.n_members, 3);
	assert_int_equal(seen.n_left, 1);
	assert_int_equal(seen.n_joined, 2);
	assert_int_equal(seen.members[0].nodeid, 10);
	assert_int_equal(seen.members[2].pid, 102);
	assert_int_equal(seen.left[0].nodeid, 13);
	assert_int_equal(seen.left[0].reason, CPG_REASON_PROCDOWN);
	assert_int_equal(seen.joined[0].nodeid, 14);
	assert_int_equal(seen.joined[1].pid, 105);
	assert_int_equal(seen.joined[1].reason, CPG_REASON_JOIN);
}

static void confchg_with_empty_lists(void **state)
{
	struct res_lib_cpg_confchg_callback *cc = (void *)event;

	memset(cc, 0, sizeof(*cc));
	cc->header.id = MESSAGE_RES_CPG_CONFCHG_CALLBACK;
	cc->header.size = sizeof(*cc);
	assert_int_equal(feed(sizeof(*cc)), 0);
	assert_int_equal(seen.confchgs, 1);
	assert_int_equal(seen.n_members + seen.n_left + seen.n_joined, 0);
}

/* corosync sizes it sizeof(struct) + 4 * n, 4 bytes more than the array
 * needs; the exact size is accepted too. */
static void totem_confchg_gives_ring_and_nodes(void **state)
{
	struct res_lib_cpg_totem_confchg_callback *tc = (void *)event;

	for (int slack = 4; slack >= 0; slack -= 4) {
		memset(tc, 0, sizeof(*tc) + 12);
		tc->header.id = MESSAGE_RES_CPG_TOTEM_CONFCHG_CALLBACK;
		tc->header.size = (int32_t)(44 + 3 * 4 + slack);
		tc->ring_id.nodeid = 1;
		tc->ring_id.seq = 0x1234567890ULL;
		tc->member_list_entries = 3;
		tc->member_list[0] = 1;
		tc->member_list[1] = 2;
		tc->member_list[2] = 7;
		assert_int_equal(feed((size_t)tc->header.size), 0);
		assert_int_equal(seen.ring.nodeid, 1);
		assert_int_equal(seen.ring.seq, 0x1234567890ULL);
		assert_int_equal(seen.n_nodes, 3);
		assert_int_equal(seen.nodes[2], 7);
	}
	assert_int_equal(seen.totem_confchgs, 2);
}

static void fragments_are_reassembled(void **state)
{
	assert_int_equal(feed_fragment(2, 77, 11, LIBCPG_PARTIAL_FIRST, "hell"), 0);
	assert_int_equal(feed_fragment(2, 77, 11, LIBCPG_PARTIAL_CONTINUED, "o wo"), 0);
	assert_int_equal(seen.delivered, 0);
	assert_int_equal(feed_fragment(2, 77, 11, LIBCPG_PARTIAL_LAST, "rld"), 0);
	assert_int_equal(seen.delivered, 1);
	assert_int_equal(seen.nodeid, 2);
	assert_int_equal(seen.pid, 77);
	assert_string_equal(seen.group, GROUP);
	assert_int_equal(seen.msg_len, 11);
	assert_memory_equal(seen.msg, "hello world", 11);
	assert_null(inst->assemblies);
}

static void senders_are_reassembled_apart(void **state)
{
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_FIRST, "aa"), 0);
	assert_int_equal(feed_fragment(2, 10, 6, LIBCPG_PARTIAL_FIRST, "xx"), 0);
	assert_int_equal(feed_fragment(1, 11, 4, LIBCPG_PARTIAL_FIRST, "pp"), 0);
	assert_int_equal(feed_fragment(2, 10, 6, LIBCPG_PARTIAL_CONTINUED, "yy"), 0);
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_CONTINUED, "bb"), 0);
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_LAST, "cc"), 0);
	assert_int_equal(seen.delivered, 1);
	assert_memory_equal(seen.msg, "aabbcc", 6);
	assert_int_equal(seen.nodeid, 1);
	assert_int_equal(feed_fragment(1, 11, 4, LIBCPG_PARTIAL_LAST, "qq"), 0);
	assert_int_equal(seen.delivered, 2);
	assert_memory_equal(seen.msg, "ppqq", 4);
	assert_int_equal(seen.pid, 11);
	assert_int_equal(feed_fragment(2, 10, 6, LIBCPG_PARTIAL_LAST, "zz"), 0);
	assert_int_equal(seen.delivered, 3);
	assert_memory_equal(seen.msg, "xxyyzz", 6);
	assert_int_equal(seen.nodeid, 2);
	assert_null(inst->assemblies);
}

/* Joined in the middle of someone's message: its tail is not delivered,
 * and the sender's next message is. */
static void fragments_without_first_are_dropped(void **state)
{
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_CONTINUED, "bb"), 0);
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_LAST, "cc"), 0);
	assert_int_equal(seen.delivered, 0);
	assert_int_equal(feed_fragment(1, 10, 4, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	assert_int_equal(feed_fragment(1, 10, 4, LIBCPG_PARTIAL_LAST, "cd"), 0);
	assert_int_equal(seen.delivered, 1);
	assert_memory_equal(seen.msg, "abcd", 4);
}

static void overflowing_fragment_drops_the_message(void **state)
{
	assert_int_equal(feed_fragment(1, 10, 5, LIBCPG_PARTIAL_FIRST, "abc"), 0);
	assert_int_equal(feed_fragment(1, 10, 5, LIBCPG_PARTIAL_CONTINUED, "def"), 0);
	assert_null(inst->assemblies);
	assert_int_equal(feed_fragment(1, 10, 5, LIBCPG_PARTIAL_LAST, "gh"), 0);
	assert_int_equal(seen.delivered, 0);
	/* A first fragment longer than its message never starts one. */
	assert_int_equal(feed_fragment(1, 10, 2, LIBCPG_PARTIAL_FIRST, "abc"), 0);
	assert_null(inst->assemblies);
}

static void fragment_of_another_length_drops_the_message(void **state)
{
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	assert_int_equal(feed_fragment(1, 10, 7, LIBCPG_PARTIAL_CONTINUED, "cd"), 0);
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_LAST, "ef"), 0);
	assert_int_equal(seen.delivered, 0);
	assert_null(inst->assemblies);
}

static void early_last_drops_the_message(void **state)
{
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_LAST, "cd"), 0);
	assert_int_equal(seen.delivered, 0);
	assert_null(inst->assemblies);
}

static void new_first_restarts_the_message(void **state)
{
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	assert_int_equal(feed_fragment(1, 10, 4, LIBCPG_PARTIAL_FIRST, "wx"), 0);
	assert_int_equal(feed_fragment(1, 10, 4, LIBCPG_PARTIAL_LAST, "yz"), 0);
	assert_int_equal(seen.delivered, 1);
	assert_int_equal(seen.msg_len, 4);
	assert_memory_equal(seen.msg, "wxyz", 4);
	assert_null(inst->assemblies);
}

static void unknown_fragment_type_drops_the_message(void **state)
{
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	assert_int_equal(feed_fragment(1, 10, 6, 9, "cd"), 0);
	assert_null(inst->assemblies);
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_LAST, "ef"), 0);
	assert_int_equal(seen.delivered, 0);
}

/* A sender that leaves the group will never finish its message. */
static void leaving_sender_drops_its_message(void **state)
{
	struct res_lib_cpg_confchg_callback *cc = (void *)event;

	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	assert_int_equal(feed_fragment(1, 20, 6, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	memset(cc, 0, sizeof(*cc) + 2 * sizeof(mar_cpg_address_t));
	cc->header.id = MESSAGE_RES_CPG_CONFCHG_CALLBACK;
	cc->header.size = (int32_t)(sizeof(*cc) + 2 * sizeof(mar_cpg_address_t));
	cc->member_list_entries = 1;
	cc->left_list_entries = 1;
	cc->member_list[0] = (mar_cpg_address_t){ .nodeid = 1, .pid = 20 };
	cc->member_list[1] = (mar_cpg_address_t){ .nodeid = 1, .pid = 10, .reason = 5 };
	assert_int_equal(feed((size_t)cc->header.size), 0);
	assert_non_null(inst->assemblies);
	assert_int_equal(inst->assemblies->pid, 20);
	assert_null(inst->assemblies->next);
	assert_int_equal(feed_fragment(1, 10, 6, LIBCPG_PARTIAL_LAST, "cdef"), 0);
	assert_int_equal(seen.delivered, 0);
}

static void bad_sizes_are_refused(void **state)
{
	struct qb_ipc_response_header *hdr = (void *)event;

	size_t len = build_deliver(1, 2, "hello");
	assert_int_equal(cpg__event_handle(inst, HANDLE, event, len - 1), -EBADMSG);
	hdr->size = (int32_t)(len - 1); /* msglen now runs past the event */
	assert_int_equal(feed(len), -EBADMSG);
	hdr->size = 8;
	assert_int_equal(feed(len), -EBADMSG);
	hdr->size = -1;
	assert_int_equal(feed(len), -EBADMSG);
	assert_int_equal(cpg__event_handle(inst, HANDLE, event, 10), -EBADMSG);

	len = build_fragment(1, 2, 100, LIBCPG_PARTIAL_FIRST, "abc");
	hdr->size = (int32_t)(len - 1);
	assert_int_equal(feed(len), -EBADMSG);

	struct res_lib_cpg_confchg_callback *cc = (void *)event;
	memset(cc, 0, sizeof(*cc));
	cc->header.id = MESSAGE_RES_CPG_CONFCHG_CALLBACK;
	cc->header.size = sizeof(*cc) + sizeof(mar_cpg_address_t);
	cc->member_list_entries = 1;
	cc->left_list_entries = 0xffffffff;
	assert_int_equal(feed((size_t)cc->header.size), -EBADMSG);
	cc->left_list_entries = 1;
	assert_int_equal(feed((size_t)cc->header.size), -EBADMSG);

	struct res_lib_cpg_totem_confchg_callback *tc = (void *)event;
	memset(tc, 0, sizeof(*tc));
	tc->header.id = MESSAGE_RES_CPG_TOTEM_CONFCHG_CALLBACK;
	tc->header.size = sizeof(*tc);
	tc->member_list_entries = 2;
	assert_int_equal(feed(sizeof(*tc)), -EBADMSG);

	/* Shorter than the fixed part of its kind. */
	hdr->id = MESSAGE_RES_CPG_DELIVER_CALLBACK;
	hdr->size = 100;
	assert_int_equal(feed(100), -EBADMSG);
	assert_int_equal(seen.delivered + seen.confchgs + seen.totem_confchgs, 0);
}

static void unknown_events_are_refused(void **state)
{
	struct qb_ipc_response_header *hdr = (void *)event;

	memset(hdr, 0, 64);
	hdr->size = 64;
	hdr->id = MESSAGE_RES_CPG_JOIN; /* a reply, not an event */
	assert_int_equal(feed(64), -EPROTO);
	hdr->id = 99;
	assert_int_equal(feed(64), -EPROTO);
	hdr->id = -1;
	assert_int_equal(feed(64), -EPROTO);
	hdr->id = MESSAGE_RES_CPG_FLOWCONTROL_CALLBACK; /* never sent; ignored */
	assert_int_equal(feed(64), 0);
}

/* Without callbacks events are consumed, fragments still reassembled and
 * freed. */
static void missing_callbacks_are_skipped(void **state)
{
	cpg__inst_free(inst);
	inst = cpg__inst_new(NULL, NULL);
	assert_non_null(inst);
	assert_int_equal(feed(build_deliver(1, 2, "x")), 0);
	assert_int_equal(feed_fragment(1, 10, 4, LIBCPG_PARTIAL_FIRST, "ab"), 0);
	assert_int_equal(feed_fragment(1, 10, 4, LIBCPG_PARTIAL_LAST, "cd"), 0);
	assert_null(inst->assemblies);
	struct res_lib_cpg_confchg_callback *cc = (void *)event;
	memset(cc, 0, sizeof(*cc));
	cc->header.id = MESSAGE_RES_CPG_CONFCHG_CALLBACK;
	cc->header.size = sizeof(*cc);
	assert_int_equal(feed(sizeof(*cc)), 0);
	assert_int_equal(seen.delivered + seen.confchgs, 0);
}

#define LARGE_PIECE (IPC_DISPATCH_SIZE - 1024)

static void on_large(cpg_handle_t handle, const struct cpg_name *group, uint32_t nodeid,
		     uint32_t pid, void *msg, size_t msg_len)
{
	const char *bytes = msg;

	assert_int_equal(msg_len, 2 * LARGE_PIECE);
	for (size_t i = 0; i < msg_len; i++) {
		if (bytes[i] != (i < LARGE_PIECE ? 'a' : 'b')) {
			fail_msg("byte %zu is '%c'", i, bytes[i]);
		}
	}
	seen.delivered++;
}

/* Fragments as long as the largest event. */
static void large_fragments_are_reassembled(void **state)
{
	struct res_lib_cpg_partial_deliver_callback *f = (void *)event;

	inst->model.cpg_deliver_fn = on_large;
	for (int part = 0; part < 2; part++) {
		memset(f, 0, sizeof(*f));
		f->header.id = MESSAGE_RES_CPG_PARTIAL_DELIVER_CALLBACK;
		f->header.size = (int32_t)(sizeof(*f) + LARGE_PIECE);
		f->msglen = 2 * LARGE_PIECE;
		f->fraglen = LARGE_PIECE;
		f->type = part == 0 ? LIBCPG_PARTIAL_FIRST : LIBCPG_PARTIAL_LAST;
		memset(f->message, 'a' + part, LARGE_PIECE);
		assert_int_equal(feed((size_t)f->header.size), 0);
	}
	assert_int_equal(seen.delivered, 1);
	assert_null(inst->assemblies);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(deliver_passes_message_and_sender, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_message_is_delivered, setup, teardown),
		cmocka_unit_test_setup_teardown(confchg_lists_are_members_left_joined, setup,
						teardown),
		cmocka_unit_test_setup_teardown(confchg_with_empty_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(totem_confchg_gives_ring_and_nodes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(fragments_are_reassembled, setup, teardown),
		cmocka_unit_test_setup_teardown(senders_are_reassembled_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(fragments_without_first_are_dropped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(overflowing_fragment_drops_the_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(fragment_of_another_length_drops_the_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(early_last_drops_the_message, setup, teardown),
		cmocka_unit_test_setup_teardown(new_first_restarts_the_message, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_fragment_type_drops_the_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(leaving_sender_drops_its_message, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_sizes_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_events_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_callbacks_are_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(large_fragments_are_reassembled, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
