/*
 * cmap requests against real maps: every request's layout and answer,
 * the two-step string read, read-only keys and maps, bad key names,
 * per-client iterators and trackers with their notifications, map
 * switching, and cleanup when a client ends.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <corosync/ipc_cmap.h>

#include "../cmap_int.h"

/* What a client sent: the last reply and every event, as bytes. */
struct sink {
	uint8_t *reply;
	size_t reply_len;
	unsigned n_events;
	uint8_t *event[8];
	size_t event_len[8];
};

static uint8_t *gather(const struct iovec *iov, size_t iovcnt, size_t *len)
{
	uint8_t *buf;

	*len = 0;
	for (size_t i = 0; i < iovcnt; i++) {
		*len += iov[i].iov_len;
	}
	buf = malloc(*len > 0 ? *len : 1);
	assert_non_null(buf);
	*len = 0;
	for (size_t i = 0; i < iovcnt; i++) {
		memcpy(buf + *len, iov[i].iov_base, iov[i].iov_len);
		*len += iov[i].iov_len;
	}
	return buf;
}

static int sink_reply(void *ctx, const struct iovec *iov, size_t iovcnt)
{
	struct sink *k = ctx;

	free(k->reply);
	k->reply = gather(iov, iovcnt, &k->reply_len);
	return 0;
}

static int sink_event(void *ctx, const struct iovec *iov, size_t iovcnt)
{
	struct sink *k = ctx;

	assert_true(k->n_events < 8);
	k->event[k->n_events] = gather(iov, iovcnt, &k->event_len[k->n_events]);
	k->n_events++;
	return 0;
}

static void sink_clear(struct sink *k)
{
	free(k->reply);
	for (unsigned i = 0; i < k->n_events; i++) {
		free(k->event[i]);
	}
	memset(k, 0, sizeof(*k));
}

struct ctx {
	struct cs_map *config, *stats;
	struct cmap_maps maps;
	struct sink sink, other_sink;
	struct cmap_client s, other;
};

/* What the refresh hook was last asked. */
static int refreshed_map = -1;
static char refreshed_key[300];

static void refresh(enum cmap_map_id id, const char *key)
{
	refreshed_map = (int)id;
	strcpy(refreshed_key, key);
}

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->config = cs_map_new();
	c->stats = cs_map_new();
	c->maps.map[CMAP_MAP_CONFIG] = c->config;
	c->maps.map[CMAP_MAP_STATS] = c->stats;
	c->maps.read_only[CMAP_MAP_STATS] = true;
	c->maps.refresh = refresh;
	cs_map_set_ro(c->config, "runtime.config.", true);
	cs_map_set_ro(c->config, "totem.cluster_name", true);
	cmap_client_init(&c->s, &c->maps, &(struct cmap_io){ sink_reply, sink_event, &c->sink });
	cmap_client_init(&c->other, &c->maps,
			 &(struct cmap_io){ sink_reply, sink_event, &c->other_sink });
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	cmap_client_fini(&c->s);
	cmap_client_fini(&c->other);
	cs_map_free(c->config);
	cs_map_free(c->stats);
	sink_clear(&c->sink);
	sink_clear(&c->other_sink);
	free(c);
	return 0;
}

/* ---- building requests ---- */

static void name(mar_name_t *n, const char *key)
{
	memset(n, 0, sizeof(*n));
	n->length = (uint16_t)strlen(key);
	memcpy(n->value, key, n->length);
}

static const struct qb_ipc_response_header *res(const struct ctx *c)
{
	assert_non_null(c->sink.reply);
	assert_true(c->sink.reply_len >= sizeof(struct qb_ipc_response_header));
	return (const struct qb_ipc_response_header *)c->sink.reply;
}

/* Send a request; returns the answer's error and checks its id and that
 * its size is what the header says. */
static int32_t send_req(struct ctx *c, void *req, size_t len, int32_t id, int32_t res_id)
{
	struct qb_ipc_request_header *h = req;

	h->id = id;
	h->size = (int32_t)len;
	cmap_client_request(&c->s, req, len);
	assert_int_equal(res(c)->id, res_id);
	assert_int_equal(res(c)->size, c->sink.reply_len);
	return res(c)->error;
}

