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

/* A stop that failed for good ("not installed") is recovered by fencing;
 * without quorum an offline node cannot be fenced, so its instance is
 * blocked, and the clone does not count it as running there. */
static void failed_stop_that_cannot_be_fenced_blocks(void **state)
{
	static const char op[] =
		"<lrm_resource id=\"d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
		"<lrm_rsc_op id=\"d_last_failure_0\" operation_key=\"d_stop_0\" operation=\"stop\" "
		"transition-key=\"1:1:0:x\" transition-magic=\"0:5;1:1:0:x\" call-id=\"5\" "
		"rc-code=\"5\" op-status=\"0\" interval=\"0\" last-rc-change=\"1700000000\" "
		"exec-time=\"1\" queue-time=\"0\"/></lrm_resource>";
	char *cib = g_strdup_printf(
		"<cib epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" "
		"validate-with=\"pacemaker-3.7\" "
		"have-quorum=\"0\" dc-uuid=\"1\"><configuration><crm_config/><nodes>%s</nodes>"
		"<resources><primitive id=\"fence\" class=\"stonith\" type=\"fence_xvm\"/>"
		"<clone id=\"d-clone\"><primitive id=\"d\" class=\"ocf\" provider=\"pacemaker\" "
		"type=\"Dummy\"/></clone></resources><constraints/></configuration><status>"
		"<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
		"join=\"member\" "
		"expected=\"member\"/>"
		"<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
		"join=\"member\" "
		"expected=\"member\"><lrm "
		"id=\"2\"><lrm_resources>%s</lrm_resources></lrm></node_state>"
		"<node_state id=\"3\" uname=\"node3\" in_ccm=\"false\" crmd=\"offline\" "
		"join=\"down\">"
		"<lrm id=\"3\"><lrm_resources>%s</lrm_resources></lrm></node_state></status></cib>",
		three_nodes, op, op);

	(void)state;
	stt_assert_status(cib,
			  "  * Node List:\n"
			  "    * Node node2: UNCLEAN (online)\n"
			  "    * Node node3: UNCLEAN (offline)\n"
			  "    * Online: [ node1 ]\n"
			  "\n"
			  "  * Full List of Resources:\n"
			  "    * fence\t(stonith:fence_xvm):\t Stopped\n"
			  "    * Clone Set: d-clone [d]:\n"
			  "      * d\t(ocf:pacemaker:Dummy):\t FAILED node2\n"
			  "      * d\t(ocf:pacemaker:Dummy):\t FAILED node3 (UNCLEAN, blocked)\n"
			  "      * Stopped: [ node1 node3 ]\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_resources),
		cmocka_unit_test(primitives),
		cmocka_unit_test(active_on_two_nodes),
		cmocka_unit_test(group),
		cmocka_unit_test(anonymous_clone),
		cmocka_unit_test(promotable_clone),
		cmocka_unit_test(unique_clone),
		cmocka_unit_test(failed_stop_that_cannot_be_fenced_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
