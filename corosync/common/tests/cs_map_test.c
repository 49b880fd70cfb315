/*
 * cs_map: typed values, key rules, lookups, prefix iteration (also while the
 * map changes), trackers, adjust_int and read-only prefixes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../cs_map.h"

/* What trackers saw, most recent last. */
struct seen {
	int count;
	char key[CS_MAP_KEY_MAX + 1];
	int event;
	enum cs_map_type new_type;
	enum cs_map_type old_type;
	size_t new_len;
	size_t old_len;
	unsigned char new_data[64];
	unsigned char old_data[64];
	char log[1024]; /* "EVENT key;" for each call */
};

static const char *event_name(int event)
{
	return event == CS_MAP_TRACK_ADD ? "add" : event == CS_MAP_TRACK_MODIFY ? "mod" : "del";
}

static void record(struct cs_map *map, const char *key, int event, const struct cs_map_value *nv,
		   const struct cs_map_value *ov, void *data)
{
	struct seen *s = data;
	size_t used = strlen(s->log);

	s->count++;
	snprintf(s->key, sizeof(s->key), "%s", key);
	s->event = event;
	s->new_type = nv->type;
	s->old_type = ov->type;
	s->new_len = nv->len;
	s->old_len = ov->len;
	assert_true(nv->len <= sizeof(s->new_data) && ov->len <= sizeof(s->old_data));
	if (nv->len > 0) {
		memcpy(s->new_data, nv->data, nv->len);
	}
	if (ov->len > 0) {
		memcpy(s->old_data, ov->data, ov->len);
	}
	snprintf(s->log + used, sizeof(s->log) - used, "%s %s;", event_name(event), key);
}

static int setup(void **state)
{
	*state = cs_map_new();
	return *state != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	cs_map_free(*state);
	return 0;
}

static void every_type_round_trips(void **state)
{
	struct cs_map *m = *state;
	int8_t i8;
	uint8_t u8;
	int16_t i16;
	uint16_t u16;
	int32_t i32;
	uint32_t u32;
	int64_t i64;
	uint64_t u64;
	float f;
	double d;
	char *s;
	unsigned char bin[4] = { 0, 1, 0, 2 };
	unsigned char out[8];
	size_t len = sizeof(out);
	enum cs_map_type type;

	assert_int_equal(cs_map_set_i8(m, "k.i8", -8), 0);
	assert_int_equal(cs_map_set_u8(m, "k.u8", 250), 0);
	assert_int_equal(cs_map_set_i16(m, "k.i16", -16000), 0);
	assert_int_equal(cs_map_set_u16(m, "k.u16", 65000), 0);
	assert_int_equal(cs_map_set_i32(m, "k.i32", -2000000000), 0);
	assert_int_equal(cs_map_set_u32(m, "k.u32", 4000000000u), 0);
	assert_int_equal(cs_map_set_i64(m, "k.i64", INT64_MIN), 0);
	assert_int_equal(cs_map_set_u64(m, "k.u64", UINT64_MAX), 0);
	assert_int_equal(cs_map_set_float(m, "k.flt", 1.5f), 0);
	assert_int_equal(cs_map_set_double(m, "k.dbl", -2.25), 0);
	assert_int_equal(cs_map_set_string(m, "k.str", "hello"), 0);
	assert_int_equal(cs_map_set(m, "k.bin", bin, sizeof(bin), CS_MAP_BINARY), 0);

	assert_int_equal(cs_map_get_i8(m, "k.i8", &i8), 0);
	assert_int_equal(i8, -8);
	assert_int_equal(cs_map_get_u8(m, "k.u8", &u8), 0);
	assert_int_equal(u8, 250);
	assert_int_equal(cs_map_get_i16(m, "k.i16", &i16), 0);
	assert_int_equal(i16, -16000);
	assert_int_equal(cs_map_get_u16(m, "k.u16", &u16), 0);
	assert_int_equal(u16, 65000);
	assert_int_equal(cs_map_get_i32(m, "k.i32", &i32), 0);
	assert_int_equal(i32, -2000000000);
	assert_int_equal(cs_map_get_u32(m, "k.u32", &u32), 0);
	assert_int_equal(u32, 4000000000u);
	assert_int_equal(cs_map_get_i64(m, "k.i64", &i64), 0);
	assert_true(i64 == INT64_MIN);
	assert_int_equal(cs_map_get_u64(m, "k.u64", &u64), 0);
	assert_true(u64 == UINT64_MAX);
	assert_int_equal(cs_map_get_float(m, "k.flt", &f), 0);
	assert_true(f == 1.5f);
	assert_int_equal(cs_map_get_double(m, "k.dbl", &d), 0);
	assert_true(d == -2.25);
	assert_int_equal(cs_map_get_string(m, "k.str", &s), 0);
	assert_string_equal(s, "hello");
	free(s);
	assert_int_equal(cs_map_get(m, "k.bin", out, &len, &type), 0);
	assert_int_equal(len, sizeof(bin));
	assert_int_equal(type, CS_MAP_BINARY);
	assert_memory_equal(out, bin, sizeof(bin));

	/* the generic getter reports the size of each type */
	assert_int_equal(cs_map_get(m, "k.u16", NULL, &len, &type), 0);
	assert_int_equal(len, 2);
	assert_int_equal(type, CS_MAP_UINT16);
	assert_int_equal(cs_map_get(m, "k.str", NULL, &len, &type), 0);
	assert_int_equal(len, 6); /* with the NUL, as cmap */
	assert_int_equal(type, CS_MAP_STRING);
}

