/*
 * The shutdown vote: who is asked, how yes, no, silence and departures
 * count for each flag, and that every vote ends exactly once.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../cfg_int.h"

struct record {
	struct cfg_peer *asked[8];
	unsigned n_asked;
	uint32_t asked_flags;
	unsigned n_decided;
	struct cfg_peer *decided_for;
	bool go;
	bool timer;
	unsigned timer_starts;
};

static void rec_ask(void *ctx, struct cfg_peer *peer, uint32_t flags)
{
	struct record *r = ctx;

	assert_true(r->n_asked < 8);
	r->asked[r->n_asked++] = peer;
	r->asked_flags = flags;
}

static void rec_decided(void *ctx, struct cfg_peer *requester, bool go)
{
	struct record *r = ctx;

	r->n_decided++;
	r->decided_for = requester;
	r->go = go;
}

static void rec_timer_start(void *ctx)
{
	struct record *r = ctx;

	assert_false(r->timer);
	r->timer = true;
	r->timer_starts++;
}

static void rec_timer_stop(void *ctx)
{
	((struct record *)ctx)->timer = false;
}

struct ctx {
	struct record rec;
	struct cfg_shutdown s;
	struct cfg_peer p[4]; /* p[0] asks; p[1], p[2] track */
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));
	const struct cfg_shutdown_ops ops = { rec_ask, rec_decided, rec_timer_start, rec_timer_stop,
					      &c->rec };

	cfg_shutdown_init(&c->s, &ops);
	cfg_shutdown_track(&c->s, &c->p[1]);
	cfg_shutdown_track(&c->s, &c->p[2]);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static bool was_asked(const struct ctx *c, const struct cfg_peer *p)
{
	for (unsigned i = 0; i < c->rec.n_asked; i++) {
		if (c->rec.asked[i] == p) {
			return true;
		}
	}
	return false;
}

static void nobody_to_ask_goes_at_once(void **state)
{
	struct ctx *c = *state;

	cfg_shutdown_untrack(&c->s, &c->p[1]);
	cfg_shutdown_untrack(&c->s, &c->p[2]);
	assert_int_equal(cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST),
			 0);
	assert_int_equal(c->rec.n_decided, 1);
	assert_ptr_equal(c->rec.decided_for, &c->p[0]);
	assert_true(c->rec.go);
	assert_false(c->rec.timer);
	assert_int_equal(c->rec.n_asked, 0);
}

static void immediate_asks_nobody(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(
		cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_IMMEDIATE), 0);
	assert_int_equal(c->rec.n_decided, 1);
	assert_true(c->rec.go);
	assert_int_equal(c->rec.n_asked, 0);
	assert_int_equal(c->rec.timer_starts, 0);
}

static void all_yes_goes(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST),
			 0);
	assert_int_equal(c->rec.n_asked, 2);
	assert_int_equal(c->rec.asked_flags, COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST);
	assert_true(c->rec.timer);
	assert_int_equal(cfg_shutdown_reply(&c->s, &c->p[1], true), 0);
	/* the same answer twice counts once */
	assert_int_equal(cfg_shutdown_reply(&c->s, &c->p[1], true), 0);
	assert_int_equal(c->rec.n_decided, 0);
	assert_int_equal(cfg_shutdown_reply(&c->s, &c->p[2], true), 0);
	assert_int_equal(c->rec.n_decided, 1);
	assert_true(c->rec.go);
	assert_false(c->rec.timer);
	/* the vote is over */
	assert_int_equal(cfg_shutdown_reply(&c->s, &c->p[2], true), -ENOENT);
}

static void one_no_refuses(void **state)
{
	struct ctx *c = *state;

	/* a requester that tracks is not asked about its own request */
	cfg_shutdown_track(&c->s, &c->p[0]);
	assert_int_equal(cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST),
			 0);
	assert_false(was_asked(c, &c->p[0]));
	assert_int_equal(c->rec.n_asked, 2);
	cfg_shutdown_reply(&c->s, &c->p[1], false);
	cfg_shutdown_reply(&c->s, &c->p[2], true);
	assert_int_equal(c->rec.n_decided, 1);
	assert_false(c->rec.go);
	/* a new vote may start and asks again */
	assert_int_equal(cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST),
			 0);
	assert_int_equal(c->rec.n_asked, 4);
}

static void regardless_goes_anyway(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(
		cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS), 0);
	assert_int_equal(c->rec.asked_flags, COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS);
	cfg_shutdown_reply(&c->s, &c->p[1], false);
	cfg_shutdown_reply(&c->s, &c->p[2], false);
	assert_int_equal(c->rec.n_decided, 1);
	assert_true(c->rec.go);
}

