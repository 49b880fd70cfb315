/*
 * Every <rule> in the scheduler regression inputs of pacemaker 2.1.5
 * (../shared/anchors/pacemaker-scheduler/xml) must pass pe_rule_check()
 * and evaluate; the nvpair sets around them must unpack.  Skipped when
 * the anchors are not there.
 */
#include "anchor_sample.h"
#include "rules_testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char anchor_dir[4096];

static int find_anchors(void **state)
{
	const char *top = getenv("abs_top_srcdir");

	(void)state;
	snprintf(anchor_dir, sizeof(anchor_dir), "%s/../shared/anchors/pacemaker-scheduler/xml",
		 top ? top : "../../../..");
	return 0;
}

/* Check and evaluate the rules of one CIB; returns how many there were. */
static int rules_of(const char *path, int *bad)
{
	xmlDoc *doc = NULL;
	xmlNode **rules = NULL;
	char *error = NULL;
	GHashTable *node = rt_attrs("#uname", "node1", "#kind", "cluster", NULL);
	struct pe_rule_input in = { .node_attrs = node,
				    .now = rt_time("2019-09-23 12:00:00Z"),
				    .role = "Started" };
	int n;

	if (pcmk_xml_parse_file(path, &doc, &error) != 0) {
		fail_msg("%s", error);
	}
	n = pcmk_xml_xpath_all(doc, "//rule", &rules);
	for (int i = 0; i < n; i++) {
		if (pe_rule_check(rules[i], &error) != 0) {
			print_message("# %s: %s\n", path, error);
			free(error);
			(*bad)++;
		}
		(void)pe_rule_eval(rules[i], &in);
		(void)pe_rule_score(rules[i], node);
	}
	free(rules);
	xmlFreeDoc(doc);
	g_hash_table_destroy(node);
	return (n > 0) ? n : 0;
}

static void every_rule_is_readable(void **state)
{
	DIR *dir = opendir(anchor_dir);
	struct dirent *e;
	int files = 0, rules = 0, bad = 0;

	struct anchor_sample sample;

	(void)state;
	assert_non_null(dir);
	anchor_sample_init(&sample);
	while ((e = readdir(dir)) != NULL) {
		char path[8192];
		size_t len = strlen(e->d_name);

		if ((len < 5) || (strcmp(e->d_name + len - 4, ".xml") != 0)) {
			continue;
		}
		if (!anchor_sample_take(&sample)) {
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", anchor_dir, e->d_name);
		rules += rules_of(path, &bad);
		files++;
	}
	closedir(dir);
	print_message("# %d rules in %d scheduler inputs, %d unreadable\n", rules, files, bad);
	assert_true(rules > (sample.sampling ? 1 : 100));
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_rule_is_readable),
	};

	rt_set_tz("UTC");
	find_anchors(NULL);
	if (access(anchor_dir, R_OK) != 0) {
		/* a whole-program skip: automake's TAP driver counts a cmocka
		 * "not ok # SKIP" as failed */
		printf("1..0 # SKIP the scheduler anchors are absent\n");
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
