/*
 * Agreeing on one CIB when the group changes.
 *
 * When a cib joins, every member announces the version and digest of its
 * CIB.  Once all announcements for the current membership are delivered
 * (the same point in CPG order on every node), each node picks the same
 * winner: the highest (admin_epoch, epoch, num_updates), on a tie the
 * DC's (cib_dc.c), then the lowest node id.  If the CIBs already agree
 * nothing is sent; otherwise the winner sends its CIB and everyone takes
 * it.  Updates delivered meanwhile are held and applied afterwards, so
 * every node applies them to the same CIB.
 *
 * A round belongs to one membership (members_key): announcements sent for
 * an earlier membership are ignored, and a change during a round starts
 * a new one.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/cib/digest.h>
#include <crm/cib/patch.h>
#include <crm/cib/version.h>
#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "cib_daemon.h"

/* FNV-1a over the members: names the membership a round is for. */
static void compute_members_key(struct cib_daemon *d)
{
	uint64_t hash = 14695981039346656037ULL;

	for (size_t i = 0; i < d->n_members; i++) {
		uint32_t words[2] = { d->members[i].nodeid, (uint32_t)d->members[i].pid };
		const unsigned char *bytes = (const unsigned char *)words;

		for (size_t b = 0; b < sizeof(words); b++) {
			hash = (hash ^ bytes[b]) * 1099511628211ULL;
		}
	}
	snprintf(d->members_key, sizeof(d->members_key), "%016" PRIx64, hash);
}

static xmlNode *sync_message(struct cib_daemon *d, const char *name)
{
	xmlNode *msg = pcmk_xml_new_root(name);

	if (msg != NULL && pcmk_xml_set_attr(msg, "members", d->members_key) < 0) {
		pcmk_xml_free(msg);
		return NULL;
	}
	return msg;
}

static int send_announce(struct cib_daemon *d)
{
	xmlNode *root = xmlDocGetRootElement(d->cib);
	xmlNode *msg = sync_message(d, "cib_sync_announce");
	char digest[CIB_DIGEST_SIZE] = "";
	struct cib_version v;
	int rc;

	if (msg == NULL) {
		return -ENOMEM;
	}
	rc = cib_version_get(root, &v);
	rc = rc ?: cib_digest_on_disk(root, digest);
	rc = rc ?: pcmk_xml_set_attr_int(msg, "admin_epoch", v.admin_epoch);
	rc = rc ?: pcmk_xml_set_attr_int(msg, "epoch", v.epoch);
	rc = rc ?: pcmk_xml_set_attr_int(msg, "num_updates", v.num_updates);
	rc = rc ?: pcmk_xml_set_attr(msg, "digest", digest);
	rc = rc ?: pcmk_xml_set_attr_int(msg, "pid", getpid());
	rc = rc ?: pcmk_cluster_send(d->cluster, 0, msg);
	pcmk_xml_free(msg);
	if (rc < 0) {
		pcmk_err("Cannot announce this node's CIB version to the group: %s", strerror(-rc));
	}
	return rc;
}

void cib_sync_free(struct cib_daemon *d)
{
	xmlNode *held;

	while ((held = g_queue_pop_head(&d->held)) != NULL) {
		pcmk_xml_free(held);
	}
	if (d->announces != NULL) {
		g_hash_table_destroy(d->announces);
		d->announces = NULL;
	}
	free(d->members);
	d->members = NULL;
	d->n_members = 0;
}

void cib_sync_group_change(struct cib_daemon *d, const struct pcmk_group_member *members,
			   size_t n_members, size_t n_joined)
{
	free(d->members);
	d->members = calloc(n_members > 0 ? n_members : 1, sizeof(*members));
	d->n_members = d->members != NULL ? n_members : 0;
	if (d->members != NULL && n_members > 0) {
		memcpy(d->members, members, n_members * sizeof(*members));
	}
	compute_members_key(d);
	if (n_joined == 0 && d->sync_state == CIB_SYNCED) {
		return;
	}
	if (d->announces == NULL) {
		d->announces = g_hash_table_new_full(g_str_hash, g_str_equal, free,
						     (GDestroyNotify)pcmk_xml_free);
	}
	g_hash_table_remove_all(d->announces);
	d->sync_state = CIB_SYNCING;
	pcmk_info("Group changed (%zu members): comparing CIB versions", n_members);
	send_announce(d);
}

/* Leave the round: apply what was held, in order. */
static void finish_sync(struct cib_daemon *d)
{
	xmlNode *held;

	d->sync_state = CIB_SYNCED;
	g_hash_table_remove_all(d->announces);
	while ((held = g_queue_pop_head(&d->held)) != NULL) {
		cib_replica_deliver(d, held);
		pcmk_xml_free(held);
	}
}

static bool is_member(const struct cib_daemon *d, uint32_t nodeid, long long pid)
{
	for (size_t i = 0; i < d->n_members; i++) {
		if (d->members[i].nodeid == nodeid && d->members[i].pid == (pid_t)pid) {
			return true;
		}
	}
	return false;
}

