/*
 * Cluster message frames: round trips (plain and bzip2), destination
 * filtering, and rejection of every kind of damaged frame.
 */
#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/xml.h>
#include "../cluster_wire.h"

/* The header layout, pinned here: changing it breaks mixed-version
 * clusters, so it must be a deliberate change of this test too. */
enum {
	OFF_MAGIC = 0,
	OFF_VERSION = 4,
	OFF_FLAGS = 6,
	OFF_TO = 8,
	OFF_FROM = 12,
	OFF_TEXT_LEN = 16,
	OFF_PAYLOAD_LEN = 20
};

static void put32(void *frame, size_t off, uint32_t v)
{
	v = htole32(v);
	memcpy((char *)frame + off, &v, sizeof(v));
}

static uint32_t get32(const void *frame, size_t off)
{
	uint32_t v;

	memcpy(&v, (const char *)frame + off, sizeof(v));
	return le32toh(v);
}

static void put16(void *frame, size_t off, uint16_t v)
{
	v = htole16(v);
	memcpy((char *)frame + off, &v, sizeof(v));
}

static xmlNode *small_msg(void)
{
	xmlNode *msg = pcmk_xml_new_root("cib_command");

	assert_non_null(msg);
	assert_int_equal(pcmk_xml_set_attr(msg, "op", "cib_query"), 0);
	assert_non_null(pcmk_xml_add_child(msg, "cib_calldata"));
	return msg;
}

/* A message with about @bytes of repetitive (compressible) text. */
static xmlNode *big_msg(size_t bytes)
{
	xmlNode *msg = pcmk_xml_new_root("big");
	xmlNode *data = pcmk_xml_add_child(msg, "data");
	char *text = malloc(bytes + 1);

	for (size_t i = 0; i < bytes; i++) {
		text[i] = (char)('a' + (i * 7 + i / 13) % 26);
	}
	text[bytes] = '\0';
	xmlNodeAddContent(data, BAD_CAST text);
	free(text);
	return msg;
}

static void assert_same_xml(const xmlNode *a, const xmlNode *b)
{
	char *ta = pcmk_xml_to_string(a, false), *tb = pcmk_xml_to_string(b, false);

	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
}

static void encode(const xmlNode *msg, uint32_t to, uint32_t from, size_t min, void **frame,
		   size_t *len)
{
	assert_int_equal(cluster_wire_encode(msg, to, from, min, frame, len), 0);
}

