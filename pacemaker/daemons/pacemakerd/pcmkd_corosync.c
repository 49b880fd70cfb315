/*
 * corosync through libcmap (see pcmkd_corosync.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include <corosync/cmap.h>

#include <crm/common/log.h>
#include "pcmkd_corosync.h"

struct pcmkd_corosync {
	cmap_handle_t handle;
	char *cluster_name;
	guint watch;
	void (*lost)(void *data);
	void *data;
};

int pcmkd_corosync_connect(unsigned attempts, unsigned delay_ms, struct pcmkd_corosync **out)
{
	cmap_handle_t handle = 0;
	cs_error_t rc = CS_ERR_LIBRARY;

	for (unsigned i = 0; i < attempts; i++) {
		if (i > 0) {
			pcmk_info(
				"corosync does not answer (cmap: error %d); trying again in %u ms",
				(int)rc, delay_ms);
			g_usleep((gulong)delay_ms * 1000);
		}
		rc = cmap_initialize(&handle);
		if (rc == CS_OK) {
			break;
		}
	}
	if (rc != CS_OK) {
		return -ENOTCONN;
	}
	struct pcmkd_corosync *cs = calloc(1, sizeof(*cs));
	if (cs == NULL) {
		cmap_finalize(handle);
		return -ENOMEM;
	}
	cs->handle = handle;
	if (cmap_get_string(handle, "totem.cluster_name", &cs->cluster_name) != CS_OK) {
		cs->cluster_name = NULL;
	}
	*out = cs;
	return 0;
}

const char *pcmkd_corosync_cluster_name(const struct pcmkd_corosync *cs)
{
	return cs->cluster_name;
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer user_data)
{
	struct pcmkd_corosync *cs = user_data;

	(void)fd;
	if ((cond & (G_IO_HUP | G_IO_ERR | G_IO_NVAL)) == 0 &&
	    cmap_dispatch(cs->handle, CS_DISPATCH_ALL) == CS_OK) {
		return G_SOURCE_CONTINUE;
	}
	cs->watch = 0;
	cs->lost(cs->data);
	return G_SOURCE_REMOVE;
}

int pcmkd_corosync_watch(struct pcmkd_corosync *cs, void (*lost)(void *data), void *data)
{
	int fd = -1;

	if (cmap_fd_get(cs->handle, &fd) != CS_OK) {
		return -ENOTCONN;
	}
	cs->lost = lost;
	cs->data = data;
	cs->watch = g_unix_fd_add(fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, cs);
	return 0;
}

void pcmkd_corosync_free(struct pcmkd_corosync *cs)
{
	if (cs == NULL) {
		return;
	}
	if (cs->watch != 0) {
		g_source_remove(cs->watch);
	}
	cmap_finalize(cs->handle);
	free(cs->cluster_name);
	free(cs);
}
