/*
 * libcpg: cpg_dispatch() and the decoding of the daemon's events, including
 * the reassembly of messages that arrive in fragments.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpg_internal.h"

/* One kind of event: the least size it can have and what handles it. */
struct event_handler {
	size_t min_size;
	int (*handle)(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t size);
};

/* Fragments in progress of process (@nodeid, @pid): the link that points to
 * its assembly (*result NULL if none).  Called with inst->lock held. */
static struct cpg_assembly **assembly_find(struct cpg_inst *inst, uint32_t nodeid, uint32_t pid)
{
	struct cpg_assembly **link = &inst->assemblies;

	while (*link != NULL && ((*link)->nodeid != nodeid || (*link)->pid != pid)) {
		link = &(*link)->next;
	}
	return link;
}

/* Unlink and free the assembly at @link, if any.  inst->lock held. */
static void assembly_discard(struct cpg_assembly **link)
{
	struct cpg_assembly *a = *link;

	if (a != NULL) {
		*link = a->next;
		free(a->buf);
		free(a);
	}
}

/* A new assembly for the first fragment @frag, inserted at @link. */
static int assembly_start(struct cpg_assembly **link,
			  const struct res_lib_cpg_partial_deliver_callback *frag)
{
	struct cpg_assembly *a = calloc(1, sizeof(*a));

	if (a == NULL) {
		return -ENOMEM;
	}
	a->buf = malloc(frag->msglen ? frag->msglen : 1);
	if (a->buf == NULL) {
		free(a);
		return -ENOMEM;
	}
	a->nodeid = frag->nodeid;
	a->pid = frag->pid;
	a->msglen = frag->msglen;
	a->next = *link;
	*link = a;
	return 0;
}

/* Add @frag to the assembly at @link.  A fragment that does not continue
 * the message it claims to belong to (another length, too many bytes, a
 * LAST that leaves a gap) ends that message: it is dropped, not delivered
 * damaged.  Returns the completed assembly, unlinked, or NULL. */
static struct cpg_assembly *assembly_add(struct cpg_assembly **link,
					 const struct res_lib_cpg_partial_deliver_callback *frag)
{
	struct cpg_assembly *a = *link;

	if (a == NULL) {
		return NULL; /* we joined in the middle of this message */
	}
	if (frag->msglen != a->msglen || frag->fraglen > a->msglen - a->received) {
		assembly_discard(link);
		return NULL;
	}
	memcpy(a->buf + a->received, frag->message, frag->fraglen);
	a->received += frag->fraglen;
	if (frag->type != LIBCPG_PARTIAL_LAST) {
		return NULL;
	}
	if (a->received != a->msglen) {
		assembly_discard(link);
		return NULL;
	}
	*link = a->next;
	return a;
}

/* Fragments are reassembled per sending process, so that messages of
 * several senders may interleave. */
static int on_fragment(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t size)
{
	const struct res_lib_cpg_partial_deliver_callback *frag = event;
	struct cpg_assembly *done = NULL;
	int rc = 0;

	if (frag->fraglen > size - sizeof(*frag)) {
		return -EBADMSG;
	}
	pthread_mutex_lock(&inst->lock);
	struct cpg_assembly **link = assembly_find(inst, frag->nodeid, frag->pid);
	switch (frag->type) {
	case LIBCPG_PARTIAL_FIRST:
		assembly_discard(link);
		rc = assembly_start(link, frag);
		if (rc == 0) {
			done = assembly_add(link, frag);
		}
		break;
	case LIBCPG_PARTIAL_CONTINUED:
	case LIBCPG_PARTIAL_LAST:
		done = assembly_add(link, frag);
		break;
	default:
		assembly_discard(link);
		break;
	}
	pthread_mutex_unlock(&inst->lock);

	if (done != NULL) {
		struct cpg_name group;
		mar_cpg_name_to_api(&group, &frag->group_name);
		if (inst->model.cpg_deliver_fn != NULL) {
			inst->model.cpg_deliver_fn(handle, &group, done->nodeid, done->pid,
						   done->buf, done->msglen);
		}
		free(done->buf);
		free(done);
	}
	return rc;
}