static int32_t do_set(struct ctx *c, const char *key, const void *value, size_t len, uint8_t type)
{
	struct req_lib_cmap_set *req = calloc(1, sizeof(*req) + len);
	int32_t err;

	name(&req->key_name, key);
	req->value_len = len;
	req->type = type;
	memcpy(req->value, value, len);
	err = send_req(c, req, sizeof(*req) + len, MESSAGE_REQ_CMAP_SET, MESSAGE_RES_CMAP_SET);
	assert_int_equal(c->sink.reply_len, sizeof(struct res_lib_cmap_set));
	free(req);
	return err;
}

static int32_t do_set_u32(struct ctx *c, const char *key, uint32_t v)
{
	return do_set(c, key, &v, sizeof(v), CS_MAP_UINT32);
}

/* GET with room for @room bytes; the answer stays in c->sink.reply. */
static const struct res_lib_cmap_get *do_get(struct ctx *c, const char *key, uint64_t room)
{
	struct req_lib_cmap_get req = { 0 };

	name(&req.key_name, key);
	req.value_len = room;
	send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_GET, MESSAGE_RES_CMAP_GET);
	return (const struct res_lib_cmap_get *)c->sink.reply;
}

static int32_t do_delete(struct ctx *c, const char *key)
{
	struct req_lib_cmap_delete req = { 0 };

	name(&req.key_name, key);
	return send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_DELETE, MESSAGE_RES_CMAP_DELETE);
}

static int32_t do_adjust(struct ctx *c, const char *key, int32_t step)
{
	struct req_lib_cmap_adjust_int req = { 0 };

	name(&req.key_name, key);
	req.step = step;
	return send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_ADJUST_INT,
			MESSAGE_RES_CMAP_ADJUST_INT);
}

static int32_t do_iter_init(struct ctx *c, const char *prefix, uint64_t *handle)
{
	struct req_lib_cmap_iter_init req = { 0 };
	int32_t err;

	if (prefix != NULL) {
		name(&req.prefix, prefix);
	}
	err = send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_ITER_INIT,
		       MESSAGE_RES_CMAP_ITER_INIT);
	assert_int_equal(c->sink.reply_len, sizeof(struct res_lib_cmap_iter_init));
	*handle = ((const struct res_lib_cmap_iter_init *)c->sink.reply)->iter_handle;
	return err;
}

static const struct res_lib_cmap_iter_next *do_iter_next(struct ctx *c, uint64_t handle)
{
	struct req_lib_cmap_iter_next req = { .iter_handle = handle };

	send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_ITER_NEXT, MESSAGE_RES_CMAP_ITER_NEXT);
	assert_int_equal(c->sink.reply_len, sizeof(struct res_lib_cmap_iter_next));
	return (const struct res_lib_cmap_iter_next *)c->sink.reply;
}

static int32_t do_iter_finalize(struct ctx *c, uint64_t handle)
{
	struct req_lib_cmap_iter_finalize req = { .iter_handle = handle };

	return send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_ITER_FINALIZE,
			MESSAGE_RES_CMAP_ITER_FINALIZE);
}

static int32_t do_track_add(struct ctx *c, const char *key, int32_t type, uint64_t inst,
			    uint64_t *handle)
{
	struct req_lib_cmap_track_add req = { 0 };
	int32_t err;

	if (key != NULL) {
		name(&req.key_name, key);
	}
	req.track_type = type;
	req.track_inst_handle = inst;
	err = send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_TRACK_ADD,
		       MESSAGE_RES_CMAP_TRACK_ADD);
	assert_int_equal(c->sink.reply_len, sizeof(struct res_lib_cmap_track_add));
	*handle = ((const struct res_lib_cmap_track_add *)c->sink.reply)->track_handle;
	return err;
}

static int32_t do_track_delete(struct ctx *c, uint64_t handle, uint64_t *inst)
{
	struct req_lib_cmap_track_delete req = { .track_handle = handle };
	int32_t err = send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_TRACK_DELETE,
			       MESSAGE_RES_CMAP_TRACK_DELETE);

	assert_int_equal(c->sink.reply_len, sizeof(struct res_lib_cmap_track_delete));
	*inst = ((const struct res_lib_cmap_track_delete *)c->sink.reply)->track_inst_handle;
	return err;
}