/* Whether announce @a beats @best (version, then the DC, then node id). */
static bool announce_wins(const struct cib_daemon *d, const xmlNode *a, uint32_t a_node,
			  const xmlNode *best, uint32_t best_node)
{
	struct cib_version va = { 0, 0, 0 }, vb = { 0, 0, 0 };
	int cmp;

	pcmk_xml_attr_int(a, "admin_epoch", &va.admin_epoch);
	pcmk_xml_attr_int(a, "epoch", &va.epoch);
	pcmk_xml_attr_int(a, "num_updates", &va.num_updates);
	pcmk_xml_attr_int(best, "admin_epoch", &vb.admin_epoch);
	pcmk_xml_attr_int(best, "epoch", &vb.epoch);
	pcmk_xml_attr_int(best, "num_updates", &vb.num_updates);
	cmp = cib_version_compare(&va, &vb);
	if (cmp != 0) {
		return cmp > 0;
	}
	if (a_node == cib_dc_nodeid(d) || best_node == cib_dc_nodeid(d)) {
		return a_node == cib_dc_nodeid(d);
	}
	return a_node < best_node;
}

static int send_full(struct cib_daemon *d)
{
	xmlNode *msg = sync_message(d, "cib_sync_full");
	xmlNode *copy;
	int rc = -ENOMEM;

	if (msg == NULL) {
		return rc;
	}
	copy = xmlDocCopyNode(xmlDocGetRootElement(d->cib), msg->doc, 1);
	if (copy != NULL && xmlAddChild(msg, copy) != NULL) {
		rc = pcmk_cluster_send(d->cluster, 0, msg);
	}
	pcmk_xml_free(msg);
	if (rc < 0) {
		pcmk_err("Cannot send this node's CIB to the group: %s", strerror(-rc));
	}
	return rc;
}

/* Every member has announced: agree or pick the winner. */
static void decide(struct cib_daemon *d)
{
	const xmlNode *best = NULL;
	uint32_t best_node = 0;
	bool all_same = true;
	const char *digest = NULL;
	long long best_pid = 0;

	for (size_t i = 0; i < d->n_members; i++) {
		char key[32];
		const xmlNode *a;

		snprintf(key, sizeof(key), "%u:%d", d->members[i].nodeid, (int)d->members[i].pid);
		a = g_hash_table_lookup(d->announces, key);
		if (digest != NULL && g_strcmp0(digest, pcmk_xml_attr(a, "digest")) != 0) {
			all_same = false;
		}
		digest = pcmk_xml_attr(a, "digest");
		if (best == NULL || announce_wins(d, a, d->members[i].nodeid, best, best_node)) {
			best = a;
			best_node = d->members[i].nodeid;
		}
	}
	if (all_same) {
		pcmk_info("All %zu members hold the same CIB", d->n_members);
		finish_sync(d);
		return;
	}
	pcmk_notice("The CIB of node %u wins (version %s.%s.%s)", best_node,
		    pcmk_xml_attr(best, "admin_epoch"), pcmk_xml_attr(best, "epoch"),
		    pcmk_xml_attr(best, "num_updates"));
	if (best_node == pcmk_cluster_local_nodeid(d->cluster) &&
	    pcmk_xml_attr_int(best, "pid", &best_pid) == 0 && best_pid == getpid()) {
		send_full(d);
	}
}

static void take_announce(struct cib_daemon *d, uint32_t from, const xmlNode *msg)
{
	long long pid = 0;
	char key[32];

	if (d->sync_state != CIB_SYNCING ||
	    g_strcmp0(pcmk_xml_attr(msg, "members"), d->members_key) != 0 ||
	    pcmk_xml_attr_int(msg, "pid", &pid) < 0 || !is_member(d, from, pid)) {
		return; /* for an earlier membership */
	}
	snprintf(key, sizeof(key), "%u:%lld", from, pid);
	g_hash_table_replace(d->announces, strdup(key), pcmk_xml_copy(msg));
	if (g_hash_table_size(d->announces) == d->n_members) {
		decide(d);
	}
}

/* Take the CIB in @msg as this node's. */
static void take_full(struct cib_daemon *d, uint32_t from, const xmlNode *msg)
{
	const xmlNode *cib = pcmk_xml_first_child(msg, "cib");
	xmlNode *patch = NULL;
	xmlNode *copy;

	if (g_strcmp0(pcmk_xml_attr(msg, "members"), d->members_key) != 0 || cib == NULL) {
		return;
	}
	cib_patch_create(xmlDocGetRootElement(d->cib), cib, &patch, NULL);
	if (patch != NULL) {
		copy = pcmk_xml_copy(cib);
		if (copy == NULL) {
			pcmk_crit("Out of memory taking the CIB of node %u", from);
			pcmk_xml_free(patch);
			return;
		}
		xmlFreeDoc(d->cib);
		d->cib = copy->doc;
		pcmk_notice("Took the CIB of node %u", from);
		cib_clients_notify(d, "cib_replace", 0, NULL, "cib_sync", patch);
		cib_persist_changed(d);
		pcmk_xml_free(patch);
	}
	if (d->sync_state == CIB_SYNCING) {
		finish_sync(d);
	}
}

bool cib_sync_message(struct cib_daemon *d, uint32_t from, const xmlNode *msg)
{
	if (pcmk_xml_is(msg, "cib_sync_announce")) {
		take_announce(d, from, msg);
		return true;
	}
	if (pcmk_xml_is(msg, "cib_sync_full")) {
		take_full(d, from, msg);
		return true;
	}
	return false;
}

int cib_sync_push(struct cib_daemon *d)
{
	pcmk_notice("Sending this node's CIB to every node, as asked");
	return send_full(d);
}
