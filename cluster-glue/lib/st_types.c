/*
 * The list of known types: every stonith2/NAME.so, and external/NAME for
 * every executable NAME in external/ (the scripts the external plugin runs).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st_internal.h"

struct st_names {
	char **v;
	size_t n, cap;
};

static int st_names_add(struct st_names *names, const char *prefix, const char *name, size_t len)
{
	char *entry;

	if (names->n + 1 >= names->cap) {
		size_t cap = names->cap ? names->cap * 2 : 16;
		char **v = realloc(names->v, cap * sizeof(*v));

		if (v == NULL) {
			return -ENOMEM;
		}
		names->v = v;
		names->cap = cap;
	}
	if (asprintf(&entry, "%s%.*s", prefix, (int)len, name) < 0) {
		return -ENOMEM;
	}
	names->v[names->n++] = entry;
	names->v[names->n] = NULL;
	return 0;
}

/* Compiled plugins: stonith2/NAME.so, except the external plugin itself,
 * which is only reachable through its external/NAME types. */
static int st_scan_compiled(struct st_names *names, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		return 0;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 3 && e->d_name[0] != '.' && strcmp(e->d_name + len - 3, ".so") == 0 &&
		    strcmp(e->d_name, "external.so") != 0) {
			rc = st_names_add(names, "", e->d_name, len - 3);
		}
	}
	closedir(d);
	return rc;
}

static bool st_is_executable(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, 0) == 0 && S_ISREG(st.st_mode) &&
	       faccessat(dirfd, name, X_OK, 0) == 0;
}

static int st_scan_external(struct st_names *names, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		return 0;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.' && st_is_executable(dirfd(d), e->d_name)) {
			rc = st_names_add(names, "external/", e->d_name, strlen(e->d_name));
		}
	}
	closedir(d);
	return rc;
}

static int st_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ST_EXPORT char **stonith_types(void)
{
	struct st_names names = { 0 };
	char *compiled = NULL, *external = NULL;
	int rc = -ENOMEM;

	if (asprintf(&compiled, "%s/stonith2", st_plugin_dir()) >= 0 &&
	    asprintf(&external, "%s/external", st_plugin_dir()) >= 0) {
		rc = st_scan_compiled(&names, compiled);
		rc = rc ? rc : st_scan_external(&names, external);
	}
	free(compiled);
	free(external);
	if (rc == 0 && names.v == NULL) {
		names.v = calloc(1, sizeof(char *));
		rc = names.v ? 0 : -ENOMEM;
	}
	if (rc < 0) {
		stonith_free_hostlist(names.v);
		errno = -rc;
		return NULL;
	}
	qsort(names.v, names.n, sizeof(char *), st_cmp);
	return names.v;
}
