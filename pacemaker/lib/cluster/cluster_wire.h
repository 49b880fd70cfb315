/*
 * The frames our daemons exchange through a CPG group: a fixed header
 * (magic, version, destination and sender node ids, flags, lengths) and
 * the message as XML text, bzip2-compressed when large.  Every field is
 * little-endian on the wire, so nodes of either byte order understand
 * each other.
 */
#ifndef CLUSTER_WIRE_H
#define CLUSTER_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

/* Text at least this long is compressed (when that makes it shorter). */
#define CLUSTER_WIRE_COMPRESS_MIN (128 * 1024)
/* The longest XML text a frame may announce: bounds what a receiver
 * allocates before it has checked the payload. */
#define CLUSTER_WIRE_TEXT_MAX (256 * 1024 * 1024)
#define CLUSTER_WIRE_HEADER_SIZE 24

struct cluster_wire_msg {
	uint32_t to;   /* 0 = every member */
	uint32_t from; /* the sending node */
	bool compressed;
	xmlDoc *doc; /* the message; the caller frees it with xmlFreeDoc() */
};

/* Frame @msg from node @from for node @to (0 = all), compressing text of
 * @compress_min bytes or more.  Returns 0 with *@frame malloc'd (caller
 * frees) and its size in *@len; -EINVAL (no message), -EMSGSIZE (text
 * longer than CLUSTER_WIRE_TEXT_MAX), -ENOMEM. */
int cluster_wire_encode(const xmlNode *msg, uint32_t to, uint32_t from, size_t compress_min,
			void **frame, size_t *len);

/* Check and unpack the @len bytes at @frame that CPG delivered from node
 * @sender, on node @local.  Returns 0 with @out filled; -ENOMSG when the
 * frame is for another node (nothing to do); -EBADMSG when any field,
 * length, the compressed data or the XML is wrong (logged, naming the
 * problem and the sender); -ENOMEM. */
int cluster_wire_decode(const void *frame, size_t len, uint32_t sender, uint32_t local,
			struct cluster_wire_msg *out);

#endif /* CLUSTER_WIRE_H */
