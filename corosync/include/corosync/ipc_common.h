/*
 * What every corosync IPC service shares, on the daemon and the library
 * side: libqb's message headers, buffer sizes and the embedded name type.
 *
 * Layouts are corosync 3.1.7's on x86-64, byte for byte: almost every field
 * is 8-byte aligned, so a 4-byte field fills an 8-byte slot whose padding
 * the receiver must ignore.  Not installed: only the daemon and the client
 * libraries of this tree use it.
 *
 * Every request starts with a struct qb_ipc_request_header (16 bytes: id,
 * size), every response and event with a struct qb_ipc_response_header (24
 * bytes: id, size, error).  @c size counts the whole message; @c id is the
 * service's message number; @c error is a cs_error_t.
 */
#ifndef COROSYNC_IPC_COMMON_H
#define COROSYNC_IPC_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <qb/qbipc_common.h>
#include <corosync/corodefs.h>
#include <corosync/corotypes.h>

/* Every client library asks for buffers of this size when it connects; the
 * daemon's replies and events fit in the same size. */
#define IPC_REQUEST_SIZE (8192 * 128)
#define IPC_RESPONSE_SIZE (8192 * 128)
#define IPC_DISPATCH_SIZE (8192 * 128)

/* The largest message the daemon accepts from a library. */
#define MESSAGE_SIZE_MAX (1024 * 1024)

/* A counted name inside messages (cmap keys): @c value is used as a C
 * string by the daemon, so senders zero-fill it. */
typedef struct {
	uint16_t length __attribute__((aligned(8)));
	uint8_t value[CS_MAX_NAME_LENGTH] __attribute__((aligned(8)));
} mar_name_t;

/* The sizes the peers were built with; a change here breaks every client. */
#if defined(__x86_64__)
_Static_assert(sizeof(struct qb_ipc_request_header) == 16, "qb request header");
_Static_assert(offsetof(struct qb_ipc_request_header, size) == 8, "qb request size");
_Static_assert(sizeof(struct qb_ipc_response_header) == 24, "qb response header");
_Static_assert(offsetof(struct qb_ipc_response_header, size) == 8, "qb response size");
_Static_assert(offsetof(struct qb_ipc_response_header, error) == 16, "qb response error");
_Static_assert(sizeof(mar_name_t) == 264, "mar_name_t");
_Static_assert(offsetof(mar_name_t, value) == 8, "mar_name_t value");
#endif

#endif /* COROSYNC_IPC_COMMON_H */