static int on_deliver(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t size)
{
	struct res_lib_cpg_deliver_callback *msg = event;
	struct cpg_name group;

	if (msg->msglen > size - sizeof(*msg)) {
		return -EBADMSG;
	}
	if (inst->model.cpg_deliver_fn != NULL) {
		mar_cpg_name_to_api(&group, &msg->group_name);
		inst->model.cpg_deliver_fn(handle, &group, msg->nodeid, msg->pid, msg->message,
					   msg->msglen);
	}
	return 0;
}

/* Processes that left cannot finish the messages they were sending. */
static void forget_senders(struct cpg_inst *inst, const struct cpg_address *left, size_t n)
{
	pthread_mutex_lock(&inst->lock);
	for (size_t i = 0; i < n; i++) {
		assembly_discard(assembly_find(inst, left[i].nodeid, left[i].pid));
	}
	pthread_mutex_unlock(&inst->lock);
}

static int on_confchg(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t size)
{
	const struct res_lib_cpg_confchg_callback *cc = event;
	uint64_t m = cc->member_list_entries;
	uint64_t l = cc->left_list_entries;
	uint64_t j = cc->joined_list_entries;
	uint64_t total = m + l + j;

	if (total > (size - sizeof(*cc)) / sizeof(mar_cpg_address_t)) {
		return -EBADMSG;
	}
	struct cpg_address *list = calloc(total ? total : 1, sizeof(*list));
	if (list == NULL) {
		return -ENOMEM;
	}
	/* On the wire: members, then left, then joined. */
	for (uint64_t i = 0; i < total; i++) {
		mar_cpg_address_to_api(&list[i], &cc->member_list[i]);
	}
	forget_senders(inst, list + m, l);
	if (inst->model.cpg_confchg_fn != NULL) {
		struct cpg_name group;
		mar_cpg_name_to_api(&group, &cc->group_name);
		inst->model.cpg_confchg_fn(handle, &group, list, m, list + m, l, list + m + l, j);
	}
	free(list);
	return 0;
}

static int on_totem_confchg(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t size)
{
	const struct res_lib_cpg_totem_confchg_callback *tc = event;
	size_t array_at = offsetof(struct res_lib_cpg_totem_confchg_callback, member_list);

	if (tc->member_list_entries > (size - array_at) / sizeof(uint32_t)) {
		return -EBADMSG;
	}
	if (inst->model.cpg_totem_confchg_fn != NULL) {
		struct cpg_ring_id ring = { .nodeid = tc->ring_id.nodeid, .seq = tc->ring_id.seq };
		inst->model.cpg_totem_confchg_fn(handle, ring, tc->member_list_entries,
						 tc->member_list);
	}
	return 0;
}

/* Defined by the protocol but never sent by corosync 3: nothing to do. */
static int on_ignored(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t size)
{
	return 0;
}

/* The fixed part of each event; the totem confchg's array starts inside
 * its struct (see ipc_cpg.h), so its least size is the array's offset. */
enum {
	CONFCHG_MIN = sizeof(struct res_lib_cpg_confchg_callback),
	DELIVER_MIN = sizeof(struct res_lib_cpg_deliver_callback),
	FLOWCONTROL_MIN = sizeof(struct qb_ipc_response_header),
	TOTEM_CONFCHG_MIN = offsetof(struct res_lib_cpg_totem_confchg_callback, member_list),
	FRAGMENT_MIN = sizeof(struct res_lib_cpg_partial_deliver_callback),
};

