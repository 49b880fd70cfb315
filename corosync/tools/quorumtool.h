/*
 * corosync-quorumtool's state, shared by its main file and its membership
 * table (quorumtool_members.c).
 */
#ifndef QUORUMTOOL_H
#define QUORUMTOOL_H

#include <stdint.h>
#include <corosync/cfg.h>
#include <corosync/cmap.h>
#include <corosync/quorum.h>
#include <corosync/votequorum.h>

enum nodeid_format { NODEID_DECIMAL, NODEID_HEX };
enum name_format { NAME_RESOLVED, NAME_IP };
enum sort_order { SORT_ADDR, SORT_NODEID, SORT_NAME };

struct quorumtool {
	cmap_handle_t cmap;
	quorum_handle_t quorum;
	votequorum_handle_t votequorum; /* 0 unless votequorum provides quorum */
	corosync_cfg_handle_t cfg;
	uint32_t quorum_type;
	uint32_t our_nodeid;

	/* How to show nodes (-H, -i, -o, -a, -p). */
	enum nodeid_format nodeid_format;
	enum name_format name_format;
	enum sort_order sort;
	int all_addrs;
	int machine_parsable;

	/* The last quorum notification... */
	int quorum_called;
	uint32_t quorate;
	uint64_t ring_seq;
	uint32_t *members;
	uint32_t n_members;
	/* ...and the node that formed the ring, from votequorum. */
	int votequorum_called;
	uint32_t ring_nodeid;
};

/* The membership table ("Membership information"), from t->members, with
 * votes and the quorum device when votequorum runs. */
void quorumtool_print_members(struct quorumtool *t);

/* A node's name as the table shows it: the nodelist name (unless -i) and
 * then, or else, its address(es), resolved unless -i.  The caller frees
 * it.  Never NULL. */
char *quorumtool_node_name(struct quorumtool *t, uint32_t nodeid);

/* "%10s " and "%10u ", the columns of the table. */
void quorumtool_print_padded(const char *text);
void quorumtool_print_padded_u32(uint32_t value);

#endif /* QUORUMTOOL_H */
