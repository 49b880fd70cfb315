/*
 * The "Full List of Resources" section: primitives with their states and
 * flags, display order, groups, anonymous, promotable and unique clones.
 * The expected texts were checked against pacemaker 2.1.5's crm_simulate
 * on the same CIBs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>

#include "status_text_testutil.h"

static const char three_nodes[] = "<node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/>"
				  "<node id=\"3\" uname=\"node3\"/>";

static const char nodes_head[] = "  * Node List:\n"
				 "    * Online: [ node1 node2 node3 ]\n"
				 "\n"
				 "  * Full List of Resources:\n";

static char *prim(const char *id, const char *meta)
{
	return g_strdup_printf("<primitive id=\"%s\" class=\"ocf\" provider=\"pacemaker\" "
			       "type=\"Dummy\"><meta_attributes id=\"%s-m\">%s</meta_attributes>"
			       "</primitive>",
			       id, id, meta);
}

/* Three node_states; @lrm1..3 are each node's lrm_resource elements. */
static char *status3(const char *lrm1, const char *lrm2, const char *lrm3)
{
	char *s1 = stt_state(1, "node1", lrm1), *s2 = stt_state(2, "node2", lrm2);
	char *s3 = stt_state(3, "node3", lrm3);
	char *all = g_strconcat(s1, s2, s3, NULL);

	g_free(s1);
	g_free(s2);
	g_free(s3);
	return all;
}

/* The lrm_resource of @rsc started (and @task'ed, if not NULL) on @node. */
static char *started(const char *rsc, const char *node, const char *task, int rc)
{
	char *start = stt_op(rsc, "start", node, 2, 0);
	char *more = task == NULL ? g_strdup("") : stt_op(rsc, task, node, 3, rc);
	char *ops = g_strconcat(start, more, NULL);
	char *lrm = stt_lrm(rsc, ops);

	g_free(start);
	g_free(more);
	g_free(ops);
	return lrm;
}

static void expect(const char *resources, char *status, const char *want_resources)
{
	char *want = g_strconcat(nodes_head, want_resources, NULL);

	stt_assert_status(stt_cib("", three_nodes, resources, status), want);
	g_free(want);
	g_free(status);
}

static void no_resources(void **state)
{
	(void)state;
	expect("", status3("", "", ""), "    * No resources\n");
}

/* States and flags of primitives, higher priority listed first. */
static void primitives(void **state)
{
	char *a = prim("A", ""), *b = prim("B", ""),
	     *c = prim("C", "<nvpair id=\"C-t\" "
			    "name=\"target-role\" value=\"Stopped\"/>");
	char *d = prim("D", "<nvpair id=\"D-u\" name=\"is-managed\" value=\"false\"/>");
	char *e = prim("E", "<nvpair id=\"E-p\" name=\"priority\" value=\"10\"/>");
	char *f = prim("F", "");
	char *rscs = g_strconcat(a, b, c, d, e, f, NULL);
	char *on1 = started("A", "node1", NULL, 0), *on2 = started("D", "node2", NULL, 0);
	char *failed = started("F", "node3", "monitor", 1);

	(void)state;
	expect(rscs, status3(on1, on2, failed),
	       "    * E\t(ocf:pacemaker:Dummy):\t Stopped\n"
	       "    * A\t(ocf:pacemaker:Dummy):\t Started node1\n"
	       "    * B\t(ocf:pacemaker:Dummy):\t Stopped\n"
	       "    * C\t(ocf:pacemaker:Dummy):\t Stopped (disabled)\n"
	       "    * D\t(ocf:pacemaker:Dummy):\t Started node2 (unmanaged)\n"
	       "    * F\t(ocf:pacemaker:Dummy):\t FAILED node3\n");
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(d);
	g_free(e);
	g_free(f);
	g_free(rscs);
	g_free(on1);
	g_free(on2);
	g_free(failed);
}

static void active_on_two_nodes(void **state)
{
	char *a = prim("A", "");
	char *on1 = started("A", "node1", NULL, 0), *on2 = started("A", "node2", NULL, 0);

	(void)state;
	expect(a, status3(on1, on2, ""),
	       "    * A\t(ocf:pacemaker:Dummy):\t Started [ node1 node2 ]\n");
	g_free(a);
	g_free(on1);
	g_free(on2);
}

static void group(void **state)
{
	char *a = prim("A", ""), *b = prim("B", "");
	char *grp = g_strdup_printf("<group id=\"g\">%s%s</group>", a, b);
	char *on1 = started("A", "node1", NULL, 0);

	(void)state;
	expect(grp, status3(on1, "", ""),
	       "    * Resource Group: g:\n"
	       "      * A\t(ocf:pacemaker:Dummy):\t Started node1\n"
	       "      * B\t(ocf:pacemaker:Dummy):\t Stopped\n");
	g_free(a);
	g_free(b);
	g_free(grp);
	g_free(on1);
}

static void anonymous_clone(void **state)
{
	char *a = prim("A", "");
	char *clone = g_strdup_printf("<clone id=\"A-clone\">%s</clone>", a);
	char *on1 = started("A", "node1", NULL, 0), *on2 = started("A", "node2", NULL, 0);

	(void)state;
	expect(clone, status3(on1, on2, ""),
	       "    * Clone Set: A-clone [A]:\n"
	       "      * Started: [ node1 node2 ]\n"
	       "      * Stopped: [ node3 ]\n");
	g_free(a);
	g_free(clone);
	g_free(on1);
	g_free(on2);
}

static void promotable_clone(void **state)
{
	char *a = prim("S", "");
	char *clone = g_strdup_printf("<clone id=\"S-clone\"><meta_attributes id=\"S-clone-m\">"
				      "<nvpair id=\"S-p\" name=\"promotable\" value=\"true\"/>"
				      "</meta_attributes>%s</clone>",
				      a);
	char *on1 = started("S", "node1", "promote", 0), *on2 = started("S", "node2", NULL, 0);

	(void)state;
	expect(clone, status3(on1, on2, ""),
	       "    * Clone Set: S-clone [S] (promotable):\n"
	       "      * Promoted: [ node1 ]\n"
	       "      * Unpromoted: [ node2 ]\n"
	       "      * Stopped: [ node3 ]\n");
	g_free(a);
	g_free(clone);
	g_free(on1);
	g_free(on2);
}

static void unique_clone(void **state)
{
	char *a = prim("U", "");
	char *clone = g_strdup_printf("<clone id=\"U-clone\"><meta_attributes id=\"U-clone-m\">"
				      "<nvpair id=\"U-u\" name=\"globally-unique\" value=\"true\"/>"
				      "<nvpair id=\"U-n\" name=\"clone-max\" value=\"2\"/>"
				      "</meta_attributes>%s</clone>",
				      a);
	char *on1 = started("U:0", "node1", NULL, 0);

	(void)state;
	expect(clone, status3(on1, "", ""),
	       "    * Clone Set: U-clone [U] (unique):\n"
	       "      * U:0\t(ocf:pacemaker:Dummy):\t Started node1\n"
	       "      * U:1\t(ocf:pacemaker:Dummy):\t Stopped\n");
	g_free(a);
	g_free(clone);
	g_free(on1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_resources),        cmocka_unit_test(primitives),
		cmocka_unit_test(active_on_two_nodes), cmocka_unit_test(group),
		cmocka_unit_test(anonymous_clone),     cmocka_unit_test(promotable_clone),
		cmocka_unit_test(unique_clone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