static int32_t do_set_map(struct ctx *c, int32_t map)
{
	struct req_lib_cmap_set_current_map req = { .map = map };

	return send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_SET_CURRENT_MAP,
			MESSAGE_RES_CMAP_SET_CURRENT_MAP);
}

/* ---- set and get ---- */

static void set_then_get_a_number(void **state)
{
	struct ctx *c = *state;
	const struct res_lib_cmap_get *r;
	uint32_t v = 0;

	assert_int_equal(do_set_u32(c, "quorum.expected_votes", 3), CS_OK);
	assert_int_equal(cs_map_get_u32(c->config, "quorum.expected_votes", &v), 0);
	assert_int_equal(v, 3);

	/* integer getters pass the exact size */
	r = do_get(c, "quorum.expected_votes", sizeof(uint32_t));
	assert_int_equal(r->header.error, CS_OK);
	assert_int_equal(c->sink.reply_len, sizeof(*r) + 4);
	assert_int_equal(r->type, CS_MAP_UINT32);
	assert_int_equal(r->value_len, 4);
	memcpy(&v, r->value, sizeof(v));
	assert_int_equal(v, 3);
}

/* cmap_get_string(): first the length (a string's counts its NUL), then
 * the value; libcmap sends the text of a string without its NUL. */
static void strings_take_two_steps(void **state)
{
	struct ctx *c = *state;
	const struct res_lib_cmap_get *r;

	assert_int_equal(do_set(c, "logging.debug", "off", 3, CS_MAP_STRING), CS_OK);
	r = do_get(c, "logging.debug", 0);
	assert_int_equal(r->header.error, CS_OK);
	assert_int_equal(c->sink.reply_len, sizeof(*r));
	assert_int_equal(r->type, CS_MAP_STRING);
	assert_int_equal(r->value_len, 4);

	r = do_get(c, "logging.debug", 4);
	assert_int_equal(r->header.error, CS_OK);
	assert_int_equal(c->sink.reply_len, sizeof(*r) + 4);
	assert_memory_equal(r->value, "off", 4);

	/* a NUL inside the text ends it */
	assert_int_equal(do_set(c, "logging.debug", "on\0junk", 7, CS_MAP_STRING), CS_OK);
	r = do_get(c, "logging.debug", 0);
	assert_int_equal(r->value_len, 3);
}

static void get_errors_have_the_short_reply(void **state)
{
	struct ctx *c = *state;
	struct req_lib_cmap_get req = { 0 };
	const struct res_lib_cmap_get *r;

	assert_int_equal(do_set(c, "totem.token_name", "abcdef", 6, CS_MAP_STRING), CS_OK);
	/* a buffer too small: corosync's INVALID_PARAM */
	r = do_get(c, "totem.token_name", 3);
	assert_int_equal(r->header.error, CS_ERR_INVALID_PARAM);
	assert_int_equal(c->sink.reply_len, sizeof(*r));

	r = do_get(c, "no.such.key", 0);
	assert_int_equal(r->header.error, CS_ERR_NOT_EXIST);
	assert_int_equal(c->sink.reply_len, sizeof(*r));

	/* a bad name is a key that does not exist, as in corosync */
	r = do_get(c, "a b", 0);
	assert_int_equal(r->header.error, CS_ERR_NOT_EXIST);

	/* a key without its NUL in the 256 bytes of mar_name_t */
	memset(req.key_name.value, 'k', sizeof(req.key_name.value));
	req.key_name.length = 256;
	assert_int_equal(send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_GET, MESSAGE_RES_CMAP_GET),
			 CS_ERR_INVALID_PARAM);
}

/* A buffer larger than any value gets the value only, not a reply the
 * connection could not carry. */
