/*
 * pacemakerd's link to corosync: whether it runs before anything starts,
 * the cluster's name for the log, and noticing when corosync goes away.
 */
#ifndef PCMKD_COROSYNC_H
#define PCMKD_COROSYNC_H

struct pcmkd_corosync;

/* Connect to corosync's cmap service, trying @attempts times @delay_ms
 * apart (corosync may still be starting).  Returns 0, or -ENOTCONN when
 * corosync does not answer. */
int pcmkd_corosync_connect(unsigned attempts, unsigned delay_ms, struct pcmkd_corosync **out);

/* totem.cluster_name, or NULL when not configured.  Owned by @cs. */
const char *pcmkd_corosync_cluster_name(const struct pcmkd_corosync *cs);

/* Call @lost (once) from the default glib main context when the
 * connection to corosync breaks.  Returns 0 or -errno. */
int pcmkd_corosync_watch(struct pcmkd_corosync *cs, void (*lost)(void *data), void *data);

/* Disconnect and free.  NULL is a no-op. */
void pcmkd_corosync_free(struct pcmkd_corosync *cs);

#endif /* PCMKD_COROSYNC_H */
