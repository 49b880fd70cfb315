/*
 * The project's own scheduler cases (tests/scheduler/NAME.xml) against the
 * graphs the real crm_simulate 2.1.5 made of them (NAME.exp).  Graphs are
 * compared by meaning, not text: the multiset of actions (element kind,
 * operation, operation_key, on_node and the attributes that change what
 * runs: probe target rc, monitor role, fencing action) and the multiset of
 * ordering edges, both ends named by action rather than by numeric id
 * (ids and synapse order are the scheduler's own choice).
 *
 * One test per case.  Cases our scheduler does not reproduce yet are in
 * known_differences[]: their TAP line carries "# TODO known difference",
 * so a difference is an expected failure and a match an unexpected pass
 * that asks for the entry to be removed.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include <crm/pengine/sched.h>

#define TODO_MARK " # TODO known difference"

/* Cases that differ today, each with what differs. */
static const struct {
	const char *name;
	const char *what;
} known_differences[] = {
	{ "clone-interleave", "no per-node edge from base:2's start to top:2's start "
			      "(interleaved clones, an instance named by its history)" },
	{ NULL, NULL },
};

/* Attributes of an action's <attributes> that are part of its identity. */
static const char *const identity_params[] = {
	"CRM_meta_op_target_rc",
	"CRM_meta_role",
	"CRM_meta_stonith_action",
};

static const char *const action_elements[] = { "rsc_op", "pseudo_event", "crm_event" };

/* A graph reduced to sorted lists of action and edge descriptions. */
struct graph_facts {
	GPtrArray *actions; /* "kind operation key@node [k=v...]" */
	GPtrArray *edges;   /* "pred-identity -> succ-identity" */
};

/* Number of known-difference cases that differed (they do not fail the
 * run: the TAP driver counts them as expected failures). */
static int known_failed;

static bool is_action(const xmlNode *node)
{
	for (size_t i = 0; i < G_N_ELEMENTS(action_elements); i++) {
		if (pcmk_xml_is(node, action_elements[i])) {
			return true;
		}
	}
	return false;
}

/* "kind operation key@node": how an action is named in both graphs.  A
 * trigger repeats these attributes, so this works on it as well. */
static char *action_name(const xmlNode *action)
{
	const char *node = pcmk_xml_attr(action, "on_node");

	return g_strdup_printf("%s %s %s%s%s", (const char *)action->name,
			       pcmk_xml_attr(action, "operation"),
			       pcmk_xml_attr(action, "operation_key"), node != NULL ? "@" : "",
			       node != NULL ? node : "");
}

static char *action_identity(const xmlNode *action)
{
	const xmlNode *attrs = pcmk_xml_first_child(action, "attributes");
	GString *s = g_string_new(NULL);
	char *name = action_name(action);

	g_string_append(s, name);
	g_free(name);
	for (size_t i = 0; i < G_N_ELEMENTS(identity_params); i++) {
		const char *v = pcmk_xml_attr(attrs, identity_params[i]);

		if (v != NULL) {
			g_string_append_printf(s, " %s=%s", identity_params[i], v);
		}
	}
	return g_string_free(s, FALSE);
}

static int compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The one action of @synapse's action_set, or NULL. */
static xmlNode *synapse_action(const xmlNode *synapse)
{
	xmlNode *set = pcmk_xml_first_child(synapse, "action_set");

	for (xmlNode *a = pcmk_xml_first_child(set, NULL); a != NULL; a = pcmk_xml_next(a, false)) {
		if (is_action(a)) {
			return a;
		}
	}
	return NULL;
}

/* Action ids to identities: triggers name their action by id, and the
 * edge must not depend on the numbering. */
static GHashTable *index_actions(const xmlNode *graph, GPtrArray *actions)
{
	GHashTable *by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

	for (xmlNode *syn = pcmk_xml_first_child(graph, "synapse"); syn != NULL;
	     syn = pcmk_xml_next(syn, true)) {
		xmlNode *a = synapse_action(syn);

		if (a != NULL) {
			g_ptr_array_add(actions, action_identity(a));
			g_hash_table_replace(by_id, g_strdup(pcmk_xml_attr(a, "id")),
					     action_identity(a));
		}
	}
	return by_id;
}

static void add_edges(const xmlNode *synapse, GHashTable *by_id, GPtrArray *edges)
{
	xmlNode *succ = synapse_action(synapse);
	xmlNode *inputs = pcmk_xml_first_child(synapse, "inputs");
	char *then = succ != NULL ? action_identity(succ) : g_strdup("(no action)");

	for (xmlNode *t = pcmk_xml_first_child(inputs, "trigger"); t != NULL;
	     t = pcmk_xml_next(t, true)) {
		for (xmlNode *p = pcmk_xml_first_child(t, NULL); p != NULL;
		     p = pcmk_xml_next(p, false)) {
			const char *first = g_hash_table_lookup(by_id, pcmk_xml_attr(p, "id"));
			char *fallback = first == NULL ? action_name(p) : NULL;

			if (is_action(p)) {
				g_ptr_array_add(edges,
						g_strdup_printf("%s -> %s",
								first ? first : fallback, then));
			}
			g_free(fallback);
		}
	}
	g_free(then);
}

