/*
 * libcmap: tracking changes to keys, and the notify events that report
 * them.
 *
 * Each track has a handle of its own in the library (the cookie the daemon
 * sends back with every event of the track) besides the daemon's track
 * handle that callers see, so that an event arriving after
 * cmap_track_delete() or cmap_finalize() finds no track and is dropped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmap_internal.h"
#include "cs_dispatch.h"

struct cs_hdb cmap__tracks = CS_HDB_INIT(free);

static __attribute__((destructor)) void tracks_unload(void)
{
	cs_hdb_release(&cmap__tracks);
}

static int owned_by(void *instance, void *arg)
{
	const struct cmap_track *track = instance;

	return track->owner == *(const cmap_handle_t *)arg;
}

void cmap__tracks_drop(cmap_handle_t handle)
{
	cs_hdb_destroy_matching(&cmap__tracks, owned_by, &handle);
}

/* Ask the daemon to track @key_name (may be NULL) for the track @cookie;
 * its handle goes to *@track_handle. */
static cs_error_t track_request(cmap_handle_t handle, const char *key_name, int32_t track_type,
				uint64_t cookie, cmap_track_handle_t *track_handle)
{
	struct req_lib_cmap_track_add req;
	struct res_lib_cmap_track_add res;
	struct iovec iov = { &req, sizeof(req) };

	memset(&req, 0, sizeof(req));
	if (key_name != NULL) {
		int rc = cmap__key_to_wire(&req.key_name, key_name);
		if (rc < 0) {
			return qb_to_cs_error(rc);
		}
	}
	req.header.id = MESSAGE_REQ_CMAP_TRACK_ADD;
	req.header.size = sizeof(req);
	req.track_type = track_type;
	req.track_inst_handle = cookie;
	cs_error_t error = cmap__request(handle, &iov, 1, &res, sizeof(res));
	if (error == CS_OK) {
		*track_handle = res.track_handle;
	}
	return error;
}

CMAP_EXPORT cs_error_t cmap_track_add(cmap_handle_t handle, const char *key_name,
				      int32_t track_type, cmap_notify_fn_t notify_fn,
				      void *user_data, cmap_track_handle_t *cmap_track_handle)
{
	struct cmap_inst *inst;
	uint64_t cookie;

	if (cmap_track_handle == NULL || notify_fn == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (key_name != NULL && strlen(key_name) >= CS_MAX_NAME_LENGTH) {
		return CS_ERR_NAME_TOO_LONG;
	}
	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_hdb_put(&cmap__handles, handle);
	struct cmap_track *track = calloc(1, sizeof(*track));
	if (track == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	track->owner = handle;
	track->notify_fn = notify_fn;
	track->user_data = user_data;
	int rc = cs_hdb_create(&cmap__tracks, track, &cookie);
	if (rc < 0) {
		free(track);
		return qb_to_cs_error(rc);
	}
	cs_error_t error =
		track_request(handle, key_name, track_type, cookie, &track->track_handle);
	if (error != CS_OK) {
		cs_hdb_destroy(&cmap__tracks, cookie);
		return error;
	}
	*cmap_track_handle = track->track_handle;
	return CS_OK;
}

CMAP_EXPORT cs_error_t cmap_track_delete(cmap_handle_t handle, cmap_track_handle_t track_handle)
{
	struct req_lib_cmap_track_delete req;
	struct res_lib_cmap_track_delete res;
	struct iovec iov = { &req, sizeof(req) };
	struct cmap_track *track;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CMAP_TRACK_DELETE;
	req.header.size = sizeof(req);
	req.track_handle = track_handle;
	cs_error_t error = cmap__request(handle, &iov, 1, &res, sizeof(res));
	if (error != CS_OK) {
		return error;
	}
	/* Only a track of this connection is ours to forget. */
	if (cs_hdb_get(&cmap__tracks, res.track_inst_handle, (void **)&track) == 0) {
		int mine = track->owner == handle;
		cs_hdb_put(&cmap__tracks, res.track_inst_handle);
		if (mine) {
			cs_hdb_destroy(&cmap__tracks, res.track_inst_handle);
		}
	}
	return CS_OK;
}

static int on_notify(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct res_lib_cmap_notify_callback *ev = event;
	size_t room = size - sizeof(*ev);
	struct cmap_track *track;
	char key[CMAP_KEYNAME_MAXLEN + 1];

	if (ev->new_value_len > room || ev->old_value_len > room - ev->new_value_len) {
		return -EBADMSG;
	}
	if (cs_hdb_get(&cmap__tracks, ev->track_inst_handle, (void **)&track) < 0) {
		return 0; /* deleted while the event was on its way */
	}
	if (track->owner == handle) {
		size_t len = strnlen((const char *)ev->key_name.value, CMAP_KEYNAME_MAXLEN);
		memcpy(key, ev->key_name.value, len);
		key[len] = '\0';
		struct cmap_notify_value new_value = {
			.type = (cmap_value_types_t)ev->new_value_type,
			.len = ev->new_value_len,
			.data = ev->new_value,
		};
		struct cmap_notify_value old_value = {
			.type = (cmap_value_types_t)ev->old_value_type,
			.len = ev->old_value_len,
			.data = ev->new_value + ev->new_value_len,
		};
		track->notify_fn(handle, track->track_handle, ev->event, key, new_value, old_value,
				 track->user_data);
	}
	cs_hdb_put(&cmap__tracks, ev->track_inst_handle);
	return 0;
}

static const struct cs_event_handler events[] = {
	[MESSAGE_RES_CMAP_NOTIFY_CALLBACK] = { sizeof(struct res_lib_cmap_notify_callback),
					       on_notify },
};

int cmap__event_handle(void *inst, uint64_t handle, void *event, size_t len)
{
	return cs_event_run(events, sizeof(events) / sizeof(events[0]), inst, handle, event, len);
}