static void empty_binary_and_replacing_type(void **state)
{
	struct cs_map *m = *state;
	size_t len = 99;
	enum cs_map_type type;
	uint32_t u32;

	assert_int_equal(cs_map_set(m, "empty", NULL, 0, CS_MAP_BINARY), 0);
	assert_int_equal(cs_map_get(m, "empty", NULL, &len, &type), 0);
	assert_int_equal(len, 0);
	assert_int_equal(type, CS_MAP_BINARY);

	assert_int_equal(cs_map_set_string(m, "k.any", "7"), 0);
	assert_int_equal(cs_map_set_u32(m, "k.any", 7), 0);
	assert_int_equal(cs_map_get_u32(m, "k.any", &u32), 0);
	assert_int_equal(u32, 7);
}

static void type_names_are_cmapctls(void **state)
{
	assert_string_equal(cs_map_type_name(CS_MAP_UINT32), "u32");
	assert_string_equal(cs_map_type_name(CS_MAP_STRING), "str");
	assert_string_equal(cs_map_type_name(CS_MAP_DOUBLE), "dbl");
	assert_string_equal(cs_map_type_name(0), "?");
	assert_string_equal(cs_map_type_name(13), "?");
}

static void bad_keys_are_refused(void **state)
{
	struct cs_map *m = *state;
	char long_key[CS_MAP_KEY_MAX + 2];
	uint8_t v;

	memset(long_key, 'a', sizeof(long_key));
	long_key[CS_MAP_KEY_MAX + 1] = '\0';
	assert_int_equal(cs_map_set_u8(m, long_key, 1), -EINVAL);
	long_key[CS_MAP_KEY_MAX] = '\0';
	assert_int_equal(cs_map_set_u8(m, long_key, 1), 0);

	assert_int_equal(cs_map_set_u8(m, "ab", 1), -EINVAL);
	assert_int_equal(cs_map_set_u8(m, "abc", 1), 0);
	assert_int_equal(cs_map_set_u8(m, "a b", 1), -EINVAL);
	assert_int_equal(cs_map_set_u8(m, "a*b", 1), -EINVAL);
	assert_int_equal(cs_map_set_u8(m, "tot\xc3\xa9m", 1), -EINVAL);
	assert_int_equal(cs_map_set_u8(m, NULL, 1), -EINVAL);
	assert_int_equal(cs_map_set_u8(m, "a-Z_0./:", 1), 0);

	assert_int_equal(cs_map_get_u8(m, "ab", &v), -EINVAL);
	assert_int_equal(cs_map_delete(m, "a b"), -EINVAL);
	assert_int_equal(cs_map_adjust_int(m, "x", 1), -EINVAL);
	assert_false(cs_map_key_valid("no spaces"));
	assert_true(cs_map_key_valid("runtime.config.totem.token"));
}

