/*
 * The CIB on disk.  Changes are written in groups: every change marks the
 * CIB dirty and the write happens once the main loop has nothing more
 * urgent to do, so a burst of updates costs one write.  A client's answer
 * waits for the write that holds its change: what was acknowledged is on
 * disk.
 */
#include <errno.h>
#include <malloc.h>
#include <string.h>

#include <crm/common/log.h>
#include "cib_daemon.h"

/* Answer everyone waiting on the write with its result. */
static void answer_waiting(struct cib_daemon *d, int write_rc)
{
	GList *waiting = g_list_reverse(d->awaiting_write);

	d->awaiting_write = NULL;
	for (GList *l = waiting; l != NULL; l = l->next) {
		struct cib_pending *p = l->data;

		if (write_rc < 0 && p->rc == 0) {
			p->rc = write_rc;
			free(p->error);
			p->error = strdup("the change was made but could not be written to disk");
		}
		cib_pending_answer(p);
	}
	g_list_free(waiting);
}

int cib_persist_flush(struct cib_daemon *d)
{
	int rc = 0;

	if (d->write_source != 0) {
		g_source_remove(d->write_source);
		d->write_source = 0;
	}
	if (d->dirty) {
		d->dirty = false;
		rc = cib_store_write(&d->store, xmlDocGetRootElement(d->cib));
		if (rc < 0) {
			pcmk_err("Cannot write the CIB to %s: %s; the next change tries again",
				 d->store.dir, strerror(-rc));
			d->dirty = true;
		}
	}
	answer_waiting(d, rc);
	/* Each change copied the whole CIB: give the freed copies back to the
	 * system instead of keeping the peak (hundreds of MB with a large CIB). */
	malloc_trim(0);
	return rc;
}

static gboolean write_now(gpointer data)
{
	struct cib_daemon *d = data;

	d->write_source = 0;
	cib_persist_flush(d);
	return G_SOURCE_REMOVE;
}

void cib_persist_changed(struct cib_daemon *d)
{
	d->dirty = true;
	if (d->write_source == 0) {
		d->write_source = g_idle_add_full(G_PRIORITY_LOW, write_now, d, NULL);
	}
}

void cib_persist_answer_after_write(struct cib_daemon *d, struct cib_pending *p)
{
	if (!d->dirty) {
		cib_pending_answer(p);
		return;
	}
	d->awaiting_write = g_list_prepend(d->awaiting_write, p);
}
