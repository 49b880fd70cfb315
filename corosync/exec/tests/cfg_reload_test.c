/*
 * corosync.conf read again into a running map: what follows the file,
 * what waits for a restart, what a reload never touches, and failures
 * that leave the map as it was.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../common/cs_log.h"
#include "../cfg_int.h"

struct ctx {
	struct cs_map *live, *fresh;
	char dir[64];
	char path[128];
	unsigned events;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->live = cs_map_new();
	c->fresh = cs_map_new();
	strcpy(c->dir, "/tmp/cfg_reload_test.XXXXXX");
	if (mkdtemp(c->dir) == NULL) {
		return -1;
	}
	snprintf(c->path, sizeof(c->path), "%s/corosync.conf", c->dir);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	char log[160];

	snprintf(log, sizeof(log), "%s/corosync.log", c->dir);
	unlink(log);
	unlink(c->path);
	rmdir(c->dir);
	cs_map_free(c->live);
	cs_map_free(c->fresh);
	free(c);
	return 0;
}

static void assert_string_key(struct cs_map *map, const char *key, const char *want)
{
	char *got = NULL;

	if (cs_map_get_string(map, key, &got) < 0) {
		fail_msg("%s is missing", key);
	}
	assert_string_equal(got, want);
	free(got);
}

static bool has(struct cs_map *map, const char *key)
{
	return cs_map_get(map, key, NULL, NULL, NULL) == 0;
}

static void count(struct cs_map *map, const char *key, int event,
		  const struct cs_map_value *new_value, const struct cs_map_value *old_value,
		  void *data)
{
	((struct ctx *)data)->events++;
}

static void fill_live(struct cs_map *live)
{
	cs_map_set_u32(live, "totem.token", 3000);
	cs_map_set_string(live, "totem.cluster_name", "alpha");
	cs_map_set_string(live, "totem.crypto_cipher", "none");
	cs_map_set_string(live, "logging.debug", "off");
	cs_map_set_string(live, "logging.to_stderr", "yes");
	cs_map_set_string(live, "nodelist.node.0.ring0_addr", "10.0.0.1");
	cs_map_set_string(live, "nodelist.node.1.ring0_addr", "10.0.0.2");
	cs_map_set_u32(live, "nodelist.local_node_pos", 0);
	cs_map_set_u8(live, "uidgid.config.uid.1000", 1);
	cs_map_set_string(live, "system.state_dir", "/var/lib/corosync");
	cs_map_set_u32(live, "runtime.config.totem.token", 3000);
	cs_map_set_string(live, "runtime.members.1.status", "joined");
	cs_map_set_u8(live, "uidgid.uid.1001", 1);
	cs_map_set_string(live, "custom.key", "set by a client");
}

static void the_file_wins_where_it_may(void **state)
{
	struct ctx *c = *state;
	unsigned deferred = 99;
	uint32_t v = 0;

	fill_live(c->live);
	cs_map_set_u32(c->fresh, "totem.token", 5000);
	cs_map_set_string(c->fresh, "totem.cluster_name", "beta");
	cs_map_set_string(c->fresh, "totem.crypto_cipher", "none");
	cs_map_set_string(c->fresh, "logging.debug", "on");
	cs_map_set_string(c->fresh, "nodelist.node.0.ring0_addr", "10.0.0.1");
	cs_map_set_u32(c->fresh, "quorum.expected_votes", 2);
	assert_int_equal(cfg_reload_merge(c->live, c->fresh, &deferred), 0);

	/* followed */
	cs_map_get_u32(c->live, "totem.token", &v);
	assert_int_equal(v, 5000);
	assert_string_key(c->live, "logging.debug", "on");
	cs_map_get_u32(c->live, "quorum.expected_votes", &v);
	assert_int_equal(v, 2);
	assert_false(has(c->live, "logging.to_stderr"));
	assert_false(has(c->live, "nodelist.node.1.ring0_addr"));
	assert_false(has(c->live, "uidgid.config.uid.1000"));
	/* read at start-up only */
	assert_string_key(c->live, "totem.cluster_name", "alpha");
	assert_true(has(c->live, "system.state_dir"));
	assert_true(has(c->live, "nodelist.local_node_pos"));
	/* not the file's */
	cs_map_get_u32(c->live, "runtime.config.totem.token", &v);
	assert_int_equal(v, 3000);
	assert_true(has(c->live, "runtime.members.1.status"));
	assert_true(has(c->live, "uidgid.uid.1001"));
	assert_string_key(c->live, "custom.key", "set by a client");
	/* cluster_name kept, totem.token changed, node 1 removed */
	assert_int_equal(deferred, 3);
}

static void the_same_file_changes_nothing(void **state)
{
	struct ctx *c = *state;
	unsigned deferred = 99;
	struct cs_map_track *t;

	fill_live(c->live);
	fill_live(c->fresh);
	cs_map_delete(c->fresh, "runtime.config.totem.token");
	cs_map_delete(c->fresh, "custom.key");
	assert_int_equal(cs_map_track_add(c->live, "",
					  CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY |
						  CS_MAP_TRACK_DELETE | CS_MAP_TRACK_PREFIX,
					  count, c, &t),
			 0);
	assert_int_equal(cfg_reload_merge(c->live, c->fresh, &deferred), 0);
	assert_int_equal(deferred, 0);
	assert_int_equal(c->events, 0);
}

static void write_file(const struct ctx *c, const char *text)
{
	FILE *f = fopen(c->path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void reload_a_file(void **state)
{
	struct ctx *c = *state;
	char text[512], log[160];
	uint8_t busy = 9;

	snprintf(log, sizeof(log), "%s/corosync.log", c->dir);
	snprintf(text, sizeof(text),
		 "totem {\n\tversion: 2\n\ttoken: 4000\n}\n"
		 "logging {\n\tto_stderr: no\n\tto_syslog: no\n\tto_logfile: yes\n"
		 "\tlogfile: %s\n\tdebug: on\n}\n",
		 log);
	write_file(c, text);
	fill_live(c->live);
	cs_map_set_string(c->live, "config.reload_error_message", "old failure");
	assert_int_equal(cfg_reload(c->live, c->path), 0);
	assert_string_key(c->live, "logging.debug", "on");
	assert_false(has(c->live, "config.reload_error_message"));
	assert_int_equal(cs_map_get_u8(c->live, "config.reload_in_progress", &busy), 0);
	assert_int_equal(busy, 0);
	/* the new logging settings are in force: the log file exists */
	assert_int_equal(access(log, F_OK), 0);
}

static void a_bad_file_changes_nothing(void **state)
{
	struct ctx *c = *state;
	char *message = NULL;

	write_file(c, "totem {\n\ttoken: 4000\n\nlogging {\n\tdebug: on\n}\n");
	fill_live(c->live);
	assert_int_equal(cfg_reload(c->live, c->path), -EINVAL);
	assert_string_key(c->live, "logging.debug", "off");
	assert_int_equal(cs_map_get_string(c->live, "config.reload_error_message", &message), 0);
	assert_non_null(strstr(message, c->path));
	free(message);

	unlink(c->path);
	assert_int_equal(cfg_reload(c->live, c->path), -ENOENT);
	assert_string_key(c->live, "logging.debug", "off");
	assert_true(has(c->live, "config.reload_error_message"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_file_wins_where_it_may, setup, teardown),
		cmocka_unit_test_setup_teardown(the_same_file_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(reload_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(a_bad_file_changes_nothing, setup, teardown),
	};
	int rc;

	cs_log_open("cfg_reload_test");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	cs_log_close();
	return rc;
}
