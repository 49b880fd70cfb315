/*
 * corosync's zero-copy CPG messages: the client library writes a message
 * into a file in /dev/shm that both sides map; the daemon sends it from
 * its mapping.  Our libcpg does not use this, corosync's does, and
 * programs built against it must work with our daemon.
 *
 * The client names the file and the daemon's address of the mapping comes
 * back in it; unlike corosync we only map files in /dev/shm and only send
 * from mappings this connection made, within their bounds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define CS_LOG_SUBSYS CS_SUBSYS_CPG
#include "../common/cs_log.h"
#include "cpg_int.h"

/* The head of every zero-copy buffer. */
struct zc_header {
	int map_size;
	uint64_t server_address;
};

#define ZC_MAP_MAX (MESSAGE_SIZE_MAX + 64 * 1024)

static struct cpg_conn *cpd_of(struct cs_conn *conn)
{
	return cs_conn_private(conn);
}

static void bare_reply(struct cs_conn *conn, int32_t id, int32_t error)
{
	cs_conn_error(conn, id, error);
}

static bool path_ok(const char *path)
{
	return strncmp(path, "/dev/shm/", 9) == 0 && strstr(path, "..") == NULL &&
	       strchr(path + 9, '/') == NULL;
}

void cpg_lib_zc_alloc(struct cs_conn *conn, const void *msg, size_t len)
{
	const mar_req_coroipcc_zc_alloc_t *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);
	char path[CPG_ZC_PATH_LEN + 1];
	struct cpg_zc_map *m;
	void *addr;
	int fd;

	memcpy(path, req->path_to_file, CPG_ZC_PATH_LEN);
	path[CPG_ZC_PATH_LEN] = '\0';
	if (!path_ok(path) || req->map_size < sizeof(struct zc_header) ||
	    req->map_size > ZC_MAP_MAX) {
		cs_log(LOG_WARNING, "Refused a zero-copy buffer of pid %d: %s, %zu bytes",
		       (int)cs_conn_pid(conn), path, (size_t)req->map_size);
		bare_reply(conn, 0, CS_ERR_INVALID_PARAM);
		return;
	}
	fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		bare_reply(conn, 0, CS_ERR_NOT_EXIST);
		return;
	}
	addr = mmap(NULL, req->map_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	m = addr == MAP_FAILED ? NULL : malloc(sizeof(*m));
	if (m == NULL) {
		if (addr != MAP_FAILED) {
			munmap(addr, req->map_size);
		}
		bare_reply(conn, 0, CS_ERR_NO_MEMORY);
		return;
	}
	m->addr = addr;
	m->size = req->map_size;
	m->next = cpd->zc;
	cpd->zc = m;
	((struct zc_header *)addr)->server_address = (uint64_t)(uintptr_t)addr;
	bare_reply(conn, 0, CS_OK);
}

static struct cpg_zc_map **find(struct cpg_conn *cpd, uint64_t server_address)
{
	for (struct cpg_zc_map **p = &cpd->zc; *p != NULL; p = &(*p)->next) {
		if ((uint64_t)(uintptr_t)(*p)->addr == server_address) {
			return p;
		}
	}
	return NULL;
}

void cpg_lib_zc_free(struct cs_conn *conn, const void *msg, size_t len)
{
	const mar_req_coroipcc_zc_free_t *req = msg;
	struct cpg_zc_map **p = find(cpd_of(conn), req->server_address);

	if (p != NULL) {
		struct cpg_zc_map *m = *p;
		*p = m->next;
		munmap(m->addr, m->size);
		free(m);
	}
	bare_reply(conn, 0, p != NULL ? CS_OK : CS_ERR_NOT_EXIST);
}

void cpg_lib_zc_execute(struct cs_conn *conn, const void *msg, size_t len)
{
	const mar_req_coroipcc_zc_execute_t *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);
	struct cpg_zc_map **p = find(cpd, req->server_address);
	const struct req_lib_cpg_mcast *mc;
	int32_t error = CS_OK;

	if (p == NULL || (*p)->size < sizeof(struct zc_header) + sizeof(*mc)) {
		bare_reply(conn, MESSAGE_RES_CPG_MCAST, CS_ERR_INVALID_PARAM);
		return;
	}
	mc = (const void *)((const char *)(*p)->addr + sizeof(struct zc_header));
	if (mc->msglen > (*p)->size - sizeof(struct zc_header) - sizeof(*mc)) {
		error = CS_ERR_INVALID_PARAM;
	} else if (!cpg_may_send(cpd)) {
		error = CS_ERR_NOT_EXIST;
	} else if (cpg_forward(cpd, mc->message, mc->msglen, 0, 0, false) < 0) {
		error = CS_ERR_TRY_AGAIN;
	}
	bare_reply(conn, MESSAGE_RES_CPG_MCAST, error);
}

void cpg_zc_release_all(struct cpg_conn *cpd)
{
	while (cpd->zc != NULL) {
		struct cpg_zc_map *m = cpd->zc;
		cpd->zc = m->next;
		munmap(m->addr, m->size);
		free(m);
	}
}
