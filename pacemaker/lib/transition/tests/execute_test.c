/* transition_graph_step() and transition_action_confirm(): the firing
 * order, asynchronous confirmations, batch-limit, aborts and failures. */
#include "test_xml.h"

#define HEAD "<transition_graph cluster-delay=\"60s\" transition_id=\"1\"%s>"
#define PSEUDO(id) "<pseudo_event id=\"" #id "\" operation=\"p\" operation_key=\"p" #id "\"/>"
#define OP(id)                                                                           \
	"<rsc_op id=\"" #id "\" operation=\"start\" on_node=\"n\"><primitive id=\"r" #id \
	"\"/></rsc_op>"
#define SYN(id, action, inputs)                                                      \
	"<synapse id=\"" #id "\"><action_set>" action "</action_set><inputs>" inputs \
	"</inputs></synapse>"
#define SYNP(id, prio, action, inputs)                                       \
	"<synapse id=\"" #id "\" priority=\"" #prio "\"><action_set>" action \
	"</action_set><inputs>" inputs "</inputs></synapse>"
#define IN(id) "<trigger><rsc_op id=\"" #id "\"/></trigger>"

static struct transition_graph *graph_of(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* The graph of printf-style @fmt (the header takes one extra string). */
static struct transition_graph *graph_of(const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;
	struct transition_graph *g = NULL;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g = test_graph(text);
	g_free(text);
	return g;
}

struct recorder {
	GString *order; /* ids as they fired */
	bool confirm;   /* confirm at once */
	int fail_id;    /* confirm this one as failed */
	int error_id;   /* refuse to start this one */
	struct transition_graph *graph;
};

static int record(struct transition_graph *graph, struct transition_action *a, void *user_data)
{
	struct recorder *r = user_data;

	g_string_append_printf(r->order, "%d ", a->id);
	if (a->id == r->error_id) {
		return -EIO;
	}
	if (a->id == r->fail_id) {
		transition_graph_abort(graph, TRANSITION_INFINITY);
		return transition_action_confirm(graph, a->id, true);
	}
	return r->confirm ? transition_action_confirm(graph, a->id, false) : 0;
}

static const struct transition_callbacks callbacks = {
	.rsc_op = record,
	.crm_event = record,
	.pseudo_event = record,
};

/* Step @g to its end with recorder @r; returns the final state. */
static int run(struct transition_graph *g, struct recorder *r)
{
	int state;

	do {
		state = transition_graph_step(g, &callbacks, r);
	} while (state == TRANSITION_ACTIVE);
	return state;
}

static struct recorder *recorder_new(void)
{
	struct recorder *r = calloc(1, sizeof(*r));

	r->order = g_string_new(NULL);
	r->confirm = true;
	r->fail_id = r->error_id = -1;
	return r;
}

static void recorder_free(struct recorder *r)
{
	g_string_free(r->order, TRUE);
	free(r);
}

/* Document order; a synapse released during a pass fires in that pass
 * when it comes later, and in the next pass when it came earlier. */
static void test_order(void **state)
{
	struct transition_graph *g =
		graph_of(HEAD SYN(0, OP(3), IN(2)) SYN(1, OP(1), "") SYN(2, OP(2), IN(1))
				 SYN(3, PSEUDO(4), IN(3) IN(1)) "</transition_graph>",
			 "");
	struct recorder *r = recorder_new();

	(void)state;
	assert_int_equal(run(g, r), TRANSITION_COMPLETE);
	assert_string_equal(r->order->str, "1 2 3 4 ");
	recorder_free(r);
	transition_graph_free(g);
}

static void test_async(void **state)
{
	struct transition_graph *g =
		graph_of(HEAD SYN(0, OP(1), "") SYN(1, OP(2), IN(1)) "</transition_graph>", "");
	struct recorder *r = recorder_new();

	(void)state;
	r->confirm = false;
	assert_int_equal(transition_graph_step(g, &callbacks, r), TRANSITION_ACTIVE);
	assert_int_equal(transition_graph_step(g, &callbacks, r), TRANSITION_PENDING);
	assert_string_equal(r->order->str, "1 ");
	assert_int_equal(transition_action_confirm(g, 1, false), 0);
	assert_int_equal(transition_action_confirm(g, 1, false), -EALREADY);
	assert_int_equal(transition_action_confirm(g, 99, false), -ENOENT);
	assert_int_equal(transition_graph_step(g, &callbacks, r), TRANSITION_ACTIVE);
	assert_int_equal(transition_action_confirm(g, 2, false), 0);
	assert_int_equal(transition_graph_step(g, &callbacks, r), TRANSITION_COMPLETE);
	assert_string_equal(r->order->str, "1 2 ");
	recorder_free(r);
	transition_graph_free(g);
}

static void test_batch_limit(void **state)
{
	struct transition_graph *g = graph_of(HEAD SYN(0, OP(1), "") SYN(1, OP(2), "")
						      SYN(2, OP(3), "") "</transition_graph>",
					      " batch-limit=\"2\"");
	struct recorder *r = recorder_new();

	(void)state;
	r->confirm = false;
	assert_int_equal(transition_graph_step(g, &callbacks, r), TRANSITION_ACTIVE);
	assert_string_equal(r->order->str, "1 2 ");
	assert_int_equal(transition_graph_step(g, &callbacks, r), TRANSITION_PENDING);
	transition_action_confirm(g, 2, false);
	assert_int_equal(transition_graph_step(g, &callbacks, r), TRANSITION_ACTIVE);
	assert_string_equal(r->order->str, "1 2 3 ");
	recorder_free(r);
	transition_graph_free(g);
}

/* A failed action blocks its successors except INFINITY ones; after the
 * abort only pseudo events and INFINITY synapses still start. */
static void test_failure(void **state)
{
	struct transition_graph *g =
		graph_of(HEAD SYN(0, OP(1), "") SYN(1, OP(2), IN(1)) SYNP(2, 1000000, OP(3), IN(1))
				 SYN(3, OP(4), "") SYN(4, PSEUDO(5), "") "</transition_graph>",
			 "");
	struct recorder *r = recorder_new();

	(void)state;
	r->fail_id = 1;
	assert_int_equal(run(g, r), TRANSITION_STOPPED);
	assert_string_equal(r->order->str, "1 3 5 ");
	assert_true(transition_graph_action(g, 1)->failed);
	assert_false(transition_graph_action(g, 2)->executed);
	assert_false(transition_graph_action(g, 4)->executed);
	recorder_free(r);
	transition_graph_free(g);
}

static void test_start_error(void **state)
{
	struct transition_graph *g =
		graph_of(HEAD SYN(0, OP(1), "") SYN(1, OP(2), IN(1)) "</transition_graph>", "");
	struct recorder *r = recorder_new();

	(void)state;
	r->error_id = 1;
	assert_int_equal(run(g, r), TRANSITION_STOPPED);
	assert_string_equal(r->order->str, "1 ");
	assert_int_equal(g->abort_priority, TRANSITION_INFINITY);
	recorder_free(r);
	transition_graph_free(g);
}

/* Two synapses waiting for each other can never run. */
static void test_terminated(void **state)
{
	struct transition_graph *g = graph_of(HEAD SYN(0, OP(1), IN(2)) SYN(1, OP(2), IN(1))
						      SYN(2, OP(3), "") "</transition_graph>",
					      "");
	struct recorder *r = recorder_new();

	(void)state;
	assert_int_equal(run(g, r), TRANSITION_TERMINATED);
	assert_string_equal(r->order->str, "3 ");
	assert_string_equal(transition_state_str(TRANSITION_TERMINATED), "terminated");
	recorder_free(r);
	transition_graph_free(g);
}

static void test_abort_keeps_highest(void **state)
{
	struct transition_graph *g = graph_of(HEAD "</transition_graph>", "");

	(void)state;
	transition_graph_abort(g, 10);
	transition_graph_abort(g, 5);
	assert_int_equal(g->abort_priority, 10);
	assert_int_equal(transition_graph_step(g, NULL, NULL), -EINVAL);
	assert_int_equal(transition_graph_step(g, &callbacks, NULL), TRANSITION_COMPLETE);
	transition_graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_async),
		cmocka_unit_test(test_batch_limit),
		cmocka_unit_test(test_failure),
		cmocka_unit_test(test_start_error),
		cmocka_unit_test(test_terminated),
		cmocka_unit_test(test_abort_keeps_highest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
