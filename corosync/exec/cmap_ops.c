/*
 * cmap, the requests: libcmap's messages decoded, answered from the maps,
 * and notifications to the clients that track the keys that change.
 *
 * Key names arrive as mar_name_t whose value the daemon reads as a C
 * string (corosync does the same, and libcmap zero-fills it); a length of
 * 0 stands for "no key" where a prefix is expected.  Every answer has the
 * fixed size of its reply struct, errors included, because libcmap reads
 * replies into buffers of exactly that size.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <corosync/ipc_cmap.h>

#include "cmap_int.h"
#include "ipc_error.h"

struct cmap_iter_slot {
	struct cmap_iter_slot *next;
	uint64_t handle;
	struct cs_map_iter *iter;
};

struct cmap_track_slot {
	struct cmap_track_slot *next;
	struct cmap_client *client;
	uint64_t handle;
	uint64_t inst; /* the client's cookie, sent back in every notification */
	struct cs_map *map;
	struct cs_map_track *track;
};

/* ---- helpers ---- */

static struct cs_map *current_map(const struct cmap_client *s)
{
	return s->maps->map[s->current];
}

/* The key in @name as a C string in @buf (CS_MAX_NAME_LENGTH bytes): a
 * value without a NUL in its 256 bytes cannot be one. */
static int key_of(const mar_name_t *name, char *buf)
{
	size_t n = strnlen((const char *)name->value, sizeof(name->value));

	if (n == sizeof(name->value)) {
		return -EINVAL;
	}
	memcpy(buf, name->value, n + 1);
	return 0;
}

/* As key_of(), but an empty name is the empty prefix (everything). */
static int prefix_of(const mar_name_t *name, char *buf)
{
	if (name->length == 0) {
		buf[0] = '\0';
		return 0;
	}
	return key_of(name, buf);
}

/* corosync checks a name only where it would create a key; elsewhere a
 * bad name is a key that does not exist. */
static int existing_key(int rc, const char *key)
{
	return rc == 0 && !cs_map_key_valid(key) ? -ENOENT : rc;
}

static void refresh(const struct cmap_client *s, const char *key)
{
	if (s->maps->refresh != NULL) {
		s->maps->refresh(s->current, key);
	}
}

/* Clients change only writable maps, and nothing under a read-only
 * prefix (CS_ERR_ACCESS, as corosync answers). */
static int writable(const struct cmap_client *s, const char *key)
{
	if (s->maps->read_only[s->current] || cs_map_is_ro(current_map(s), key)) {
		return -EACCES;
	}
	return 0;
}

static void reply(struct cmap_client *s, const void *msg, size_t len)
{
	struct iovec iov = { (void *)msg, len };

	s->io.reply(s->io.ctx, &iov, 1);
}

/* The bare header that answers SET, DELETE, ADJUST_INT, ITER_FINALIZE and
 * SET_CURRENT_MAP. */
static void reply_status(struct cmap_client *s, int32_t id, int rc)
{
	struct qb_ipc_response_header h = { .id = id,
					    .size = sizeof(h),
					    .error = cs_ipc_error(rc) };

	reply(s, &h, sizeof(h));
}

/* libcmap sends a string's text without its NUL (corosync adds one); a
 * NUL inside the text ends it. */
static int set_value(struct cs_map *map, const char *key, const uint8_t *value, size_t len,
		     uint8_t type)
{
	char *text;
	int rc;

	if (type != CS_MAP_STRING) {
		return cs_map_set(map, key, value, len, (enum cs_map_type)type);
	}
	if (len >= CS_MAP_VALUE_MAX) {
		return -EINVAL;
	}
	text = strndup((const char *)value, len);
	if (text == NULL) {
		return -ENOMEM;
	}
	rc = cs_map_set_string(map, key, text);
	free(text);
	return rc;
}

/* ---- set, delete, get, adjust ---- */

static void op_set(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_set *req = msg;
	char key[CS_MAX_NAME_LENGTH];
	int rc = key_of(&req->key_name, key);

	/* in corosync's order: read-only, the value, then the new key's name */
	if (rc == 0) {
		rc = writable(s, key);
	}
	if (rc == 0 && req->value_len > len - sizeof(*req)) {
		rc = -EINVAL;
	}
	if (rc == 0 && !cs_map_key_valid(key)) {
		rc = -ENAMETOOLONG; /* corosync's answer for any bad name */
	}
	if (rc == 0) {
		rc = set_value(current_map(s), key, req->value, (size_t)req->value_len, req->type);
	}
	reply_status(s, MESSAGE_RES_CMAP_SET, rc);
}

