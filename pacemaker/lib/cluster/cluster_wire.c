/*
 * Framing of cluster messages: encode XML into a frame, and check every
 * field of a received frame before anything is allocated or parsed from
 * it, so a damaged or hostile packet is dropped with a log line.
 */
#include <bzlib.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "cluster_wire.h"

#define WIRE_MAGIC 0x4b4d4350U /* "PCMK" read little-endian */
#define WIRE_VERSION 1
#define WIRE_BZ2 0x0001U
#define WIRE_FLAGS_KNOWN WIRE_BZ2
/* bzip2 block size (x 100 KiB) and work factor: the library's defaults. */
#define BZ2_BLOCKS 9
#define BZ2_WORK 0

/* The header as it is on the wire, each field little-endian. */
struct wire_header {
	uint32_t magic;
	uint16_t version;
	uint16_t flags;
	uint32_t to;
	uint32_t from;
	uint32_t text_len;    /* the XML text, uncompressed */
	uint32_t payload_len; /* the bytes after the header */
};

_Static_assert(sizeof(struct wire_header) == CLUSTER_WIRE_HEADER_SIZE, "wire header has padding");

/* Compress @text into @out (room for @room bytes).  Returns the
 * compressed size, or 0 when that would not be shorter than @room. */
static size_t compress_text(const char *text, size_t len, char *out, size_t room)
{
	unsigned int out_len = (unsigned int)room;
	int rc = BZ2_bzBuffToBuffCompress(out, &out_len, (char *)text, (unsigned int)len,
					  BZ2_BLOCKS, 0, BZ2_WORK);

	return rc == BZ_OK ? out_len : 0;
}

static void put_header(void *frame, uint32_t to, uint32_t from, uint16_t flags, size_t text_len,
		       size_t payload_len)
{
	struct wire_header h = {
		.magic = htole32(WIRE_MAGIC),
		.version = htole16(WIRE_VERSION),
		.flags = htole16(flags),
		.to = htole32(to),
		.from = htole32(from),
		.text_len = htole32((uint32_t)text_len),
		.payload_len = htole32((uint32_t)payload_len),
	};

	memcpy(frame, &h, sizeof(h));
}

int cluster_wire_encode(const xmlNode *msg, uint32_t to, uint32_t from, size_t compress_min,
			void **frame, size_t *len)
{
	char *text, *buf;
	size_t text_len, payload_len = 0;
	uint16_t flags = 0;

	if (msg == NULL || frame == NULL || len == NULL) {
		return -EINVAL;
	}
	text = pcmk_xml_to_string(msg, false);
	if (text == NULL) {
		return -ENOMEM;
	}
	text_len = strlen(text);
	if (text_len > CLUSTER_WIRE_TEXT_MAX) {
		free(text);
		return -EMSGSIZE;
	}
	buf = malloc(sizeof(struct wire_header) + text_len);
	if (buf == NULL) {
		free(text);
		return -ENOMEM;
	}
	if (text_len >= compress_min) {
		payload_len =
			compress_text(text, text_len, buf + sizeof(struct wire_header), text_len);
		flags = payload_len > 0 ? WIRE_BZ2 : 0;
	}
	if (flags == 0) {
		payload_len = text_len;
		memcpy(buf + sizeof(struct wire_header), text, text_len);
	}
	free(text);
	put_header(buf, to, from, flags, text_len, payload_len);
	*frame = buf;
	*len = sizeof(struct wire_header) + payload_len;
	return 0;
}

static void get_header(const void *frame, struct wire_header *h)
{
	memcpy(h, frame, sizeof(*h));
	h->magic = le32toh(h->magic);
	h->version = le16toh(h->version);
	h->flags = le16toh(h->flags);
	h->to = le32toh(h->to);
	h->from = le32toh(h->from);
	h->text_len = le32toh(h->text_len);
	h->payload_len = le32toh(h->payload_len);
}

/* Why the header of a @len-byte frame from node @sender is unacceptable,
 * or NULL when it is fine. */
static const char *header_problem(const struct wire_header *h, size_t len, uint32_t sender)
{
	if (h->magic != WIRE_MAGIC) {
		return "bad magic number";
	}
	if (h->version != WIRE_VERSION) {
		return "unsupported version";
	}
	if ((h->flags & ~WIRE_FLAGS_KNOWN) != 0) {
		return "unknown flags";
	}
	if (h->from != sender) {
		return "sender node id differs from the one corosync reports";
	}
	if (h->payload_len != len - sizeof(*h)) {
		return "payload length differs from the frame size";
	}
	if (h->text_len == 0 || h->text_len > CLUSTER_WIRE_TEXT_MAX) {
		return "text length out of range";
	}
	if (!(h->flags & WIRE_BZ2) && h->text_len != h->payload_len) {
		return "text length differs from the payload length";
	}
	return NULL;
}

/* The text of a checked frame: a pointer into it, or a malloc'd
 * decompressed copy in *@copy.  Returns 0, -EBADMSG, -ENOMEM. */
static int frame_text(const char *payload, const struct wire_header *h, const char **text,
		      char **copy)
{
	unsigned int out_len = h->text_len;
	int rc;

	*copy = NULL;
	if (!(h->flags & WIRE_BZ2)) {
		*text = payload;
		return 0;
	}
	*copy = malloc(h->text_len);
	if (*copy == NULL) {
		return -ENOMEM;
	}
	rc = BZ2_bzBuffToBuffDecompress(*copy, &out_len, (char *)payload, h->payload_len, 0, 0);
	if (rc != BZ_OK || out_len != h->text_len) {
		free(*copy);
		*copy = NULL;
		return rc == BZ_MEM_ERROR ? -ENOMEM : -EBADMSG;
	}
	*text = *copy;
	return 0;
}

static int parse_text(const char *text, size_t len, uint32_t sender, xmlDoc **doc)
{
	char *error = NULL;
	int rc = pcmk_xml_parse(text, len, doc, &error);

	if (rc == -EINVAL || rc == -EFBIG) {
		pcmk_warn("Dropped a cluster message from node %u: its XML is not valid: %s",
			  sender, error != NULL ? error : "unknown problem");
		rc = -EBADMSG;
	}
	free(error);
	return rc;
}

int cluster_wire_decode(const void *frame, size_t len, uint32_t sender, uint32_t local,
			struct cluster_wire_msg *out)
{
	struct wire_header h;
	const char *problem, *text = NULL;
	char *copy = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (frame == NULL || len < sizeof(h)) {
		pcmk_warn("Dropped a cluster message from node %u: %zu bytes is shorter than "
			  "the header",
			  sender, len);
		return -EBADMSG;
	}
	get_header(frame, &h);
	problem = header_problem(&h, len, sender);
	if (problem != NULL) {
		pcmk_warn("Dropped a %zu-byte cluster message from node %u: %s", len, sender,
			  problem);
		return -EBADMSG;
	}
	if (h.to != 0 && h.to != local) {
		return -ENOMSG;
	}
	rc = frame_text((const char *)frame + sizeof(h), &h, &text, &copy);
	if (rc == -EBADMSG) {
		pcmk_warn("Dropped a %zu-byte cluster message from node %u: its compressed text "
			  "is damaged or not %u bytes long",
			  len, sender, h.text_len);
	}
	if (rc == 0) {
		rc = parse_text(text, h.text_len, sender, &out->doc);
	}
	free(copy);
	out->to = h.to;
	out->from = h.from;
	out->compressed = (h.flags & WIRE_BZ2) != 0;
	return rc;
}
