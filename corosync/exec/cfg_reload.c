/*
 * cfg, the reload: corosync.conf read again into the running map.  Keys of
 * the file's sections follow the file; settings read only at start-up keep
 * their value (the file's new value waits for a restart, as with
 * corosync); nothing else in the map is touched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_CFG
#include "../common/cs_config.h"
#include "../common/cs_log.h"
#include "cfg_int.h"
#include "startup_keys.h"
#include "log_config.h"

/* The sections a reload owns: keys there that the file lost go away. */
static const char *const file_sections[] = {
	"logging.", "nodelist.", "nozzle.", "quorum.", "totem.", "uidgid.config.",
};

/* Our totem layer reads these once: a change shows in the map at once
 * but takes effect at the next start. */
static const char *const deferred_sections[] = { "nodelist.", "totem." };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool starts_with_any(const char *key, const char *const *prefixes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strncmp(key, prefixes[i], strlen(prefixes[i])) == 0) {
			return true;
		}
	}
	return false;
}

struct value {
	enum cs_map_type type;
	size_t len;
	uint8_t *data; /* CS_MAP_VALUE_MAX bytes */
};

static int read_value(const struct cs_map *map, const char *key, struct value *v)
{
	v->len = CS_MAP_VALUE_MAX;
	return cs_map_get(map, key, v->data, &v->len, &v->type);
}

static bool same(const struct value *a, const struct value *b)
{
	return a->type == b->type && a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/* Add and change what the file says. */
static int copy_new(struct cs_map *live, const struct cs_map *fresh, struct value *nv,
		    struct value *ov, unsigned *deferred)
{
	struct cs_map_iter *it;
	const char *key;
	int rc = cs_map_iter_new(fresh, NULL, &it);

	while (rc == 0 && (key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		if (read_value(fresh, key, nv) < 0 ||
		    (read_value(live, key, ov) == 0 && same(nv, ov))) {
			continue;
		}
		if (starts_with_any(key, cs_startup_keys, CS_N_STARTUP_KEYS)) {
			cs_log(LOG_WARNING,
			       "%s changed in the configuration file: corosync keeps "
			       "the old value until it restarts",
			       key);
			(*deferred)++;
			continue;
		}
		if (starts_with_any(key, deferred_sections, N(deferred_sections))) {
			(*deferred)++;
		}
		rc = cs_map_set(live, key, nv->data, nv->len, nv->type);
	}
	cs_map_iter_free(it);
	return rc;
}

/* Remove what the file no longer says, in the sections it owns. */
static int drop_old(struct cs_map *live, const struct cs_map *fresh, const char *section,
		    unsigned *deferred)
{
	struct cs_map_iter *it;
	const char *key;
	int rc = cs_map_iter_new(live, section, &it);

	/* deleting the key just returned is safe: the walk goes on after it */
	while (rc == 0 && (key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		if (starts_with_any(key, cs_startup_keys, CS_N_STARTUP_KEYS) ||
		    cs_map_get(fresh, key, NULL, NULL, NULL) == 0) {
			continue;
		}
		if (starts_with_any(key, deferred_sections, N(deferred_sections))) {
			(*deferred)++;
		}
		cs_map_delete(live, key);
	}
	cs_map_iter_free(it);
	return rc;
}

int cfg_reload_merge(struct cs_map *live, const struct cs_map *fresh, unsigned *deferred)
{
	struct value nv = { 0, 0, malloc(CS_MAP_VALUE_MAX) };
	struct value ov = { 0, 0, malloc(CS_MAP_VALUE_MAX) };
	int rc = nv.data != NULL && ov.data != NULL ? 0 : -ENOMEM;

	*deferred = 0;
	if (rc == 0) {
		rc = copy_new(live, fresh, &nv, &ov, deferred);
	}
	for (size_t i = 0; rc == 0 && i < N(file_sections); i++) {
		rc = drop_old(live, fresh, file_sections[i], deferred);
	}
	free(nv.data);
	free(ov.data);
	return rc;
}

static void parse_warning(const char *message, void *data)
{
	cs_log(LOG_WARNING, "%s", message);
}

static int apply_logging(const struct cs_map *map, char **error)
{
	struct cs_log_settings s;
	int rc = cs_log_config_read(map, &s, error);

	return rc < 0 ? rc : cs_log_apply(&s);
}

int cfg_reload(struct cs_map *live, const char *path)
{
	struct cs_map *fresh = cs_map_new();
	unsigned deferred = 0;
	char *error = NULL;
	int rc = fresh != NULL ? 0 : -ENOMEM;

	cs_map_delete(live, "config.reload_error_message");
	cs_map_set_u8(live, "config.reload_in_progress", 1);
	if (rc == 0) {
		rc = cs_config_parse_file(path, fresh, NULL, &error, parse_warning, NULL);
	}
	if (rc == 0) {
		rc = cs_config_parse_uidgid_dir(COROSYNC_UIDGID_DIR, fresh, &error, parse_warning,
						NULL);
	}
	if (rc == 0) {
		rc = cfg_reload_merge(live, fresh, &deferred);
	}
	if (rc == 0) {
		rc = apply_logging(live, &error);
	}
	if (rc < 0) {
		const char *why = error != NULL ? error : strerror(-rc);
		cs_log(LOG_ERR, "Cannot reload %s: %s; fix it and reload again", path, why);
		cs_map_set_string(live, "config.reload_error_message", why);
	} else if (deferred > 0) {
		cs_log(LOG_NOTICE,
		       "Reloaded %s; %u totem or nodelist change(s) take effect when "
		       "corosync restarts",
		       path, deferred);
	} else {
		cs_log(LOG_NOTICE, "Reloaded %s", path);
	}
	cs_map_set_u8(live, "config.reload_in_progress", 0);
	cs_map_free(fresh);
	free(error);
	return rc;
}
