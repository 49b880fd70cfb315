/*
 * A simulated network for Totem SRP engines: nodes, packet latency, loss,
 * partitions, crashes and restarts on a virtual clock, so membership and
 * ordering can be tested deterministically (seeded) and fast.
 */
#ifndef TOTEM_SIM_H
#define TOTEM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../totem_srp.h"

#define SIM_NODES_MAX 16

enum sim_entry_type {
	SIM_TRANSITIONAL,
	SIM_REGULAR,
	SIM_MESSAGE,
};

/* What one node saw, in order. */
struct sim_entry {
	enum sim_entry_type type;
	struct totem_ring_id ring_id; /* configurations */
	uint32_t members[SIM_NODES_MAX];
	size_t n_members;
	uint32_t origin; /* messages */
	char text[64];
	uint64_t time;
};

struct sim_log {
	struct sim_entry *e;
	size_t n, cap;
};

struct sim;

/* Nodes 1..@nodes (node ids equal their number), none running yet.
 * Every engine gets @params with its own node id. */
struct sim *sim_new(unsigned nodes, uint64_t seed, const struct totem_srp_params *params);
void sim_free(struct sim *sim);

/* Power node @node on with a fresh engine (a process start). */
void sim_start(struct sim *sim, unsigned node);
/* Crash it: nothing more is sent or received. */
void sim_kill(struct sim *sim, unsigned node);
/* Stop it cleanly: it announces its leave first. */
void sim_stop(struct sim *sim, unsigned node);
bool sim_running(const struct sim *sim, unsigned node);

/* Cut the network: @group[i] is the group of node i+1 (nodes talk only
 * within their group).  sim_heal joins everything again. */
void sim_partition(struct sim *sim, const unsigned *group);
void sim_heal(struct sim *sim);
/* Probability (0..1) that any packet is lost. */
void sim_set_loss(struct sim *sim, double p);

/* Advance the clock by @ms, running everything due. */
void sim_run(struct sim *sim, uint64_t ms);
uint64_t sim_now(const struct sim *sim);

/* Node @node multicasts a message with text @text.  Returns the engine's
 * result (0, -EAGAIN). */
int sim_send(struct sim *sim, unsigned node, const char *text);

struct totem_srp *sim_engine(struct sim *sim, unsigned node);
const struct sim_log *sim_log(const struct sim *sim, unsigned node);

/* Whether @node is operational in a ring of exactly @members. */
bool sim_ring_is(struct sim *sim, unsigned node, const uint32_t *members, size_t n);

/* Check agreed order and virtual synchrony over every node's log.
 * Returns NULL, or a static description of the first violation. */
const char *sim_check_evs(const struct sim *sim);

#endif /* TOTEM_SIM_H */
