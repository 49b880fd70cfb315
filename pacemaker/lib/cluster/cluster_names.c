/*
 * Node names from corosync's nodelist (cmap keys nodelist.node.N.*):
 * `name` when set, else `ring0_addr`, as the administrator wrote them in
 * corosync.conf.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/log.h>
#include "cluster_private.h"

/* corosync numbers nodelist entries from 0 without gaps; this bounds the
 * walk should a map ever have a gap. */
#define NODELIST_MAX 1024

static char *entry_string(cmap_handle_t cmap, unsigned int i, const char *field)
{
	char key[CMAP_KEYNAME_MAXLEN + 1];
	char *value = NULL;

	snprintf(key, sizeof(key), "nodelist.node.%u.%s", i, field);
	return cmap_get_string(cmap, key, &value) == CS_OK ? value : NULL;
}

/* The node id and name of entry @i.  Returns 0, -ENOENT when the entry
 * does not exist, or -errno. */
static int entry(cmap_handle_t cmap, unsigned int i, uint32_t *nodeid, char **name)
{
	char key[CMAP_KEYNAME_MAXLEN + 1];
	cs_error_t err;

	*name = NULL;
	snprintf(key, sizeof(key), "nodelist.node.%u.nodeid", i);
	err = cmap_get_uint32(cmap, key, nodeid);
	if (err != CS_OK && err != CS_ERR_NOT_EXIST) {
		return cluster_cs_errno(err);
	}
	if (err != CS_OK) {
		*nodeid = 0; /* an entry without an id (udpu allows it) names no one */
	}
	*name = entry_string(cmap, i, "name");
	if (*name == NULL) {
		*name = entry_string(cmap, i, "ring0_addr");
	}
	return *nodeid != 0 || *name != NULL ? 0 : -ENOENT;
}

int cluster_names_lookup(cmap_handle_t cmap, uint32_t nodeid, char **name)
{
	for (unsigned int i = 0; i < NODELIST_MAX; i++) {
		uint32_t id = 0;
		char *found = NULL;
		int rc = entry(cmap, i, &id, &found);

		if (rc < 0) {
			return rc;
		}
		if (id == nodeid && found != NULL) {
			*name = found;
			return 0;
		}
		free(found);
	}
	return -ENOENT;
}

static int load_entries(cmap_handle_t cmap, struct cluster_peers *peers)
{
	for (unsigned int i = 0; i < NODELIST_MAX; i++) {
		uint32_t id = 0;
		char *name = NULL;
		int rc = entry(cmap, i, &id, &name);

		if (rc == 0 && id != 0) {
			rc = cluster_peers_add(peers, id, name);
		}
		free(name);
		if (rc < 0) {
			return rc == -ENOENT ? 0 : rc;
		}
	}
	return 0;
}

int cluster_names_load(struct pcmk_cluster *c)
{
	cmap_handle_t cmap;
	cs_error_t err = cmap_initialize(&cmap);
	int rc;

	if (err != CS_OK) {
		pcmk_err("Could not connect to corosync's cmap service: %s", cs_strerror(err));
		return cluster_cs_errno(err);
	}
	rc = load_entries(cmap, c->peers);
	if (rc == 0 && cluster_names_lookup(cmap, c->local_nodeid, &c->local_name) < 0) {
		/* not in the nodelist: known by its id, like any such peer */
		rc = asprintf(&c->local_name, "%u", c->local_nodeid) < 0 ? -ENOMEM : 0;
		c->local_name = rc == 0 ? c->local_name : NULL;
	}
	if (rc == 0) {
		rc = cluster_peers_add(c->peers, c->local_nodeid, c->local_name);
	}
	if (rc < 0) {
		pcmk_err("Could not read corosync's nodelist: %s", strerror(-rc));
	}
	cmap_finalize(cmap);
	return rc;
}

char *cluster_names_resolve(uint32_t nodeid, void *data)
{
	cmap_handle_t cmap;
	char *name = NULL;

	(void)data;
	if (cmap_initialize(&cmap) != CS_OK) {
		return NULL;
	}
	if (cluster_names_lookup(cmap, nodeid, &name) < 0) {
		pcmk_notice("Node %u is not in corosync's nodelist: it is known by its id", nodeid);
	}
	cmap_finalize(cmap);
	return name;
}

static int local_nodeid(uint32_t *nodeid)
{
	cpg_handle_t cpg;
	cs_error_t err = cpg_initialize(&cpg, NULL);
	unsigned int id = 0;

	if (err == CS_OK) {
		err = cpg_local_get(cpg, &id);
		cpg_finalize(cpg);
	}
	*nodeid = id;
	return cluster_cs_errno(err);
}

int pcmk_cluster_node_name(uint32_t nodeid, char **name)
{
	cmap_handle_t cmap;
	cs_error_t err;
	int rc = 0;

	if (name == NULL) {
		return -EINVAL;
	}
	*name = NULL;
	if (nodeid == 0) {
		rc = local_nodeid(&nodeid);
	}
	if (rc < 0) {
		return rc;
	}
	err = cmap_initialize(&cmap);
	if (err != CS_OK) {
		return cluster_cs_errno(err);
	}
	rc = cluster_names_lookup(cmap, nodeid, name);
	cmap_finalize(cmap);
	return rc;
}
