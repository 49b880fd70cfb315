/*
 * votequorum's settings from the quorum {} section and the nodelist (see
 * vq.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_VOTEQ
#include "../common/cs_config.h"
#include "../common/cs_log.h"
#include "vq.h"

#define LMS_WINDOW_DEFAULT 10000

struct ctx {
	const struct cs_map *map;
	const struct cs_map *lines;
	char **error;
};

static int get_flag(struct ctx *c, const char *key, bool *value)
{
	uint8_t v;
	int rc = cs_map_get_u8(c->map, key, &v);

	if (rc == -ENOENT) {
		return 0;
	}
	if (rc < 0) {
		return cs_config_error(c->error, c->lines, key, "must be 0 or 1");
	}
	*value = v != 0;
	return 0;
}

static int get_u32(struct ctx *c, const char *key, uint32_t *value)
{
	int rc = cs_map_get_u32(c->map, key, value);

	if (rc == -ENOENT) {
		return 0;
	}
	return rc < 0 ? cs_config_error(c->error, c->lines, key, "is not an unsigned number") : 0;
}

/* auto_tie_breaker_node: "lowest", "highest" or node ids separated by
 * blanks, the preferred first. */
static int parse_atb_nodes(struct ctx *c, struct vq_config *cfg)
{
	static const char key[] = "quorum.auto_tie_breaker_node";
	char *text = NULL;
	const char *p;
	int rc = cs_map_get_string(c->map, key, &text);

	if (rc == -ENOENT) {
		return 0;
	}
	if (rc < 0) {
		return rc == -ENOMEM ? rc : cs_config_error(c->error, c->lines, key, "is not text");
	}
	if (strcmp(text, "lowest") == 0 || strcmp(text, "highest") == 0) {
		cfg->atb = text[0] == 'l' ? VQ_ATB_LOWEST : VQ_ATB_HIGHEST;
		free(text);
		return 0;
	}
	cfg->atb = VQ_ATB_LIST;
	cfg->n_atb_nodes = 0;
	for (p = text; *p != '\0';) {
		char *end;
		unsigned long id = strtoul(p, &end, 10);
		if (end == p || id == 0 || id > UINT32_MAX || cfg->n_atb_nodes == VQ_ATB_LIST_MAX ||
		    (*end != '\0' && *end != ' ' && *end != '\t')) {
			free(text);
			return cs_config_error(c->error, c->lines, key,
					       "must be lowest, highest or up to %d node ids "
					       "separated by spaces",
					       VQ_ATB_LIST_MAX);
		}
		cfg->atb_nodes[cfg->n_atb_nodes++] = (uint32_t)id;
		for (p = end; *p == ' ' || *p == '\t'; p++) {
		}
	}
	free(text);
	if (cfg->n_atb_nodes == 0) {
		return cs_config_error(c->error, c->lines, key, "names no node");
	}
	return 0;
}

static int read_flags(struct ctx *c, struct vq_config *cfg)
{
	bool atb = false;
	int rc = get_flag(c, "quorum.two_node", &cfg->two_node);

	/* two_node means wait_for_all unless that is set explicitly */
	cfg->wait_for_all = cfg->two_node;
	rc = rc == 0 ? get_flag(c, "quorum.wait_for_all", &cfg->wait_for_all) : rc;
	rc = rc == 0 ? get_flag(c, "quorum.last_man_standing", &cfg->last_man_standing) : rc;
	cfg->last_man_standing_window = LMS_WINDOW_DEFAULT;
	rc = rc == 0 ? get_u32(c, "quorum.last_man_standing_window", &cfg->last_man_standing_window)
		     : rc;
	rc = rc == 0 ? get_flag(c, "quorum.allow_downscale", &cfg->allow_downscale) : rc;
	rc = rc == 0 ? get_flag(c, "quorum.expected_votes_tracking", &cfg->expected_votes_tracking)
		     : rc;
	rc = rc == 0 ? get_flag(c, "quorum.auto_tie_breaker", &atb) : rc;
	if (rc == 0 && atb) {
		cfg->atb = VQ_ATB_LOWEST;
		rc = parse_atb_nodes(c, cfg);
	}
	/* allow_downscale keeps the highest expected votes on disk */
	cfg->expected_votes_tracking |= cfg->allow_downscale;
	return rc;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The N of every nodelist.node.N block with a ring0_addr, ascending. */
static int node_blocks(const struct cs_map *map, uint32_t *blocks, size_t *count)
{
	struct cs_map_iter *iter;
	const char *key;
	int rc = cs_map_iter_new(map, "nodelist.node.", &iter);

	*count = 0;
	if (rc < 0) {
		return rc;
	}
	while ((key = cs_map_iter_next(iter, NULL, NULL)) != NULL && *count < VQ_NODES_MAX) {
		unsigned n;
		int end = 0;
		if (sscanf(key, "nodelist.node.%u.ring0_addr%n", &n, &end) == 1 &&
		    key[end] == '\0') {
			blocks[(*count)++] = n;
		}
	}
	cs_map_iter_free(iter);
	qsort(blocks, *count, sizeof(blocks[0]), cmp_u32);
	return 0;
}

/* Sum the nodelist's quorum_votes (1 where absent) and find this node's. */
static int nodelist_votes(struct ctx *c, uint32_t nodeid, int local_pos, struct vq_config *cfg,
			  bool *listed)
{
	uint32_t blocks[VQ_NODES_MAX];
	size_t count;
	int rc = node_blocks(c->map, blocks, &count);

	*listed = false;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		char key[64];
		uint32_t votes = 1, id = 0;
		snprintf(key, sizeof(key), "nodelist.node.%u.quorum_votes", blocks[i]);
		rc = get_u32(c, key, &votes);
		snprintf(key, sizeof(key), "nodelist.node.%u.nodeid", blocks[i]);
		rc = rc == 0 ? get_u32(c, key, &id) : rc;
		cfg->nodelist_votes += votes;
		if (id == nodeid || (id == 0 && (int)i == local_pos)) {
			cfg->votes = votes;
			*listed = true;
		}
	}
	return rc;
}