static void huge_buffers_get_the_value_only(void **state)
{
	struct ctx *c = *state;
	const struct res_lib_cmap_get *r;

	assert_int_equal(do_set_u32(c, "quorum.votes", 7), CS_OK);
	r = do_get(c, "quorum.votes", 1ull << 40);
	assert_int_equal(r->header.error, CS_OK);
	assert_int_equal(c->sink.reply_len, sizeof(*r) + 4);
	/* up to the largest value, the reply has the size asked for */
	r = do_get(c, "quorum.votes", 100);
	assert_int_equal(c->sink.reply_len, sizeof(*r) + 100);
	assert_int_equal(r->value_len, 4);
}

static void bad_sets_change_nothing(void **state)
{
	struct ctx *c = *state;
	struct req_lib_cmap_set req = { 0 };
	uint16_t small = 1;

	/* corosync's answer to a bad name of a new key, whatever is wrong */
	assert_int_equal(do_set_u32(c, "ab", 1), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(do_set_u32(c, "bad key.name", 1), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(do_set(c, "quorum.votes", &small, sizeof(small), CS_MAP_UINT32),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(do_set(c, "quorum.votes", &small, sizeof(small), 13),
			 CS_ERR_INVALID_PARAM);
	/* a value longer than the message */
	name(&req.key_name, "quorum.votes");
	req.value_len = 4;
	req.type = CS_MAP_UINT32;
	assert_int_equal(send_req(c, &req, sizeof(req), MESSAGE_REQ_CMAP_SET, MESSAGE_RES_CMAP_SET),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cs_map_get(c->config, "quorum.votes", NULL, NULL, NULL), -ENOENT);
}

static void read_only_keys_and_maps_refuse_writes(void **state)
{
	struct ctx *c = *state;
	char name_value[32] = "";
	size_t len = sizeof(name_value);

	cs_map_set_u32(c->config, "runtime.config.totem.token", 3000);
	cs_map_set_string(c->config, "totem.cluster_name", "t");
	assert_int_equal(do_set_u32(c, "runtime.config.totem.token", 1), CS_ERR_ACCESS);
	assert_int_equal(do_set(c, "totem.cluster_name", "x", 1, CS_MAP_STRING), CS_ERR_ACCESS);
	assert_int_equal(do_delete(c, "runtime.config.totem.token"), CS_ERR_ACCESS);
	assert_int_equal(do_adjust(c, "runtime.config.totem.token", 1), CS_ERR_ACCESS);
	/* ... even a key that does not exist yet, before its name is checked */
	assert_int_equal(do_set_u32(c, "runtime.config.new", 1), CS_ERR_ACCESS);
	assert_int_equal(do_set_u32(c, "runtime.config.a b", 1), CS_ERR_ACCESS);
	assert_int_equal(cs_map_get(c->config, "totem.cluster_name", name_value, &len, NULL), 0);
	assert_string_equal(name_value, "t");

	/* the statistics map is read-only as a whole */
	cs_map_set_u64(c->stats, "stats.srp.mcast_tx", 5);
	assert_int_equal(do_set_map(c, CMAP_MAP_STATS), CS_OK);
	assert_int_equal(do_set_u32(c, "any.key", 1), CS_ERR_ACCESS);
	assert_int_equal(do_delete(c, "stats.srp.mcast_tx"), CS_ERR_ACCESS);
	assert_int_equal(do_adjust(c, "stats.srp.mcast_tx", 1), CS_ERR_ACCESS);
	assert_int_equal(cs_map_get(c->stats, "any.key", NULL, NULL, NULL), -ENOENT);
}

static void delete_and_adjust(void **state)
{
	struct ctx *c = *state;
	uint8_t u8 = 255;
	const struct res_lib_cmap_get *r;

	assert_int_equal(do_delete(c, "no.such.key"), CS_ERR_NOT_EXIST);
	assert_int_equal(do_delete(c, "a b"), CS_ERR_NOT_EXIST);
	assert_int_equal(do_adjust(c, "a b", 1), CS_ERR_NOT_EXIST);
	assert_int_equal(do_set(c, "quorum.two_node", &u8, 1, CS_MAP_UINT8), CS_OK);
	/* wraps around like corosync's */
	assert_int_equal(do_adjust(c, "quorum.two_node", 2), CS_OK);
	r = do_get(c, "quorum.two_node", 1);
	assert_int_equal(r->value[0], 1);
	assert_int_equal(do_adjust(c, "no.such.key", 1), CS_ERR_NOT_EXIST);
	assert_int_equal(do_set(c, "logging.debug", "on", 2, CS_MAP_STRING), CS_OK);
	assert_int_equal(do_adjust(c, "logging.debug", 1), CS_ERR_INVALID_PARAM);
	assert_int_equal(do_delete(c, "quorum.two_node"), CS_OK);
	assert_int_equal(cs_map_get(c->config, "quorum.two_node", NULL, NULL, NULL), -ENOENT);
}

/* ---- iteration ---- */

static void iterators_walk_a_prefix(void **state)
{
	struct ctx *c = *state;
	const struct res_lib_cmap_iter_next *n;
	uint64_t h, h2;

	do_set_u32(c, "nodelist.node.0.nodeid", 1);
	do_set(c, "nodelist.node.0.ring0_addr", "10.0.0.1", 8, CS_MAP_STRING);
	do_set_u32(c, "nodelist.zz", 2);
	do_set_u32(c, "quorum.votes", 1);

	assert_int_equal(do_iter_init(c, "nodelist.node.", &h), CS_OK);
	assert_int_equal(refreshed_map, CMAP_MAP_CONFIG);
	assert_string_equal(refreshed_key, "nodelist.node.");
	assert_int_not_equal(h, 0);
	assert_int_equal(do_iter_init(c, NULL, &h2), CS_OK);
	assert_int_not_equal(h, h2);

	n = do_iter_next(c, h);
	assert_int_equal(n->header.error, CS_OK);
	assert_int_equal(n->key_name.length, strlen("nodelist.node.0.nodeid"));
	assert_string_equal((const char *)n->key_name.value, "nodelist.node.0.nodeid");
	assert_int_equal(n->type, CS_MAP_UINT32);
	assert_int_equal(n->value_len, 4);
	n = do_iter_next(c, h);
	assert_string_equal((const char *)n->key_name.value, "nodelist.node.0.ring0_addr");
	assert_int_equal(n->type, CS_MAP_STRING);
	assert_int_equal(n->value_len, 9);
	n = do_iter_next(c, h);
	assert_int_equal(n->header.error, CS_ERR_NO_SECTIONS);
	assert_int_equal(n->key_name.length, 0);

	/* the second iterator (empty prefix) walks everything on its own */
	n = do_iter_next(c, h2);
	assert_string_equal((const char *)n->key_name.value, "nodelist.node.0.nodeid");
	do_delete(c, "nodelist.node.0.ring0_addr"); /* deleted ahead: skipped */
	n = do_iter_next(c, h2);
	assert_string_equal((const char *)n->key_name.value, "nodelist.zz");

	assert_int_equal(do_iter_finalize(c, h), CS_OK);
	assert_int_equal(do_iter_finalize(c, h), CS_ERR_BAD_HANDLE);
	assert_int_equal(do_iter_next(c, h)->header.error, CS_ERR_BAD_HANDLE);
	assert_int_equal(do_iter_next(c, 999)->header.error, CS_ERR_BAD_HANDLE);
	/* h2 is left for cmap_client_fini() */
}

/* Handles belong to their client. */
static void handles_are_per_client(void **state)
{
	struct ctx *c = *state;
	struct req_lib_cmap_iter_next req = { .iter_handle = 0 };
	uint64_t h;

	assert_int_equal(do_iter_init(c, "", &h), CS_OK);
	req.iter_handle = h;
	req.header.id = MESSAGE_REQ_CMAP_ITER_NEXT;
	req.header.size = sizeof(req);
	cmap_client_request(&c->other, &req, sizeof(req));
	assert_int_equal(((struct qb_ipc_response_header *)c->other_sink.reply)->error,
			 CS_ERR_BAD_HANDLE);
}

/* ---- tracking ---- */

static const struct res_lib_cmap_notify_callback *event(const struct ctx *c, unsigned i)
{
	const struct res_lib_cmap_notify_callback *ev;

	assert_true(i < c->sink.n_events);
	ev = (const struct res_lib_cmap_notify_callback *)c->sink.event[i];
	assert_int_equal(ev->header.id, MESSAGE_RES_CMAP_NOTIFY_CALLBACK);
	assert_int_equal(ev->header.size, c->sink.event_len[i]);
	assert_int_equal(ev->header.size, sizeof(*ev) + ev->new_value_len + ev->old_value_len);
	return ev;
}

static void trackers_hear_old_and_new_values(void **state)
{
	struct ctx *c = *state;
	const struct res_lib_cmap_notify_callback *ev;
	uint64_t h, inst = 0;
	uint32_t v;

	assert_int_equal(do_track_add(c, "quorum.",
				      CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE |
					      CS_MAP_TRACK_PREFIX,
				      0xc00c1e, &h),
			 CS_OK);
	assert_int_not_equal(h, 0);

	do_set_u32(c, "quorum.votes", 1);
	do_set_u32(c, "quorum.votes", 2);
	do_set_u32(c, "quorum.votes", 2); /* no change, no event */
	do_set_u32(c, "totem.token", 1);  /* not tracked */
	do_delete(c, "quorum.votes");
	assert_int_equal(c->sink.n_events, 3);

	ev = event(c, 0);
	assert_int_equal(ev->event, CS_MAP_TRACK_ADD);
	assert_int_equal(ev->track_inst_handle, 0xc00c1e);
	assert_int_equal(ev->key_name.length, strlen("quorum.votes"));
	assert_string_equal((const char *)ev->key_name.value, "quorum.votes");
	assert_int_equal(ev->new_value_type, CS_MAP_UINT32);
	assert_int_equal(ev->new_value_len, 4);
	assert_int_equal(ev->old_value_type, 0);
	assert_int_equal(ev->old_value_len, 0);

	ev = event(c, 1);
	assert_int_equal(ev->event, CS_MAP_TRACK_MODIFY);
	memcpy(&v, ev->new_value, 4);
	assert_int_equal(v, 2);
	memcpy(&v, ev->new_value + 4, 4); /* the old value follows the new one */
	assert_int_equal(v, 1);

	ev = event(c, 2);
	assert_int_equal(ev->event, CS_MAP_TRACK_DELETE);
	assert_int_equal(ev->new_value_len, 0);
	assert_int_equal(ev->old_value_len, 4);

	assert_int_equal(do_track_delete(c, h, &inst), CS_OK);
	assert_int_equal(inst, 0xc00c1e);
	do_set_u32(c, "quorum.votes", 3);
	assert_int_equal(c->sink.n_events, 3);
	assert_int_equal(do_track_delete(c, h, &inst), CS_ERR_BAD_HANDLE);
}

/* Another client's change reaches this one's tracker. */
static void changes_of_other_clients_are_heard(void **state)
{
	struct ctx *c = *state;
	struct req_lib_cmap_set *req = calloc(1, sizeof(*req) + 4);
	uint32_t v = 9;
	uint64_t h;

	assert_int_equal(do_track_add(c, "quorum.votes", CS_MAP_TRACK_ADD, 1, &h), CS_OK);
	name(&req->key_name, "quorum.votes");
	req->value_len = 4;
	req->type = CS_MAP_UINT32;
	memcpy(req->value, &v, 4);
	req->header.id = MESSAGE_REQ_CMAP_SET;
	req->header.size = sizeof(*req) + 4;
	cmap_client_request(&c->other, req, sizeof(*req) + 4);
	free(req);
	assert_int_equal(c->sink.n_events, 1);
	assert_int_equal(c->other_sink.n_events, 0);
}

static void bad_tracks_are_refused(void **state)
{
	struct ctx *c = *state;
	uint64_t h;

	assert_int_equal(do_track_add(c, "quorum.votes", 0, 1, &h), CS_ERR_INVALID_PARAM);
	assert_int_equal(h, 0);
	assert_int_equal(do_track_add(c, "quorum.votes", 64 | CS_MAP_TRACK_ADD, 1, &h),
			 CS_ERR_INVALID_PARAM);
	/* no key: only as the prefix of everything */
	assert_int_equal(do_track_add(c, NULL, CS_MAP_TRACK_ADD, 1, &h), CS_ERR_INVALID_PARAM);
	assert_int_equal(do_track_add(c, NULL, CS_MAP_TRACK_ADD | CS_MAP_TRACK_PREFIX, 1, &h),
			 CS_OK);
}

/* A connection that ends takes its trackers along: nothing is sent to a
 * connection that is gone. */
static void ended_clients_hear_nothing(void **state)
{
	struct ctx *c = *state;
	uint64_t h, it;

	assert_int_equal(do_track_add(c, "quorum.", CS_MAP_TRACK_ADD | CS_MAP_TRACK_PREFIX, 1, &h),
			 CS_OK);
	assert_int_equal(do_iter_init(c, "quorum.", &it), CS_OK);
	cmap_client_fini(&c->s);
	cs_map_set_u32(c->config, "quorum.votes", 1);
	assert_int_equal(c->sink.n_events, 0);
	cmap_client_init(&c->s, &c->maps, &(struct cmap_io){ sink_reply, sink_event, &c->sink });
}

/* ---- maps and framing ---- */

static void clients_switch_maps(void **state)
{
	struct ctx *c = *state;
	const struct res_lib_cmap_get *r;
	uint64_t h;

	cs_map_set_u64(c->stats, "stats.srp.mcast_tx", 5);
	assert_int_equal(do_get(c, "stats.srp.mcast_tx", 0)->header.error, CS_ERR_NOT_EXIST);
	assert_int_equal(do_set_map(c, CMAP_MAP_STATS), CS_OK);
	r = do_get(c, "stats.srp.mcast_tx", 8);
	assert_int_equal(r->header.error, CS_OK);
	assert_int_equal(r->type, CS_MAP_UINT64);
	assert_int_equal(refreshed_map, CMAP_MAP_STATS);
	assert_string_equal(refreshed_key, "stats.srp.mcast_tx");
	assert_int_equal(do_iter_init(c, "stats.", &h), CS_OK);
	assert_string_equal((const char *)do_iter_next(c, h)->key_name.value, "stats.srp.mcast_tx");

	assert_int_equal(do_set_map(c, 2), CS_ERR_INVALID_PARAM);
	assert_int_equal(do_set_map(c, -1), CS_ERR_INVALID_PARAM);
	assert_int_equal(do_get(c, "stats.srp.mcast_tx", 0)->header.error, CS_OK);
	assert_int_equal(do_set_map(c, CMAP_MAP_CONFIG), CS_OK);
	assert_int_equal(do_get(c, "stats.srp.mcast_tx", 0)->header.error, CS_ERR_NOT_EXIST);
}

static void unknown_and_short_requests(void **state)
{
	struct ctx *c = *state;
	struct req_lib_cmap_get req = { 0 };

	/* an id past the table */
	assert_int_equal(send_req(c, &req, sizeof(req), 10, 10), CS_ERR_INVALID_PARAM);
	assert_int_equal(send_req(c, &req, sizeof(req), -3, -3), CS_ERR_INVALID_PARAM);
	/* GET without its value_len */
	assert_int_equal(
		send_req(c, &req, sizeof(req) - 8, MESSAGE_REQ_CMAP_GET, MESSAGE_REQ_CMAP_GET),
		CS_ERR_INVALID_PARAM);
	assert_int_equal(cmap_request_min_size(MESSAGE_REQ_CMAP_SET), 296);
	assert_int_equal(cmap_request_min_size(MESSAGE_REQ_CMAP_ITER_NEXT), 24);
	assert_int_equal(cmap_request_min_size(10), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(set_then_get_a_number, setup, teardown),
		cmocka_unit_test_setup_teardown(strings_take_two_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(get_errors_have_the_short_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(huge_buffers_get_the_value_only, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_sets_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(read_only_keys_and_maps_refuse_writes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(delete_and_adjust, setup, teardown),
		cmocka_unit_test_setup_teardown(iterators_walk_a_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(handles_are_per_client, setup, teardown),
		cmocka_unit_test_setup_teardown(trackers_hear_old_and_new_values, setup, teardown),
		cmocka_unit_test_setup_teardown(changes_of_other_clients_are_heard, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_tracks_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(ended_clients_hear_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(clients_switch_maps, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_and_short_requests, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