static void op_delete(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_delete *req = msg;
	char key[CS_MAX_NAME_LENGTH];
	int rc = key_of(&req->key_name, key);

	if (rc == 0) {
		rc = existing_key(writable(s, key), key);
	}
	if (rc == 0) {
		rc = cs_map_delete(current_map(s), key);
	}
	reply_status(s, MESSAGE_RES_CMAP_DELETE, rc);
}

/* Read @key into a buffer of the size the client asked for.  Returns 0
 * with *@value (caller frees) and *@room bytes of it to send. */
static int get_value(struct cs_map *map, const char *key, uint64_t asked, size_t actual,
		     uint8_t **value, size_t *room)
{
	size_t len;
	int rc;

	/* corosync refuses a buffer too small with INVALID_PARAM */
	if (asked < actual) {
		return -EINVAL;
	}
	/* A buffer larger than any value is answered with the value only:
	 * libcmap copies value_len bytes, and a reply of the size asked for
	 * might not fit the connection's buffer. */
	*room = asked <= CS_MAP_VALUE_MAX ? (size_t)asked : actual;
	*value = calloc(1, *room > 0 ? *room : 1);
	if (*value == NULL) {
		return -ENOMEM;
	}
	len = *room;
	rc = cs_map_get(map, key, *value, &len, NULL);
	return rc == -ENOSPC ? -EINVAL : rc;
}

static void op_get(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_get *req = msg;
	struct res_lib_cmap_get res = { 0 };
	char key[CS_MAX_NAME_LENGTH];
	enum cs_map_type type = 0;
	size_t actual = 0, room = 0;
	uint8_t *value = NULL;
	int rc = existing_key(key_of(&req->key_name, key), key);

	if (rc == 0) {
		refresh(s, key);
		rc = cs_map_get(current_map(s), key, NULL, &actual, &type);
	}
	/* value_len 0 asks for the type and length only */
	if (rc == 0 && req->value_len > 0) {
		rc = get_value(current_map(s), key, req->value_len, actual, &value, &room);
	}
	if (rc < 0) {
		room = 0;
	} else {
		res.value_len = actual;
		res.type = (uint8_t)type;
	}
	res.header.id = MESSAGE_RES_CMAP_GET;
	res.header.size = (int32_t)(sizeof(res) + room);
	res.header.error = cs_ipc_error(rc);
	struct iovec iov[2] = { { &res, sizeof(res) }, { value, room } };
	s->io.reply(s->io.ctx, iov, 2);
	free(value);
}

static void op_adjust_int(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_adjust_int *req = msg;
	char key[CS_MAX_NAME_LENGTH];
	int rc = key_of(&req->key_name, key);

	if (rc == 0) {
		rc = existing_key(writable(s, key), key);
	}
	if (rc == 0) {
		rc = cs_map_adjust_int(current_map(s), key, req->step);
	}
	reply_status(s, MESSAGE_RES_CMAP_ADJUST_INT, rc);
}

/* ---- iteration ---- */

static struct cmap_iter_slot **iter_find(struct cmap_client *s, uint64_t handle)
{
	struct cmap_iter_slot **link = &s->iters;

	while (*link != NULL && (*link)->handle != handle) {
		link = &(*link)->next;
	}
	return link;
}

static void op_iter_init(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_iter_init *req = msg;
	struct res_lib_cmap_iter_init res = { 0 };
	struct cmap_iter_slot *slot = NULL;
	char prefix[CS_MAX_NAME_LENGTH];
	int rc = prefix_of(&req->prefix, prefix);

	if (rc == 0) {
		slot = calloc(1, sizeof(*slot));
		rc = slot != NULL ? 0 : -ENOMEM;
	}
	if (rc == 0) {
		refresh(s, prefix);
		rc = cs_map_iter_new(current_map(s), prefix, &slot->iter);
	}
	if (rc == 0) {
		slot->handle = s->next_handle++;
		slot->next = s->iters;
		s->iters = slot;
		res.iter_handle = slot->handle;
	} else {
		free(slot);
	}
	res.header.id = MESSAGE_RES_CMAP_ITER_INIT;
	res.header.size = sizeof(res);
	res.header.error = cs_ipc_error(rc);
	reply(s, &res, sizeof(res));
}