static void round_trip_plain(void **state)
{
	xmlNode *msg = small_msg();
	struct cluster_wire_msg m;
	void *frame;
	size_t len;
	char *text = pcmk_xml_to_string(msg, false);

	(void)state;
	encode(msg, 0, 3, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	assert_int_equal(len, CLUSTER_WIRE_HEADER_SIZE + strlen(text));
	assert_int_equal(get32(frame, OFF_FROM), 3);
	assert_int_equal(get32(frame, OFF_TO), 0);
	assert_int_equal(cluster_wire_decode(frame, len, 3, 5, &m), 0);
	assert_int_equal(m.to, 0);
	assert_int_equal(m.from, 3);
	assert_false(m.compressed);
	assert_same_xml(msg, xmlDocGetRootElement(m.doc));
	xmlFreeDoc(m.doc);
	free(text);
	free(frame);
	pcmk_xml_free(msg);
}

static void round_trip_compressed(void **state)
{
	xmlNode *msg = big_msg(300 * 1024);
	struct cluster_wire_msg m;
	void *frame;
	size_t len;

	(void)state;
	encode(msg, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	assert_true(len < 100 * 1024);
	assert_int_equal(get32(frame, OFF_PAYLOAD_LEN), len - CLUSTER_WIRE_HEADER_SIZE);
	assert_true(get32(frame, OFF_TEXT_LEN) > 300 * 1024);
	assert_int_equal(cluster_wire_decode(frame, len, 1, 2, &m), 0);
	assert_true(m.compressed);
	assert_same_xml(msg, xmlDocGetRootElement(m.doc));
	xmlFreeDoc(m.doc);
	free(frame);
	pcmk_xml_free(msg);
}

static void below_threshold_stays_plain(void **state)
{
	xmlNode *msg = big_msg(64 * 1024);
	struct cluster_wire_msg m;
	void *frame;
	size_t len;

	(void)state;
	encode(msg, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	assert_true(len > 64 * 1024);
	assert_int_equal(cluster_wire_decode(frame, len, 1, 1, &m), 0);
	assert_false(m.compressed);
	xmlFreeDoc(m.doc);
	free(frame);
	pcmk_xml_free(msg);
}

static void destination_filter(void **state)
{
	xmlNode *msg = small_msg();
	struct cluster_wire_msg m;
	void *frame;
	size_t len;

	(void)state;
	encode(msg, 2, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	assert_int_equal(cluster_wire_decode(frame, len, 1, 2, &m), 0);
	assert_int_equal(m.to, 2);
	xmlFreeDoc(m.doc);
	assert_int_equal(cluster_wire_decode(frame, len, 1, 3, &m), -ENOMSG);
	assert_null(m.doc);
	assert_int_equal(cluster_wire_decode(frame, len, 1, 1, &m), -ENOMSG);
	free(frame);
	pcmk_xml_free(msg);
}

static void encode_rejects_bad_arguments(void **state)
{
	xmlNode *msg = small_msg();
	void *frame = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(cluster_wire_encode(NULL, 0, 1, 0, &frame, &len), -EINVAL);
	assert_int_equal(cluster_wire_encode(msg, 0, 1, 0, NULL, &len), -EINVAL);
	assert_int_equal(cluster_wire_encode(msg, 0, 1, 0, &frame, NULL), -EINVAL);
	pcmk_xml_free(msg);
}

static void assert_rejected(const void *frame, size_t len, uint32_t sender)
{
	struct cluster_wire_msg m;

	assert_int_equal(cluster_wire_decode(frame, len, sender, 1, &m), -EBADMSG);
	assert_null(m.doc);
}

static void truncated_frames(void **state)
{
	xmlNode *small = small_msg(), *big = big_msg(200 * 1024);
	void *frame;
	size_t len;

	(void)state;
	encode(small, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	for (size_t cut = 0; cut < len; cut++) {
		assert_rejected(frame, cut, 1);
	}
	assert_rejected(NULL, 0, 1);
	free(frame);
	encode(big, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	assert_rejected(frame, len - 1, 1);
	/* the lengths agree with the frame, but the bzip2 stream ends early */
	put32(frame, OFF_PAYLOAD_LEN, (uint32_t)(len - 1 - CLUSTER_WIRE_HEADER_SIZE));
	assert_rejected(frame, len - 1, 1);
	free(frame);
	pcmk_xml_free(small);
	pcmk_xml_free(big);
}

static void oversized_frames(void **state)
{
	xmlNode *small = small_msg(), *big = big_msg(200 * 1024);
	void *frame, *longer;
	size_t len;
	uint32_t text_len;

	(void)state;
	encode(small, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	longer = calloc(1, len + 1);
	memcpy(longer, frame, len);
	assert_rejected(longer, len + 1, 1); /* a byte more than announced */
	put32(longer, OFF_PAYLOAD_LEN, (uint32_t)(len + 1 - CLUSTER_WIRE_HEADER_SIZE));
	assert_rejected(longer, len + 1, 1); /* plain, text length disagrees */
	free(longer);
	free(frame);

	encode(big, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	text_len = get32(frame, OFF_TEXT_LEN);
	put32(frame, OFF_TEXT_LEN, CLUSTER_WIRE_TEXT_MAX + 1U);
	assert_rejected(frame, len, 1); /* refused before any allocation */
	put32(frame, OFF_TEXT_LEN, text_len - 1);
	assert_rejected(frame, len, 1); /* decompresses to more */
	put32(frame, OFF_TEXT_LEN, text_len + 1);
	assert_rejected(frame, len, 1); /* decompresses to less */
	put32(frame, OFF_TEXT_LEN, 0);
	assert_rejected(frame, len, 1);
	free(frame);
	pcmk_xml_free(small);
	pcmk_xml_free(big);
}

static void bad_header_fields(void **state)
{
	xmlNode *msg = small_msg();
	void *frame, *copy;
	size_t len;
	static const struct {
		size_t off;
		int width;
		uint32_t value;
	} damage[] = {
		{ OFF_MAGIC, 32, 0x12345678 }, { OFF_VERSION, 16, 2 }, { OFF_VERSION, 16, 0 },
		{ OFF_FLAGS, 16, 0x8000 },     { OFF_FROM, 32, 9 },    { OFF_TEXT_LEN, 32, 1 },
	};

	(void)state;
	encode(msg, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	copy = malloc(len);
	for (size_t i = 0; i < sizeof(damage) / sizeof(damage[0]); i++) {
		memcpy(copy, frame, len);
		if (damage[i].width == 32) {
			put32(copy, damage[i].off, damage[i].value);
		} else {
			put16(copy, damage[i].off, (uint16_t)damage[i].value);
		}
		assert_rejected(copy, len, 1);
	}
	assert_rejected(frame, len, 2); /* corosync says another node sent it */
	free(copy);
	free(frame);
	pcmk_xml_free(msg);
}

static void garbage_payloads(void **state)
{
	xmlNode *msg = small_msg(), *big = big_msg(200 * 1024);
	void *frame;
	size_t len;

	(void)state;
	encode(msg, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	memset((char *)frame + CLUSTER_WIRE_HEADER_SIZE, '<', len - CLUSTER_WIRE_HEADER_SIZE);
	assert_rejected(frame, len, 1); /* not XML */
	free(frame);
	encode(big, 0, 1, CLUSTER_WIRE_COMPRESS_MIN, &frame, &len);
	memset((char *)frame + CLUSTER_WIRE_HEADER_SIZE + 20, 0x5a, 64);
	assert_rejected(frame, len, 1); /* damaged bzip2 stream */
	free(frame);
	pcmk_xml_free(msg);
	pcmk_xml_free(big);
}

static void random_frames(void **state)
{
	unsigned int seed = 12345;
	unsigned char buf[512];

	(void)state;
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)rand_r(&seed) % sizeof(buf);

		for (size_t i = 0; i < len; i++) {
			buf[i] = (unsigned char)rand_r(&seed);
		}
		if (round % 2 == 1 && len >= CLUSTER_WIRE_HEADER_SIZE) {
			/* a plausible header over random bytes gets further */
			put32(buf, OFF_MAGIC, 0x4b4d4350U);
			put16(buf, OFF_VERSION, 1);
			put16(buf, OFF_FLAGS, (uint16_t)(round % 4 == 1));
			put32(buf, OFF_FROM, 1);
			put32(buf, OFF_TO, 0);
			put32(buf, OFF_PAYLOAD_LEN, (uint32_t)(len - CLUSTER_WIRE_HEADER_SIZE));
			put32(buf, OFF_TEXT_LEN, (uint32_t)(rand_r(&seed) % 4096));
		}
		assert_rejected(buf, len, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_plain),
		cmocka_unit_test(round_trip_compressed),
		cmocka_unit_test(below_threshold_stays_plain),
		cmocka_unit_test(destination_filter),
		cmocka_unit_test(encode_rejects_bad_arguments),
		cmocka_unit_test(truncated_frames),
		cmocka_unit_test(oversized_frames),
		cmocka_unit_test(bad_header_fields),
		cmocka_unit_test(garbage_payloads),
		cmocka_unit_test(random_frames),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
