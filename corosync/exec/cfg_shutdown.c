/*
 * cfg, the shutdown vote: who is asked, how answers and departures
 * count, and when the request is decided (see cfg_int.h).
 */
#include <errno.h>
#include <string.h>

#include "cfg_int.h"

void cfg_shutdown_init(struct cfg_shutdown *s, const struct cfg_shutdown_ops *ops)
{
	memset(s, 0, sizeof(*s));
	s->ops = *ops;
}

/* No vote runs any more; everyone's vote is forgotten. */
static void reset(struct cfg_shutdown *s)
{
	s->ops.timer_stop(s->ops.ctx);
	s->requester = NULL;
	s->expected = s->yes = s->no = 0;
	for (struct cfg_peer *p = s->trackers; p != NULL; p = p->next) {
		p->vote = CFG_VOTE_NONE;
	}
}

/* End the vote.  The requester learns the outcome last, as the decision
 * may stop the daemon. */
static void decide(struct cfg_shutdown *s, bool go)
{
	struct cfg_peer *requester = s->requester;

	reset(s);
	s->ops.decided(s->ops.ctx, requester, go);
}

static void check(struct cfg_shutdown *s)
{
	if (s->requester == NULL || s->yes + s->no < s->expected) {
		return;
	}
	decide(s, s->yes >= s->expected || s->flags == COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS);
}

static void ask(struct cfg_shutdown *s, struct cfg_peer *p)
{
	p->vote = CFG_VOTE_PENDING;
	s->expected++;
	s->ops.ask(s->ops.ctx, p, s->flags);
}

int cfg_shutdown_request(struct cfg_shutdown *s, struct cfg_peer *from, uint32_t flags)
{
	if (flags > COROSYNC_CFG_SHUTDOWN_FLAG_IMMEDIATE) {
		return -EINVAL;
	}
	if (flags == COROSYNC_CFG_SHUTDOWN_FLAG_IMMEDIATE) {
		/* a vote under way ends too: the daemon stops either way */
		if (s->requester != NULL) {
			decide(s, true);
		}
		s->requester = from;
		decide(s, true);
		return 0;
	}
	if (s->requester != NULL) {
		return -EEXIST;
	}
	s->requester = from;
	s->flags = flags;
	s->expected = s->yes = s->no = 0;
	s->ops.timer_start(s->ops.ctx);
	for (struct cfg_peer *p = s->trackers; p != NULL && s->requester != NULL; p = p->next) {
		if (p != from) {
			ask(s, p);
		}
	}
	check(s);
	return 0;
}

int cfg_shutdown_reply(struct cfg_shutdown *s, struct cfg_peer *from, bool yes)
{
	if (s->requester == NULL) {
		return -ENOENT;
	}
	/* only the first answer of a peer that was asked counts */
	if (from->vote == CFG_VOTE_PENDING) {
		from->vote = yes ? CFG_VOTE_YES : CFG_VOTE_NO;
		if (yes) {
			s->yes++;
		} else {
			s->no++;
		}
		check(s);
	}
	return 0;
}

void cfg_shutdown_track(struct cfg_shutdown *s, struct cfg_peer *p)
{
	if (p->tracking) {
		return;
	}
	p->tracking = true;
	p->vote = CFG_VOTE_NONE;
	p->next = s->trackers;
	s->trackers = p;
	/* a vote under way hears the newcomer too */
	if (s->requester != NULL && s->requester != p) {
		ask(s, p);
	}
}

void cfg_shutdown_untrack(struct cfg_shutdown *s, struct cfg_peer *p)
{
	struct cfg_peer **link = &s->trackers;

	if (!p->tracking) {
		return;
	}
	while (*link != p) {
		link = &(*link)->next;
	}
	*link = p->next;
	p->next = NULL;
	p->tracking = false;
	/* one who leaves does not stand in the way: its vote becomes yes */
	if (s->requester != NULL && p->vote != CFG_VOTE_NONE) {
		if (p->vote == CFG_VOTE_NO) {
			s->no--;
		}
		if (p->vote != CFG_VOTE_YES) {
			s->yes++;
		}
	}
	p->vote = CFG_VOTE_NONE;
	check(s);
}

void cfg_shutdown_gone(struct cfg_shutdown *s, struct cfg_peer *p)
{
	if (s->requester == p) {
		/* nobody is left to hear the answer: forget the request */
		reset(s);
	}
	cfg_shutdown_untrack(s, p);
}

void cfg_shutdown_timeout(struct cfg_shutdown *s)
{
	if (s->requester == NULL) {
		return;
	}
	s->no = s->expected - s->yes;
	check(s);
}