static void op_iter_next(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_iter_next *req = msg;
	struct res_lib_cmap_iter_next res = { 0 };
	struct cmap_iter_slot *slot = *iter_find(s, req->iter_handle);
	enum cs_map_type type = 0;
	size_t value_len = 0;
	const char *key = NULL;
	int rc = slot != NULL ? 0 : -EBADF;

	if (rc == 0) {
		key = cs_map_iter_next(slot->iter, &value_len, &type);
		rc = key != NULL ? 0 : -ENODATA; /* the end: CS_ERR_NO_SECTIONS */
	}
	if (rc == 0) {
		res.key_name.length = (uint16_t)strlen(key);
		memcpy(res.key_name.value, key, res.key_name.length);
		res.value_len = value_len;
		res.type = (uint8_t)type;
	}
	res.header.id = MESSAGE_RES_CMAP_ITER_NEXT;
	res.header.size = sizeof(res);
	res.header.error = cs_ipc_error(rc);
	reply(s, &res, sizeof(res));
}

static void op_iter_finalize(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_iter_finalize *req = msg;
	struct cmap_iter_slot **link = iter_find(s, req->iter_handle);
	struct cmap_iter_slot *slot = *link;

	if (slot != NULL) {
		*link = slot->next;
		cs_map_iter_free(slot->iter);
		free(slot);
	}
	reply_status(s, MESSAGE_RES_CMAP_ITER_FINALIZE, slot != NULL ? 0 : -EBADF);
}

/* ---- tracking ---- */

static void notify(struct cs_map *map, const char *key, int event,
		   const struct cs_map_value *new_value, const struct cs_map_value *old_value,
		   void *data)
{
	const struct cmap_track_slot *t = data;
	struct res_lib_cmap_notify_callback ev;
	size_t key_len = strlen(key);

	memset(&ev, 0, sizeof(ev));
	ev.header.id = MESSAGE_RES_CMAP_NOTIFY_CALLBACK;
	ev.header.size = (int32_t)(sizeof(ev) + new_value->len + old_value->len);
	ev.header.error = CS_OK;
	ev.track_inst_handle = t->inst;
	ev.key_name.length = (uint16_t)key_len;
	memcpy(ev.key_name.value, key, key_len);
	ev.event = event;
	ev.new_value_type = (uint8_t)new_value->type;
	ev.old_value_type = (uint8_t)old_value->type;
	ev.new_value_len = new_value->len;
	ev.old_value_len = old_value->len;
	struct iovec iov[3] = {
		{ &ev, sizeof(ev) },
		{ (void *)new_value->data, new_value->len },
		{ (void *)old_value->data, old_value->len },
	};
	t->client->io.event(t->client->io.ctx, iov, 3);
}

static struct cmap_track_slot **track_find(struct cmap_client *s, uint64_t handle)
{
	struct cmap_track_slot **link = &s->tracks;

	while (*link != NULL && (*link)->handle != handle) {
		link = &(*link)->next;
	}
	return link;
}

static void op_track_add(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_track_add *req = msg;
	struct res_lib_cmap_track_add res = { 0 };
	struct cmap_track_slot *slot = NULL;
	char key[CS_MAX_NAME_LENGTH];
	int rc = prefix_of(&req->key_name, key);

	if (rc == 0) {
		slot = calloc(1, sizeof(*slot));
		rc = slot != NULL ? 0 : -ENOMEM;
	}
	if (rc == 0) {
		slot->client = s;
		slot->inst = req->track_inst_handle;
		slot->map = current_map(s);
		rc = cs_map_track_add(slot->map, key, req->track_type, notify, slot, &slot->track);
	}
	if (rc == 0) {
		slot->handle = s->next_handle++;
		slot->next = s->tracks;
		s->tracks = slot;
		res.track_handle = slot->handle;
	} else {
		free(slot);
	}
	res.header.id = MESSAGE_RES_CMAP_TRACK_ADD;
	res.header.size = sizeof(res);
	res.header.error = cs_ipc_error(rc);
	reply(s, &res, sizeof(res));
}

static void track_free(struct cmap_track_slot *slot)
{
	cs_map_track_delete(slot->map, slot->track);
	free(slot);
}

