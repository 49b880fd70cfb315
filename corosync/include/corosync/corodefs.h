/*
 * Service numbers and limits shared by the corosync daemon and its clients.
 * Public: the same names and values as corosync 3.x.
 */
#ifndef CORODEFS_H_DEFINED
#define CORODEFS_H_DEFINED

#include <netinet/in.h>

/** The service number of each corosync service (the libqb IPC service id). */
enum corosync_service_types {
	CMAP_SERVICE = 0,
	CFG_SERVICE = 1,
	CPG_SERVICE = 2,
	QUORUM_SERVICE = 3,
	PLOAD_SERVICE = 4,
	VOTEQUORUM_SERVICE = 5,
	MON_SERVICE = 6,
	WD_SERVICE = 7,
};

/** Most nodes in one cluster; also the fixed length of some IPC replies. */
#define PROCESSOR_COUNT_MAX 384

/** Room for any node address (IPv6 is the longest). */
#define TOTEMIP_ADDRLEN (sizeof(struct in6_addr))

#endif /* CORODEFS_H_DEFINED */
