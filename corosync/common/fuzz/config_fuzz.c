/*
 * libFuzzer target for the corosync.conf parser; the input is the text of
 * a configuration file.  Besides not crashing or leaking, the parser must
 * keep its promises: an error comes with a message and changes nothing,
 * every stored key is a valid key, and parsing accepted text again into
 * the same maps changes nothing (no tracker hears of it).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cs_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore_warning(const char *message, void *data)
{
	(void)message;
	(void)data;
}

static void count_change(struct cs_map *map, const char *key, int event,
			 const struct cs_map_value *new_value, const struct cs_map_value *old_value,
			 void *data)
{
	(*(unsigned *)data)++;
}

static unsigned check_keys(const struct cs_map *map)
{
	struct cs_map_iter *iter;
	const char *key;
	unsigned n = 0;

	if (cs_map_iter_new(map, NULL, &iter) != 0) {
		abort();
	}
	while ((key = cs_map_iter_next(iter, NULL, NULL)) != NULL) {
		if (!cs_map_key_valid(key)) {
			abort();
		}
		n++;
	}
	cs_map_iter_free(iter);
	return n;
}

static void parse_twice(const char *text, size_t size, struct cs_map *map, struct cs_map *lines)
{
	const int all =
		CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE;
	unsigned changes = 0;
	unsigned keys = check_keys(map);
	char *error = NULL;
	int rc;

	check_keys(lines);
	if (cs_map_track_add(map, "", all, count_change, &changes, NULL) != 0) {
		abort();
	}
	rc = cs_config_parse_buffer("fuzz.conf", text, size, map, lines, &error, ignore_warning,
				    NULL);
	if (rc == -ENOMEM) {
		free(error);
		return;
	}
	if (rc != 0 || error != NULL || changes != 0 || check_keys(map) != keys) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct cs_map *map = cs_map_new();
	struct cs_map *lines = cs_map_new();
	char *error = NULL;
	int rc;

	if (map == NULL || lines == NULL) {
		abort();
	}
	rc = cs_config_parse_buffer("fuzz.conf", text, size, map, lines, &error, ignore_warning,
				    NULL);
	if (rc == -EINVAL) {
		/* a message naming the file, and nothing stored */
		if (error == NULL || strncmp(error, "fuzz.conf:", 10) != 0 ||
		    check_keys(map) != 0 || check_keys(lines) != 0) {
			abort();
		}
	} else if (rc == 0) {
		if (error != NULL) {
			abort();
		}
		parse_twice(text, size, map, lines);
	} else if (rc != -ENOMEM) {
		abort();
	}
	free(error);
	cs_map_free(map);
	cs_map_free(lines);
	return 0;
}