static void op_track_delete(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_track_delete *req = msg;
	struct res_lib_cmap_track_delete res = { 0 };
	struct cmap_track_slot **link = track_find(s, req->track_handle);
	struct cmap_track_slot *slot = *link;

	if (slot != NULL) {
		*link = slot->next;
		res.track_inst_handle = slot->inst;
		track_free(slot);
	}
	res.header.id = MESSAGE_RES_CMAP_TRACK_DELETE;
	res.header.size = sizeof(res);
	res.header.error = cs_ipc_error(slot != NULL ? 0 : -EBADF);
	reply(s, &res, sizeof(res));
}

/* ---- maps ---- */

static void op_set_current_map(struct cmap_client *s, const void *msg, size_t len)
{
	const struct req_lib_cmap_set_current_map *req = msg;
	int rc = -EINVAL;

	if (req->map >= 0 && req->map < CMAP_MAPS && s->maps->map[req->map] != NULL) {
		s->current = (enum cmap_map_id)req->map;
		rc = 0;
	}
	reply_status(s, MESSAGE_RES_CMAP_SET_CURRENT_MAP, rc);
}

/* ---- clients ---- */

struct cmap_op {
	void (*fn)(struct cmap_client *s, const void *msg, size_t len);
	size_t min_size;
};

static const struct cmap_op cmap_ops[] = {
	[MESSAGE_REQ_CMAP_SET] = { op_set, sizeof(struct req_lib_cmap_set) },
	[MESSAGE_REQ_CMAP_DELETE] = { op_delete, sizeof(struct req_lib_cmap_delete) },
	[MESSAGE_REQ_CMAP_GET] = { op_get, sizeof(struct req_lib_cmap_get) },
	[MESSAGE_REQ_CMAP_ADJUST_INT] = { op_adjust_int, sizeof(struct req_lib_cmap_adjust_int) },
	[MESSAGE_REQ_CMAP_ITER_INIT] = { op_iter_init, sizeof(struct req_lib_cmap_iter_init) },
	[MESSAGE_REQ_CMAP_ITER_NEXT] = { op_iter_next, sizeof(struct req_lib_cmap_iter_next) },
	[MESSAGE_REQ_CMAP_ITER_FINALIZE] = { op_iter_finalize,
					     sizeof(struct req_lib_cmap_iter_finalize) },
	[MESSAGE_REQ_CMAP_TRACK_ADD] = { op_track_add, sizeof(struct req_lib_cmap_track_add) },
	[MESSAGE_REQ_CMAP_TRACK_DELETE] = { op_track_delete,
					    sizeof(struct req_lib_cmap_track_delete) },
	[MESSAGE_REQ_CMAP_SET_CURRENT_MAP] = { op_set_current_map,
					       sizeof(struct req_lib_cmap_set_current_map) },
};

#define CMAP_N_OPS (sizeof(cmap_ops) / sizeof(cmap_ops[0]))

size_t cmap_request_min_size(int32_t id)
{
	return id >= 0 && (size_t)id < CMAP_N_OPS ? cmap_ops[id].min_size : 0;
}

void cmap_client_init(struct cmap_client *s, const struct cmap_maps *maps, const struct cmap_io *io)
{
	memset(s, 0, sizeof(*s));
	s->maps = maps;
	s->io = *io;
	s->current = CMAP_MAP_CONFIG;
	s->next_handle = 1; /* 0 is what a failed ITER_INIT or TRACK_ADD returns */
}

void cmap_client_fini(struct cmap_client *s)
{
	while (s->iters != NULL) {
		struct cmap_iter_slot *slot = s->iters;
		s->iters = slot->next;
		cs_map_iter_free(slot->iter);
		free(slot);
	}
	while (s->tracks != NULL) {
		struct cmap_track_slot *slot = s->tracks;
		s->tracks = slot->next;
		track_free(slot);
	}
}

void cmap_client_request(struct cmap_client *s, const void *msg, size_t len)
{
	const struct qb_ipc_request_header *h = msg;
	size_t min = len >= sizeof(*h) ? cmap_request_min_size(h->id) : 0;

	if (len < sizeof(*h)) {
		return; /* not even a header: nothing to answer */
	}
	if (min == 0 || len < min) {
		reply_status(s, h->id, -EINVAL);
		return;
	}
	cmap_ops[h->id].fn(s, msg, len);
}