static void bad_values_are_refused(void **state)
{
	struct cs_map *m = *state;
	char big[CS_MAP_VALUE_MAX + 1];
	uint32_t v = 1;

	assert_int_equal(cs_map_set(m, "k.v", &v, 2, CS_MAP_UINT32), -EINVAL);
	assert_int_equal(cs_map_set(m, "k.v", NULL, 4, CS_MAP_UINT32), -EINVAL);
	assert_int_equal(cs_map_set(m, "k.v", &v, 4, 0), -EINVAL);
	assert_int_equal(cs_map_set(m, "k.v", &v, 4, 13), -EINVAL);
	assert_int_equal(cs_map_set(m, "k.v", "abc", 3, CS_MAP_STRING), -EINVAL); /* no NUL */
	assert_int_equal(cs_map_set(m, "k.v", NULL, 1, CS_MAP_BINARY), -EINVAL);
	assert_int_equal(cs_map_set_string(m, "k.v", NULL), -EINVAL);
	memset(big, 'x', sizeof(big));
	assert_int_equal(cs_map_set(m, "k.v", big, sizeof(big), CS_MAP_BINARY), -EINVAL);
	assert_int_equal(cs_map_set(m, "k.v", big, CS_MAP_VALUE_MAX, CS_MAP_BINARY), 0);
	/* a string is stored up to its NUL */
	assert_int_equal(cs_map_set(m, "k.s", "ab\0cd", 6, CS_MAP_STRING), 0);
	size_t len;
	assert_int_equal(cs_map_get(m, "k.s", NULL, &len, NULL), 0);
	assert_int_equal(len, 3);
}

static void typed_getters_want_the_exact_type(void **state)
{
	struct cs_map *m = *state;
	uint32_t u32;
	uint8_t u8;
	int32_t i32;
	char *s = NULL;

	assert_int_equal(cs_map_set_u32(m, "totem.token", 3000), 0);
	assert_int_equal(cs_map_get_u8(m, "totem.token", &u8), -EINVAL);
	assert_int_equal(cs_map_get_i32(m, "totem.token", &i32), -EINVAL);
	assert_int_equal(cs_map_get_string(m, "totem.token", &s), -EINVAL);
	assert_null(s);
	assert_int_equal(cs_map_get_u32(m, "totem.join", &u32), -ENOENT);
	assert_int_equal(cs_map_get_string(m, "totem.join", &s), -ENOENT);
	assert_int_equal(cs_map_set_string(m, "totem.transport", "udpu"), 0);
	assert_int_equal(cs_map_get_u32(m, "totem.transport", &u32), -EINVAL);
}

static void small_buffer_gives_enospc_and_the_length(void **state)
{
	struct cs_map *m = *state;
	char buf[16];
	size_t len = 3;
	enum cs_map_type type = 0;

	assert_int_equal(cs_map_set_string(m, "totem.cluster_name", "research"), 0);
	assert_int_equal(cs_map_get(m, "totem.cluster_name", buf, &len, &type), -ENOSPC);
	assert_int_equal(len, 9);
	assert_int_equal(type, CS_MAP_STRING);
	assert_int_equal(cs_map_get(m, "totem.cluster_name", buf, &len, &type), 0);
	assert_string_equal(buf, "research");
	assert_int_equal(cs_map_get(m, "totem.cluster_name", buf, NULL, NULL), -EINVAL);
	assert_int_equal(cs_map_get(m, "totem.nothing", buf, &len, &type), -ENOENT);
}

static void delete_removes(void **state)
{
	struct cs_map *m = *state;
	uint8_t v;

	assert_int_equal(cs_map_set_u8(m, "quorum.two_node", 1), 0);
	assert_int_equal(cs_map_delete(m, "quorum.two_node"), 0);
	assert_int_equal(cs_map_get_u8(m, "quorum.two_node", &v), -ENOENT);
	assert_int_equal(cs_map_delete(m, "quorum.two_node"), -ENOENT);
}