static void one_vote_at_a_time(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(cfg_shutdown_request(&c->s, &c->p[0], 3), -EINVAL);
	assert_int_equal(cfg_shutdown_reply(&c->s, &c->p[1], true), -ENOENT);
	assert_int_equal(cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST),
			 0);
	assert_int_equal(cfg_shutdown_request(&c->s, &c->p[3], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST),
			 -EEXIST);
	assert_int_equal(c->rec.n_decided, 0);
	/* a peer that was not asked has no say */
	cfg_shutdown_reply(&c->s, &c->p[3], false);
	cfg_shutdown_reply(&c->s, &c->p[1], true);
	cfg_shutdown_reply(&c->s, &c->p[2], true);
	assert_int_equal(c->rec.n_decided, 1);
	assert_true(c->rec.go);
}

/* IMMEDIATE does not wait: a vote under way ends with the same answer. */
static void immediate_ends_a_vote(void **state)
{
	struct ctx *c = *state;

	cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST);
	cfg_shutdown_reply(&c->s, &c->p[1], false);
	assert_int_equal(
		cfg_shutdown_request(&c->s, &c->p[3], COROSYNC_CFG_SHUTDOWN_FLAG_IMMEDIATE), 0);
	assert_int_equal(c->rec.n_decided, 2);
	assert_ptr_equal(c->rec.decided_for, &c->p[3]);
	assert_true(c->rec.go);
	assert_false(c->rec.timer);
	assert_int_equal(cfg_shutdown_reply(&c->s, &c->p[2], true), -ENOENT);
}

static void leaving_counts_as_yes(void **state)
{
	struct ctx *c = *state;

	cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST);
	cfg_shutdown_reply(&c->s, &c->p[1], false);
	/* the one who said no leaves: its no goes with it */
	cfg_shutdown_untrack(&c->s, &c->p[1]);
	assert_int_equal(c->rec.n_decided, 0);
	cfg_shutdown_gone(&c->s, &c->p[2]);
	assert_int_equal(c->rec.n_decided, 1);
	assert_true(c->rec.go);
	/* stopping twice changes nothing */
	cfg_shutdown_untrack(&c->s, &c->p[1]);
	assert_int_equal(c->rec.n_decided, 1);
}

static void a_requester_that_leaves_is_forgotten(void **state)
{
	struct ctx *c = *state;

	cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST);
	assert_true(c->rec.timer);
	cfg_shutdown_gone(&c->s, &c->p[0]);
	assert_false(c->rec.timer);
	assert_int_equal(cfg_shutdown_reply(&c->s, &c->p[1], true), -ENOENT);
	cfg_shutdown_timeout(&c->s);
	assert_int_equal(c->rec.n_decided, 0);
	/* the trackers are still there for the next vote */
	cfg_shutdown_request(&c->s, &c->p[3], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST);
	assert_int_equal(c->rec.n_asked, 4);
}

static void silence_is_no_when_time_is_up(void **state)
{
	struct ctx *c = *state;

	cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST);
	cfg_shutdown_reply(&c->s, &c->p[1], true);
	cfg_shutdown_timeout(&c->s);
	assert_int_equal(c->rec.n_decided, 1);
	assert_false(c->rec.go);

	cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS);
	cfg_shutdown_timeout(&c->s);
	assert_int_equal(c->rec.n_decided, 2);
	assert_true(c->rec.go);
}

static void newcomers_are_asked_during_a_vote(void **state)
{
	struct ctx *c = *state;

	cfg_shutdown_request(&c->s, &c->p[0], COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST);
	cfg_shutdown_track(&c->s, &c->p[3]);
	cfg_shutdown_track(&c->s, &c->p[3]);
	assert_int_equal(c->rec.n_asked, 3);
	cfg_shutdown_reply(&c->s, &c->p[1], true);
	cfg_shutdown_reply(&c->s, &c->p[2], true);
	assert_int_equal(c->rec.n_decided, 0);
	cfg_shutdown_reply(&c->s, &c->p[3], true);
	assert_int_equal(c->rec.n_decided, 1);
	assert_true(c->rec.go);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(nobody_to_ask_goes_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(immediate_asks_nobody, setup, teardown),
		cmocka_unit_test_setup_teardown(all_yes_goes, setup, teardown),
		cmocka_unit_test_setup_teardown(one_no_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(regardless_goes_anyway, setup, teardown),
		cmocka_unit_test_setup_teardown(one_vote_at_a_time, setup, teardown),
		cmocka_unit_test_setup_teardown(immediate_ends_a_vote, setup, teardown),
		cmocka_unit_test_setup_teardown(leaving_counts_as_yes, setup, teardown),
		cmocka_unit_test_setup_teardown(a_requester_that_leaves_is_forgotten, setup,
						teardown),
		cmocka_unit_test_setup_teardown(silence_is_no_when_time_is_up, setup, teardown),
		cmocka_unit_test_setup_teardown(newcomers_are_asked_during_a_vote, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
