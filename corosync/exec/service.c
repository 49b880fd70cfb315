/*
 * The service table and the dispatch of exec messages and configuration
 * changes to the services.
 */
#include <errno.h>
#include <qb/qbipc_common.h>

#define CS_LOG_SUBSYS CS_SUBSYS_SERV
#include "../common/cs_log.h"
#include "../common/cs_ratelimit.h"
#include "service.h"

extern const struct cs_service cs_cmap_service;
extern const struct cs_service cs_cfg_service;
extern const struct cs_service cs_cpg_service;
extern const struct cs_service cs_votequorum_service;
extern const struct cs_service cs_quorum_service;

const struct cs_service *const cs_services[] = {
	&cs_cmap_service,   &cs_cfg_service,        &cs_cpg_service,
	&cs_quorum_service, &cs_votequorum_service,
};
const size_t cs_n_services = sizeof(cs_services) / sizeof(cs_services[0]);

const struct cs_service *cs_service_by_id(uint32_t id)
{
	for (size_t i = 0; i < cs_n_services; i++) {
		if (cs_services[i]->id == id) {
			return cs_services[i];
		}
	}
	return NULL;
}

void cs_service_deliver(uint32_t nodeid, const void *msg, size_t len)
{
	const struct qb_ipc_request_header *h = msg;
	const struct cs_service *svc;
	uint32_t fn;

	if (len < sizeof(*h) || h->size < 0 || (size_t)h->size != len) {
		cs_log(LOG_WARNING, "Dropping a malformed exec message of %zu bytes from node %u",
		       len, nodeid);
		return;
	}
	svc = cs_service_by_id((uint32_t)h->id >> 16);
	fn = (uint32_t)h->id & 0xffff;
	if (svc == NULL || fn >= svc->n_exec || svc->exec[fn].fn == NULL ||
	    len < svc->exec[fn].min_size) {
		cs_log(LOG_WARNING,
		       "Dropping exec message %08x (%zu bytes) from node %u: unknown or short",
		       (unsigned)h->id, len, nodeid);
		return;
	}
	svc->exec[fn].fn(msg, len, nodeid);
}

void cs_service_confchg(enum totem_confchg_type type, const uint32_t *members, size_t n_members,
			const uint32_t *left, size_t n_left, const uint32_t *joined,
			size_t n_joined, const struct totem_ring_id *ring_id)
{
	for (size_t i = 0; i < cs_n_services; i++) {
		if (cs_services[i]->confchg != NULL) {
			cs_services[i]->confchg(type, members, n_members, left, n_left, joined,
						n_joined, ring_id);
		}
	}
}