static void collect(struct cs_map *m, const char *prefix, char *out, size_t size)
{
	struct cs_map_iter *it;
	const char *key;
	size_t used = 0;

	out[0] = '\0';
	assert_int_equal(cs_map_iter_new(m, prefix, &it), 0);
	while ((key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		used += (size_t)snprintf(out + used, size - used, "%s ", key);
	}
	assert_null(cs_map_iter_next(it, NULL, NULL));
	cs_map_iter_free(it);
}

static void prefix_iteration_is_sorted(void **state)
{
	static const char *const keys[] = {
		"nodelist.node.1.ring0_addr",
		"totem.token",
		"nodelist.node.0.nodeid",
		"nodelist.node.10.nodeid",
		"nodelist.local_node_pos",
		"nodelist.node.0.ring0_addr",
		"nodelist.nodes",
		"aaa",
	};
	struct cs_map *m = *state;
	struct cs_map_iter *it;
	char out[512];
	size_t len;
	enum cs_map_type type;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		assert_int_equal(cs_map_set_u32(m, keys[i], (uint32_t)i), 0);
	}
	collect(m, "nodelist.node.", out, sizeof(out));
	assert_string_equal(out, "nodelist.node.0.nodeid nodelist.node.0.ring0_addr "
				 "nodelist.node.1.ring0_addr nodelist.node.10.nodeid ");
	collect(m, NULL, out, sizeof(out));
	assert_string_equal(out, "aaa nodelist.local_node_pos nodelist.node.0.nodeid "
				 "nodelist.node.0.ring0_addr nodelist.node.1.ring0_addr "
				 "nodelist.node.10.nodeid nodelist.nodes totem.token ");
	collect(m, "quorum.", out, sizeof(out));
	assert_string_equal(out, "");
	collect(m, "zzz", out, sizeof(out));
	assert_string_equal(out, "");

	assert_int_equal(cs_map_set_string(m, "totem.transport", "udpu"), 0);
	assert_int_equal(cs_map_iter_new(m, "totem.tr", &it), 0);
	assert_string_equal(cs_map_iter_next(it, &len, &type), "totem.transport");
	assert_int_equal(len, 5);
	assert_int_equal(type, CS_MAP_STRING);
	assert_null(cs_map_iter_next(it, &len, &type));
	cs_map_iter_free(it);

	char long_prefix[CS_MAP_KEY_MAX + 2];
	memset(long_prefix, 'a', sizeof(long_prefix));
	long_prefix[CS_MAP_KEY_MAX + 1] = '\0';
	assert_int_equal(cs_map_iter_new(m, long_prefix, &it), -EINVAL);
	assert_null(it);
	cs_map_iter_free(NULL);
}

