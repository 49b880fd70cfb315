/*
 * /etc/corosync/uidgid.d: files holding uidgid {} sections only, read
 * after corosync.conf, so that packages can grant IPC access without
 * touching the admin's corosync.conf.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cs_config.h"

#define UIDGID_PREFIX "uidgid.config."

/* Files only: no hidden files, no editor backups. */
static int wanted(const struct dirent *e)
{
	size_t len = strlen(e->d_name);

	return e->d_name[0] != '.' && len > 0 && e->d_name[len - 1] != '~';
}

/* Every key of @fresh (read from @path) must come from uidgid {}. */
static int only_uidgid(const char *path, const struct cs_map *fresh, char **error)
{
	struct cs_map_iter *it;
	const char *key;
	int rc = cs_map_iter_new(fresh, NULL, &it);

	while (rc == 0 && (key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		if (strncmp(key, UIDGID_PREFIX, strlen(UIDGID_PREFIX)) != 0) {
			if (error != NULL && asprintf(error,
						      "%s: %s: only uidgid {} sections belong "
						      "in this directory",
						      path, key) < 0) {
				*error = NULL;
			}
			rc = -EINVAL;
		}
	}
	cs_map_iter_free(it);
	return rc;
}

static int read_one(const char *path, struct cs_map *map, char **error, cs_config_warn_fn warn,
		    void *warn_data)
{
	struct cs_map *fresh = cs_map_new();
	int rc = fresh != NULL ? 0 : -ENOMEM;

	if (rc == 0) {
		rc = cs_config_parse_file(path, fresh, NULL, error, warn, warn_data);
	}
	if (rc == 0) {
		rc = only_uidgid(path, fresh, error);
	}
	if (rc == 0) {
		rc = cs_map_copy(map, fresh, UIDGID_PREFIX);
	}
	cs_map_free(fresh);
	return rc;
}

int cs_config_parse_uidgid_dir(const char *dir, struct cs_map *map, char **error,
			       cs_config_warn_fn warn, void *warn_data)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, wanted, alphasort);
	int rc = 0;

	if (error != NULL) {
		*error = NULL;
	}
	if (n < 0) {
		rc = errno == ENOENT ? 0 : -errno;
		if (rc < 0 && error != NULL &&
		    asprintf(error, "cannot read %s: %s", dir, strerror(-rc)) < 0) {
			*error = NULL;
		}
		return rc;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (rc == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			rc = read_one(path, map, error, warn, warn_data);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}