static const struct event_handler event_handlers[] = {
	[MESSAGE_RES_CPG_CONFCHG_CALLBACK] = { CONFCHG_MIN, on_confchg },
	[MESSAGE_RES_CPG_DELIVER_CALLBACK] = { DELIVER_MIN, on_deliver },
	[MESSAGE_RES_CPG_FLOWCONTROL_CALLBACK] = { FLOWCONTROL_MIN, on_ignored },
	[MESSAGE_RES_CPG_TOTEM_CONFCHG_CALLBACK] = { TOTEM_CONFCHG_MIN, on_totem_confchg },
	[MESSAGE_RES_CPG_PARTIAL_DELIVER_CALLBACK] = { FRAGMENT_MIN, on_fragment },
};

int cpg__event_handle(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t len)
{
	const struct qb_ipc_response_header *hdr = event;

	if (len < sizeof(*hdr) || hdr->size < (int32_t)sizeof(*hdr) || (size_t)hdr->size > len) {
		return -EBADMSG;
	}
	size_t n = sizeof(event_handlers) / sizeof(event_handlers[0]);
	if (hdr->id < 0 || (size_t)hdr->id >= n || event_handlers[hdr->id].handle == NULL) {
		return -EPROTO;
	}
	const struct event_handler *h = &event_handlers[hdr->id];
	if ((size_t)hdr->size < h->min_size) {
		return -EBADMSG;
	}
	return h->handle(inst, handle, event, (size_t)hdr->size);
}

/* Dispatch buffers are large (one IPC message): each instance keeps one
 * spare, and a concurrent or nested dispatch allocates its own. */
static void *event_buf_take(struct cpg_inst *inst)
{
	void *buf = __atomic_exchange_n(&inst->event_buf, NULL, __ATOMIC_ACQ_REL);

	return buf != NULL ? buf : malloc(IPC_DISPATCH_SIZE);
}

static void event_buf_give(struct cpg_inst *inst, void *buf)
{
	void *none = NULL;

	if (!__atomic_compare_exchange_n(&inst->event_buf, &none, buf, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		free(buf);
	}
}

/* Receive and handle events as @flags says; see cs_dispatch_flags_t. */
static cs_error_t dispatch(struct cpg_inst *inst, cpg_handle_t handle, cs_dispatch_flags_t flags,
			   void *buf)
{
	bool wait = flags == CS_DISPATCH_ONE || flags == CS_DISPATCH_BLOCKING;

	while (true) {
		ssize_t got = cs_ipc_event_recv(inst->ipc, buf, IPC_DISPATCH_SIZE, wait ? -1 : 0);
		cs_error_t error = qb_to_cs_error((int)got);
		if (error == CS_ERR_TRY_AGAIN) {
			if (flags == CS_DISPATCH_ONE_NONBLOCKING) {
				return error;
			}
			if (flags == CS_DISPATCH_ALL) {
				return CS_OK;
			}
			continue;
		}
		if (error == CS_ERR_BAD_HANDLE) {
			return CS_OK; /* as corosync's libcpg does */
		}
		if (error != CS_OK) {
			return error;
		}
		int rc = cpg__event_handle(inst, handle, buf, (size_t)got);
		if (rc < 0) {
			return qb_to_cs_error(rc);
		}
		if (__atomic_load_n(&inst->finalizing, __ATOMIC_ACQUIRE)) {
			return CS_ERR_BAD_HANDLE; /* a callback finalized the handle */
		}
		if (flags == CS_DISPATCH_ONE || flags == CS_DISPATCH_ONE_NONBLOCKING) {
			return CS_OK;
		}
	}
}

CPG_EXPORT cs_error_t cpg_dispatch(cpg_handle_t handle, cs_dispatch_flags_t dispatch_types)
{
	struct cpg_inst *inst;

	if (dispatch_types < CS_DISPATCH_ONE || dispatch_types > CS_DISPATCH_ONE_NONBLOCKING) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_NO_MEMORY;
	void *buf = event_buf_take(inst);
	if (buf != NULL) {
		error = dispatch(inst, handle, dispatch_types, buf);
		event_buf_give(inst, buf);
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}