static void iteration_while_modifying(void **state)
{
	struct cs_map *m = *state;
	struct cs_map_iter *it;
	const char *key;
	char out[256] = "";

	assert_int_equal(cs_map_set_u8(m, "p.b", 1), 0);
	assert_int_equal(cs_map_set_u8(m, "p.d", 1), 0);
	assert_int_equal(cs_map_set_u8(m, "p.f", 1), 0);
	assert_int_equal(cs_map_set_u8(m, "p.h", 1), 0);
	assert_int_equal(cs_map_iter_new(m, "p.", &it), 0);
	while ((key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		strcat(out, key);
		strcat(out, " ");
		if (strcmp(key, "p.d") == 0) {
			/* delete the current key and one ahead, add one ahead and one behind */
			assert_int_equal(cs_map_delete(m, "p.d"), 0);
			assert_int_equal(cs_map_delete(m, "p.f"), 0);
			assert_int_equal(cs_map_set_u8(m, "p.e", 1), 0);
			assert_int_equal(cs_map_set_u8(m, "p.a", 1), 0);
			assert_int_equal(cs_map_set_u8(m, "p.z", 1), 0);
		}
	}
	cs_map_iter_free(it);
	assert_string_equal(out, "p.b p.d p.e p.h p.z ");
}

/* Enough keys, in a scrambled order, to exercise every rotation. */
static void many_keys_stay_sorted(void **state)
{
	struct cs_map *m = *state;
	struct cs_map_iter *it;
	const char *key;
	char name[32];
	char prev[32] = "";
	unsigned n = 0;
	uint32_t v;

	for (unsigned i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "key.%05u", (i * 7919u) % 2000u);
		assert_int_equal(cs_map_set_u32(m, name, i), 0);
	}
	for (unsigned i = 0; i < 2000; i += 2) {
		snprintf(name, sizeof(name), "key.%05u", i);
		assert_int_equal(cs_map_delete(m, name), 0);
	}
	assert_int_equal(cs_map_iter_new(m, "key.", &it), 0);
	while ((key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		assert_true(strcmp(prev, key) < 0);
		snprintf(prev, sizeof(prev), "%s", key);
		n++;
	}
	cs_map_iter_free(it);
	assert_int_equal(n, 1000);
	assert_int_equal(cs_map_get_u32(m, "key.01999", &v), 0);
	assert_int_equal(cs_map_get_u32(m, "key.01998", &v), -ENOENT);
}

static void key_tracker_sees_add_modify_delete(void **state)
{
	struct cs_map *m = *state;
	struct cs_map_track *t;
	struct seen s = { 0 };
	uint32_t v;

	assert_int_equal(
		cs_map_track_add(m, "totem.token",
				 CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE,
				 record, &s, &t),
		0);
	assert_int_equal(cs_map_set_u32(m, "totem.token", 3000), 0);
	assert_int_equal(s.event, CS_MAP_TRACK_ADD);
	assert_string_equal(s.key, "totem.token");
	assert_int_equal(s.new_type, CS_MAP_UINT32);
	assert_int_equal(s.new_len, 4);
	memcpy(&v, s.new_data, 4);
	assert_int_equal(v, 3000);
	assert_int_equal(s.old_type, 0);
	assert_int_equal(s.old_len, 0);

	assert_int_equal(cs_map_set_u32(m, "totem.token", 5000), 0);
	assert_int_equal(s.event, CS_MAP_TRACK_MODIFY);
	memcpy(&v, s.new_data, 4);
	assert_int_equal(v, 5000);
	memcpy(&v, s.old_data, 4);
	assert_int_equal(v, 3000);
	assert_int_equal(s.old_type, CS_MAP_UINT32);

	/* the same value again is no change */
	assert_int_equal(cs_map_set_u32(m, "totem.token", 5000), 0);
	assert_int_equal(s.count, 2);
	/* nor is another key */
	assert_int_equal(cs_map_set_u32(m, "totem.token_coefficient", 0), 0);
	assert_int_equal(s.count, 2);

	assert_int_equal(cs_map_delete(m, "totem.token"), 0);
	assert_int_equal(s.event, CS_MAP_TRACK_DELETE);
	assert_int_equal(s.new_type, 0);
	assert_int_equal(s.new_len, 0);
	memcpy(&v, s.old_data, 4);
	assert_int_equal(v, 5000);
	assert_int_equal(s.count, 3);

	assert_int_equal(cs_map_track_delete(m, t), 0);
	assert_int_equal(cs_map_set_u32(m, "totem.token", 1), 0);
	assert_int_equal(s.count, 3);
	assert_int_equal(cs_map_track_delete(m, t), -ENOENT);
}

static void type_change_is_a_modify(void **state)
{
	struct cs_map *m = *state;
	struct seen s = { 0 };

	assert_int_equal(cs_map_set_string(m, "quorum.two_node", "1"), 0);
	assert_int_equal(
		cs_map_track_add(m, "quorum.two_node", CS_MAP_TRACK_MODIFY, record, &s, NULL), 0);
	assert_int_equal(cs_map_set_u8(m, "quorum.two_node", 1), 0);
	assert_int_equal(s.count, 1);
	assert_int_equal(s.old_type, CS_MAP_STRING);
	assert_int_equal(s.new_type, CS_MAP_UINT8);
}

static void prefix_tracker_and_event_filter(void **state)
{
	struct cs_map *m = *state;
	struct seen all = { 0 };
	struct seen deletes = { 0 };
	struct seen everything = { 0 };

	assert_int_equal(cs_map_track_add(m, "nodelist.",
					  CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD |
						  CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE,
					  record, &all, NULL),
			 0);
	assert_int_equal(cs_map_track_add(m, "nodelist.", CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_DELETE,
					  record, &deletes, NULL),
			 0);
	assert_int_equal(cs_map_track_add(m, "", CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD, record,
					  &everything, NULL),
			 0);
	assert_int_equal(cs_map_set_string(m, "nodelist.node.0.ring0_addr", "10.0.0.1"), 0);
	assert_int_equal(cs_map_set_u32(m, "nodelist.node.0.nodeid", 1), 0);
	assert_int_equal(cs_map_set_u32(m, "nodelist.node.0.nodeid", 2), 0);
	assert_int_equal(cs_map_set_u32(m, "totem.token", 1), 0);
	assert_int_equal(cs_map_delete(m, "nodelist.node.0.nodeid"), 0);
	assert_string_equal(all.log, "add nodelist.node.0.ring0_addr;add nodelist.node.0.nodeid;"
				     "mod nodelist.node.0.nodeid;del nodelist.node.0.nodeid;");
	assert_string_equal(deletes.log, "del nodelist.node.0.nodeid;");
	assert_string_equal(everything.log, "add nodelist.node.0.ring0_addr;"
					    "add nodelist.node.0.nodeid;add totem.token;");
}

static void bad_trackers_are_refused(void **state)
{
	struct cs_map *m = *state;
	struct seen s = { 0 };
	struct cs_map_track *t = (void *)1;

	assert_int_equal(cs_map_track_add(m, "totem.token", 0, record, &s, &t), -EINVAL);
	assert_null(t);
	assert_int_equal(cs_map_track_add(m, "totem.token", CS_MAP_TRACK_PREFIX, record, &s, &t),
			 -EINVAL);
	assert_int_equal(cs_map_track_add(m, "totem.token", 16 | CS_MAP_TRACK_ADD, record, &s, &t),
			 -EINVAL);
	assert_int_equal(cs_map_track_add(m, "to", CS_MAP_TRACK_ADD, record, &s, &t), -EINVAL);
	assert_int_equal(cs_map_track_add(m, "totem.token", CS_MAP_TRACK_ADD, NULL, &s, &t),
			 -EINVAL);
	/* a short prefix is fine */
	assert_int_equal(
		cs_map_track_add(m, "to", CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD, record, &s, &t),
		0);
	assert_int_equal(cs_map_track_delete(m, NULL), -ENOENT);
}

struct self_delete {
	struct cs_map_track *track;
	int calls;
};

static void delete_own_tracker(struct cs_map *map, const char *key, int event,
			       const struct cs_map_value *nv, const struct cs_map_value *ov,
			       void *data)
{
	struct self_delete *sd = data;

	sd->calls++;
	assert_int_equal(cs_map_track_delete(map, sd->track), 0);
	assert_int_equal(cs_map_track_delete(map, sd->track), -ENOENT);
}

static void tracker_deleted_from_its_callback(void **state)
{
	struct cs_map *m = *state;
	struct self_delete sd = { 0 };
	struct seen after = { 0 };

	assert_int_equal(cs_map_track_add(m, "a.b", CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY,
					  delete_own_tracker, &sd, &sd.track),
			 0);
	assert_int_equal(cs_map_track_add(m, "a.b", CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY, record,
					  &after, NULL),
			 0);
	assert_int_equal(cs_map_set_u8(m, "a.b", 1), 0);
	assert_int_equal(cs_map_set_u8(m, "a.b", 2), 0);
	assert_int_equal(sd.calls, 1);
	assert_int_equal(after.count, 2);
}

struct meddler {
	struct seen *late;
	int calls;
};

/* Replaces and deletes the key it is told about, and adds a tracker. */
static void meddle(struct cs_map *map, const char *key, int event, const struct cs_map_value *nv,
		   const struct cs_map_value *ov, void *data)
{
	struct meddler *md = data;

	if (md->calls++ > 0) {
		return;
	}
	assert_int_equal(cs_map_set_string(map, key, "replaced by a longer value"), 0);
	assert_int_equal(cs_map_delete(map, key), 0);
	assert_int_equal(cs_map_track_add(map, "m.", CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD, record,
					  md->late, NULL),
			 0);
}

static void callbacks_may_change_the_map(void **state)
{
	struct cs_map *m = *state;
	struct seen late = { 0 };
	struct meddler md = { &late, 0 };
	struct seen later = { 0 };

	assert_int_equal(cs_map_track_add(m, "m.",
					  CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD |
						  CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE,
					  meddle, &md, NULL),
			 0);
	assert_int_equal(cs_map_track_add(m, "m.", CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD, record,
					  &later, NULL),
			 0);
	assert_int_equal(cs_map_set_string(m, "m.key", "first"), 0);
	/* the second tracker still gets the original event intact */
	assert_int_equal(later.count, 1);
	assert_int_equal(later.event, CS_MAP_TRACK_ADD);
	assert_string_equal(later.key, "m.key");
	assert_string_equal((char *)later.new_data, "first");
	/* the tracker added during the callback hears of the next change only */
	assert_int_equal(late.count, 0);
	assert_int_equal(cs_map_set_string(m, "m.other", "x"), 0);
	assert_int_equal(late.count, 1);
}

static void adjust_int_wraps_and_tells(void **state)
{
	struct cs_map *m = *state;
	struct seen s = { 0 };
	uint8_t u8;
	int8_t i8;
	int32_t i32;
	uint64_t u64;

	assert_int_equal(cs_map_set_u8(m, "c.u8", 255), 0);
	assert_int_equal(cs_map_adjust_int(m, "c.u8", 1), 0);
	assert_int_equal(cs_map_get_u8(m, "c.u8", &u8), 0);
	assert_int_equal(u8, 0);
	assert_int_equal(cs_map_set_i8(m, "c.i8", -128), 0);
	assert_int_equal(cs_map_adjust_int(m, "c.i8", -1), 0);
	assert_int_equal(cs_map_get_i8(m, "c.i8", &i8), 0);
	assert_int_equal(i8, 127);
	assert_int_equal(cs_map_set_u16(m, "c.u16", 1), 0);
	assert_int_equal(cs_map_adjust_int(m, "c.u16", -2), 0);
	uint16_t u16;
	assert_int_equal(cs_map_get_u16(m, "c.u16", &u16), 0);
	assert_int_equal(u16, 65535);
	assert_int_equal(cs_map_set_i32(m, "c.i32", 5), 0);
	assert_int_equal(cs_map_adjust_int(m, "c.i32", -10), 0);
	assert_int_equal(cs_map_get_i32(m, "c.i32", &i32), 0);
	assert_int_equal(i32, -5);
	assert_int_equal(cs_map_set_u64(m, "c.u64", 1ull << 40), 0);
	assert_int_equal(cs_map_track_add(m, "c.u64", CS_MAP_TRACK_MODIFY, record, &s, NULL), 0);
	assert_int_equal(cs_map_adjust_int(m, "c.u64", 3), 0);
	assert_int_equal(cs_map_get_u64(m, "c.u64", &u64), 0);
	assert_true(u64 == (1ull << 40) + 3);
	assert_int_equal(s.count, 1);
	assert_int_equal(cs_map_adjust_int(m, "c.u64", 0), 0);
	assert_int_equal(s.count, 1);

	assert_int_equal(cs_map_set_string(m, "c.str", "1"), 0);
	assert_int_equal(cs_map_adjust_int(m, "c.str", 1), -EINVAL);
	assert_int_equal(cs_map_set_double(m, "c.dbl", 1.0), 0);
	assert_int_equal(cs_map_adjust_int(m, "c.dbl", 1), -EINVAL);
	assert_int_equal(cs_map_adjust_int(m, "c.none", 1), -ENOENT);
}

static void copy_takes_a_prefix(void **state)
{
	struct cs_map *m = *state;
	struct cs_map *dst = cs_map_new();
	struct seen s = { 0 };
	char out[256];
	uint32_t v;

	assert_int_equal(cs_map_set_u32(m, "totem.token", 3000), 0);
	assert_int_equal(cs_map_set_u32(m, "totem.join", 50), 0);
	assert_int_equal(cs_map_set_u32(m, "quorum.expected_votes", 3), 0);
	assert_int_equal(cs_map_set_u32(dst, "totem.join", 50), 0);
	assert_int_equal(
		cs_map_track_add(dst, "",
				 CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY,
				 record, &s, NULL),
		0);
	assert_int_equal(cs_map_copy(dst, m, "totem."), 0);
	collect(dst, NULL, out, sizeof(out));
	assert_string_equal(out, "totem.join totem.token ");
	assert_string_equal(s.log, "add totem.token;");
	assert_int_equal(cs_map_get_u32(dst, "totem.token", &v), 0);
	assert_int_equal(v, 3000);
	cs_map_free(dst);
}

static void read_only_prefixes(void **state)
{
	struct cs_map *m = *state;

	assert_false(cs_map_is_ro(m, "runtime.config.totem.token"));
	assert_int_equal(cs_map_set_ro(m, "runtime.config.", true), 0);
	assert_int_equal(cs_map_set_ro(m, "runtime.config.", true), 0);
	assert_int_equal(cs_map_set_ro(m, "totem.crypto_cipher", true), 0);
	assert_true(cs_map_is_ro(m, "runtime.config.totem.token"));
	assert_true(cs_map_is_ro(m, "totem.crypto_cipher"));
	assert_false(cs_map_is_ro(m, "totem.token"));
	assert_false(cs_map_is_ro(m, "runtime.members.1.ip"));
	/* not enforced by the map itself */
	assert_int_equal(cs_map_set_u32(m, "runtime.config.totem.token", 1), 0);

	assert_int_equal(cs_map_set_ro(m, "runtime.config.", false), 0);
	assert_false(cs_map_is_ro(m, "runtime.config.totem.token"));
	assert_true(cs_map_is_ro(m, "totem.crypto_cipher"));
	assert_int_equal(cs_map_set_ro(m, "nothing.", false), 0);
	assert_int_equal(cs_map_set_ro(m, "", true), -EINVAL);
	assert_int_equal(cs_map_set_ro(m, "bad prefix", true), -EINVAL);
	assert_false(cs_map_is_ro(m, NULL));
}

static void free_null_is_a_noop(void **state)
{
	cs_map_free(NULL);
	cs_map_iter_free(NULL);
	assert_null(cs_map_iter_next(NULL, NULL, NULL));
}

/* Trackers are freed with the map, and the map's entries with it. */
static void free_releases_everything(void **state)
{
	struct cs_map *m = cs_map_new();
	struct seen s = { 0 };
	struct cs_map_iter *it;

	assert_non_null(m);
	assert_int_equal(cs_map_track_add(m, "x.", CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_DELETE,
					  record, &s, NULL),
			 0);
	assert_int_equal(cs_map_set_string(m, "x.a", "value"), 0);
	assert_int_equal(cs_map_set_ro(m, "x.", true), 0);
	assert_int_equal(cs_map_iter_new(m, "x.", &it), 0);
	cs_map_iter_free(it);
	cs_map_free(m);
	assert_int_equal(s.count, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(every_type_round_trips),
		T(empty_binary_and_replacing_type),
		cmocka_unit_test(type_names_are_cmapctls),
		T(bad_keys_are_refused),
		T(bad_values_are_refused),
		T(typed_getters_want_the_exact_type),
		T(small_buffer_gives_enospc_and_the_length),
		T(delete_removes),
		T(prefix_iteration_is_sorted),
		T(iteration_while_modifying),
		T(many_keys_stay_sorted),
		T(key_tracker_sees_add_modify_delete),
		T(type_change_is_a_modify),
		T(prefix_tracker_and_event_filter),
		T(bad_trackers_are_refused),
		T(tracker_deleted_from_its_callback),
		T(callbacks_may_change_the_map),
		T(adjust_int_wraps_and_tells),
		T(copy_takes_a_prefix),
		T(read_only_prefixes),
		cmocka_unit_test(free_null_is_a_noop),
		cmocka_unit_test(free_releases_everything),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