static void graph_facts_init(struct graph_facts *f, const xmlNode *graph)
{
	GHashTable *by_id;

	f->actions = g_ptr_array_new_with_free_func(g_free);
	f->edges = g_ptr_array_new_with_free_func(g_free);
	by_id = index_actions(graph, f->actions);
	for (xmlNode *syn = pcmk_xml_first_child(graph, "synapse"); syn != NULL;
	     syn = pcmk_xml_next(syn, true)) {
		add_edges(syn, by_id, f->edges);
	}
	g_hash_table_destroy(by_id);
	g_ptr_array_sort(f->actions, compare_strings);
	g_ptr_array_sort(f->edges, compare_strings);
}

static void graph_facts_clear(struct graph_facts *f)
{
	g_ptr_array_free(f->actions, TRUE);
	g_ptr_array_free(f->edges, TRUE);
}

/* Append to @out the entries of sorted multisets @want and @got that the
 * other lacks ("- " missing from ours, "+ " only in ours); returns how many. */
static int diff_sorted(const char *what, const GPtrArray *want, const GPtrArray *got, GString *out)
{
	guint i = 0, j = 0;
	int n = 0;

	while (i < want->len || j < got->len) {
		int c = i == want->len  ? 1
			: j == got->len ? -1
					: strcmp(want->pdata[i], got->pdata[j]);

		if (c == 0) {
			i++, j++;
			continue;
		}
		g_string_append_printf(out, "#   %c %s: %s\n", c < 0 ? '-' : '+', what,
				       (const char *)(c < 0 ? want->pdata[i++] : got->pdata[j++]));
		n++;
	}
	return n;
}

static char *case_path(const char *name, const char *ext)
{
	const char *top = getenv("abs_top_srcdir");

	return g_strdup_printf("%s/tests/scheduler/%s%s", top != NULL ? top : "../../../..", name,
			       ext);
}

/* Read and upgrade a case's CIB as crm_simulate does.  Returns the
 * document or NULL with *@error set. */
static xmlDoc *load_cib(const char *name, char **error)
{
	char *path = case_path(name, ".xml");
	xmlDoc *doc = NULL;
	int rc = pcmk_xml_parse_file(path, &doc, error);

	g_free(path);
	if (rc == 0) {
		rc = pcmk_schema_upgrade(&doc, error);
		if (rc != 0 && rc != -PCMK_E_SCHEMA_UNCHANGED) {
			xmlFreeDoc(doc);
			return NULL;
		}
		g_free(*error);
		*error = NULL;
	}
	return doc;
}

/* Our graph for case @name (free with pcmk_xml_free()), or NULL with
 * *@error set. */
static xmlNode *our_graph(const char *name, char **error)
{
	xmlDoc *doc = load_cib(name, error);
	xmlNode *graph = NULL;

	if (doc == NULL) {
		return NULL;
	}
	if (pe_schedule(xmlDocGetRootElement(doc), NULL, NULL, &graph, error) != 0) {
		graph = NULL;
	}
	xmlFreeDoc(doc);
	return graph;
}

/* Compare graphs @want and @got: 0 when they match, else the number of
 * differences, described in @out. */
static int compare_graphs(const xmlNode *want, const xmlNode *got, GString *out)
{
	struct graph_facts w, g;
	int n;

	graph_facts_init(&w, want);
	graph_facts_init(&g, got);
	n = diff_sorted("action", w.actions, g.actions, out) +
	    diff_sorted("edge", w.edges, g.edges, out);
	graph_facts_clear(&w);
	graph_facts_clear(&g);
	return n;
}

/* Compare case @name's graphs, as compare_graphs(). */
static int compare_case(const char *name, GString *out)
{
	char *exp_path = case_path(name, ".exp");
	char *error = NULL;
	xmlDoc *exp = NULL;
	xmlNode *got = NULL;
	int n = 1;

	if (pcmk_xml_parse_file(exp_path, &exp, &error) != 0) {
		g_string_append_printf(out, "# %s: %s\n", exp_path, error);
	} else if ((got = our_graph(name, &error)) == NULL) {
		g_string_append_printf(out, "# scheduling %s.xml failed: %s\n", name, error);
	} else {
		n = compare_graphs(xmlDocGetRootElement(exp), got, out);
	}
	pcmk_xml_free(got);
	if (exp != NULL) {
		xmlFreeDoc(exp);
	}
	g_free(error);
	g_free(exp_path);
	return n;
}

/* What is known to differ in case @name, or NULL. */
static const char *known_difference(const char *name)
{
	for (size_t i = 0; known_differences[i].name != NULL; i++) {
		if (strcmp(known_differences[i].name, name) == 0) {
			return known_differences[i].what;
		}
	}
	return NULL;
}

static void golden_case(void **state)
{
	const char *name = *state;
	GString *out = g_string_new(NULL);
	int n = compare_case(name, out);

	if (n != 0) {
		print_message("# %s: %d difference(s) with %s.exp (- expected, + ours)\n%s", name,
			      n, name, out->str);
		if (known_difference(name) != NULL) {
			print_message("# known: %s\n", known_difference(name));
			known_failed++;
		}
	}
	g_string_free(out, TRUE);
	assert_int_equal(n, 0);
}