static int read_votes(struct ctx *c, uint32_t nodeid, int local_pos, struct vq_config *cfg)
{
	uint32_t expected = 0;
	bool listed;
	int rc;

	cfg->votes = 1;
	cfg->nodelist_votes = 0;
	if ((rc = nodelist_votes(c, nodeid, local_pos, cfg, &listed)) < 0) {
		return rc;
	}
	if (!listed) {
		cfg->nodelist_votes = 0;
		if ((rc = get_u32(c, "quorum.votes", &cfg->votes)) < 0) {
			return rc;
		}
	}
	if ((rc = get_u32(c, "quorum.expected_votes", &expected)) < 0) {
		return rc;
	}
	if (cfg->nodelist_votes == 0 && expected == 0) {
		return cs_config_error(c->error, c->lines, "quorum.expected_votes",
				       "votequorum needs a nodelist with this node in it or "
				       "quorum.expected_votes");
	}
	cfg->expected_votes = expected != 0 ? expected : cfg->nodelist_votes;
	if (cfg->votes == 0 && !listed) {
		return cs_config_error(c->error, c->lines, "quorum.votes", "must be at least 1");
	}
	return 0;
}

/* Combinations corosync refuses or corrects. */
static int check_combination(struct ctx *c, struct vq_config *cfg)
{
	if (cfg->two_node && cfg->atb != VQ_ATB_NONE) {
		cs_log(LOG_CRIT,
		       "two_node and auto_tie_breaker are both set but do not go together "
		       "(two_node leaves the tie to fencing): two_node is disabled; "
		       "please fix corosync.conf");
		cfg->two_node = false;
	}
	/* In an odd-sized cluster, half of it plus the tie breaker would
	 * regain quorum after a reboot without the other half. */
	if (cfg->atb != VQ_ATB_NONE && cfg->nodelist_votes % 2 == 1 && !cfg->wait_for_all) {
		if (cfg->last_man_standing) {
			return cs_config_error(c->error, c->lines, "quorum.auto_tie_breaker",
					       "with last_man_standing in a cluster with an odd "
					       "number of votes needs wait_for_all: 1");
		}
		cs_log(LOG_CRIT, "auto_tie_breaker in a cluster with an odd number of votes needs "
				 "wait_for_all: auto_tie_breaker is disabled; please fix "
				 "corosync.conf");
		cfg->atb = VQ_ATB_NONE;
	}
	return 0;
}

int vq_config_read(const struct cs_map *map, const struct cs_map *lines, uint32_t nodeid,
		   int local_pos, struct vq_config *cfg, char **error)
{
	struct ctx c = { .map = map, .lines = lines, .error = error };
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	*error = NULL;
	rc = read_flags(&c, cfg);
	rc = rc == 0 ? read_votes(&c, nodeid, local_pos, cfg) : rc;
	rc = rc == 0 ? check_combination(&c, cfg) : rc;
	return rc;
}