/* A probe then a start, as the self-tests of the comparator vary it:
 * ids, probe target rc, start node, and whether the start waits. */
static xmlDoc *small_graph(int probe_id, int start_id, const char *rc, const char *node,
			   bool ordered)
{
	char *trigger = g_strdup_printf("<trigger><rsc_op id=\"%d\" operation=\"monitor\" "
					"operation_key=\"r_monitor_0\" on_node=\"n1\"/></trigger>",
					probe_id);
	char *text = g_strdup_printf(
		"<transition_graph>"
		"<synapse id=\"0\"><action_set><rsc_op id=\"%d\" operation=\"start\" "
		"operation_key=\"r_start_0\" on_node=\"%s\"/></action_set><inputs>%s</inputs>"
		"</synapse><synapse id=\"1\"><action_set><rsc_op id=\"%d\" operation=\"monitor\" "
		"operation_key=\"r_monitor_0\" on_node=\"n1\"><attributes "
		"CRM_meta_op_target_rc=\"%s\" CRM_meta_timeout=\"%d\"/></rsc_op></action_set>"
		"<inputs/></synapse></transition_graph>",
		start_id, node, ordered ? trigger : "", probe_id, rc, 1000 * probe_id);
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	g_free(text);
	g_free(trigger);
	return doc;
}

static int small_diff(xmlDoc *other)
{
	xmlDoc *base = small_graph(1, 2, "7", "n1", true);
	GString *out = g_string_new(NULL);
	int n = compare_graphs(xmlDocGetRootElement(base), xmlDocGetRootElement(other), out);

	print_message("%s", out->str);
	g_string_free(out, TRUE);
	xmlFreeDoc(base);
	xmlFreeDoc(other);
	return n;
}

/* Numbering and other attributes (the timeout) do not count. */
static void comparator_ignores_ids(void **state)
{
	(void)state;
	assert_int_equal(small_diff(small_graph(7, 3, "7", "n1", true)), 0);
}

static void comparator_finds_missing_edge(void **state)
{
	(void)state;
	assert_int_equal(small_diff(small_graph(1, 2, "7", "n1", false)), 1);
}

/* A different probe expectation changes the action and so its edge. */
static void comparator_finds_target_rc(void **state)
{
	(void)state;
	assert_int_equal(small_diff(small_graph(1, 2, "0", "n1", true)), 4);
}

static void comparator_finds_node(void **state)
{
	(void)state;
	assert_int_equal(small_diff(small_graph(1, 2, "7", "n2", true)), 4);
}

static const struct CMUnitTest comparator_tests[] = {
	cmocka_unit_test(comparator_ignores_ids),
	cmocka_unit_test(comparator_finds_missing_edge),
	cmocka_unit_test(comparator_finds_target_rc),
	cmocka_unit_test(comparator_finds_node),
};

/* The case names (NAME of each NAME.xml), sorted; NULL-terminated. */
static gchar **case_names(void)
{
	char *dir_path = case_path("", "");
	GDir *dir = g_dir_open(dir_path, 0, NULL);
	GPtrArray *names = g_ptr_array_new();
	const char *f;

	while (dir != NULL && (f = g_dir_read_name(dir)) != NULL) {
		if (g_str_has_suffix(f, ".xml")) {
			g_ptr_array_add(names, g_strndup(f, strlen(f) - strlen(".xml")));
		}
	}
	if (dir != NULL) {
		g_dir_close(dir);
	}
	g_free(dir_path);
	g_ptr_array_sort(names, compare_strings);
	g_ptr_array_add(names, NULL);
	return (gchar **)g_ptr_array_free(names, FALSE);
}

int main(void)
{
	gchar **names = case_names();
	guint n_cases = g_strv_length(names);
	guint n_fixed = G_N_ELEMENTS(comparator_tests), n = n_fixed + n_cases;
	struct CMUnitTest *tests = g_new0(struct CMUnitTest, n);
	gchar **labels = g_new0(gchar *, n_cases + 1);
	int failed;

	if (n_cases == 0) {
		printf("Bail out! no cases in tests/scheduler\n");
		g_free(tests);
		g_free(labels);
		g_strfreev(names);
		return 99;
	}
	memcpy(tests, comparator_tests, sizeof(comparator_tests));
	/* A case's state is its name; a known difference's TAP line carries
	 * the TODO mark, which the TAP driver reads. */
	for (guint i = 0; i < n_cases; i++) {
		labels[i] =
			g_strconcat(names[i], known_difference(names[i]) ? TODO_MARK : "", NULL);
		tests[n_fixed + i] = (struct CMUnitTest){ .name = labels[i],
							  .test_func = golden_case,
							  .initial_state = names[i] };
	}
	failed = _cmocka_run_group_tests("sched_golden", tests, n, NULL, NULL);
	g_free(tests);
	g_strfreev(labels);
	g_strfreev(names);
	return failed - known_failed;
}
