/*
 * The numbered backups of the CIB store, as pacemaker keeps them:
 * cib-N.raw (+ .sig) are hard links to former cib.xml files, cib.last
 * holds the number the next backup takes, and numbers wrap at the
 * maximum so that at most that many backups exist.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cib_store_private.h"

int cib_store_max_backups(const struct cib_store_options *opts)
{
	return opts->max_backups < 0 ? CIB_STORE_BACKUPS_DEFAULT : opts->max_backups;
}

/* The number in cib.last; 0 when missing or not a number (as pacemaker). */
static int next_number(const char *dir)
{
	char path[PATH_MAX], buf[32];
	char *end;
	long n;

	if (cib_store_path(path, dir, "cib.last") < 0 ||
	    cib_store_read_small(path, buf, sizeof(buf)) < 0) {
		return 0;
	}
	n = strtol(buf, &end, 10);
	return *end == '\0' && n >= 0 && n < INT_MAX ? (int)n : 0;
}

static int write_next_number(const struct cib_store_options *opts, int n)
{
	struct cib_store_temp temp;
	char text[32];
	int len = snprintf(text, sizeof(text), "%d", n); /* no newline, as pacemaker */
	int rc = cib_store_temp_write(opts, text, (size_t)len, &temp);

	rc = rc ?: cib_store_temp_commit(&temp, opts->dir, "cib.last");
	cib_store_temp_discard(&temp);
	return rc;
}

static int backup_names(const char *dir, int n, char raw[PATH_MAX], char sig[PATH_MAX])
{
	char name[64];

	snprintf(name, sizeof(name), "cib-%d.raw", n);
	if (cib_store_path(raw, dir, name) < 0) {
		return -ENAMETOOLONG;
	}
	snprintf(name, sizeof(name), "cib-%d.raw.sig", n);
	return cib_store_path(sig, dir, name);
}

/* Link @from to @to, replacing @to; a missing @from is no error when
 * @optional (a CIB without .sig). */
static int link_over(const char *from, const char *to, bool optional)
{
	if (unlink(to) < 0 && errno != ENOENT) {
		return -errno;
	}
	if (link(from, to) < 0 && !(optional && errno == ENOENT)) {
		return -errno;
	}
	return 0;
}

/* @name is "cib-N.raw": store N. */
static bool backup_number(const char *name, int *n)
{
	int end = 0;

	return sscanf(name, "cib-%d.raw%n", n, &end) == 1 && name[end] == '\0' && *n >= 0;
}

/* Backups numbered at or above @max (left by a larger maximum) go. */
static void prune(const char *dir, int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		char raw[PATH_MAX], sig[PATH_MAX];
		int n;

		if (backup_number(e->d_name, &n) && n >= max &&
		    backup_names(dir, n, raw, sig) == 0) {
			unlink(raw);
			unlink(sig);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
}

int cib_store_backup_current(const struct cib_store_options *opts)
{
	int max = cib_store_max_backups(opts);
	char cib[PATH_MAX], cib_sig[PATH_MAX], raw[PATH_MAX], sig[PATH_MAX];
	int n = next_number(opts->dir);
	int rc;

	if (max == 0) {
		return 0;
	}
	n = n >= max ? 0 : n;
	rc = cib_store_path(cib, opts->dir, "cib.xml");
	rc = rc ?: cib_store_path(cib_sig, opts->dir, "cib.xml.sig");
	rc = rc ?: backup_names(opts->dir, n, raw, sig);
	if (rc < 0 || access(cib, F_OK) < 0) {
		return rc; /* nothing to back up yet */
	}
	rc = link_over(cib, raw, false);
	rc = rc ?: link_over(cib_sig, sig, true);
	rc = rc ?: write_next_number(opts, n + 1 >= max ? 0 : n + 1);
	if (rc == 0) {
		prune(opts->dir, max);
	}
	return rc;
}

struct ranked {
	int number;
	int age; /* 0 = the newest */
};

static int by_age(const void *a, const void *b)
{
	return ((const struct ranked *)a)->age - ((const struct ranked *)b)->age;
}

static int collect(const char *dir, struct ranked **out, int *highest)
{
	DIR *d = opendir(dir);
	struct ranked *list = NULL;
	struct dirent *e;
	int count = 0;

	if (d == NULL) {
		return -errno;
	}
	while ((e = readdir(d)) != NULL) {
		struct ranked *bigger;
		int n;

		if (!backup_number(e->d_name, &n)) {
			continue;
		}
		bigger = realloc(list, (size_t)(count + 1) * sizeof(*list));
		if (bigger == NULL) {
			free(list);
			closedir(d);
			return -ENOMEM;
		}
		list = bigger;
		list[count++].number = n;
		*highest = n > *highest ? n : *highest;
	}
	closedir(d);
	*out = list;
	return count;
}

/* The newest backup is the one just below cib.last; numbers wrap at the
 * maximum, so age counts backwards from there modulo the wrap. */
int cib_store_backups_newest_first(const struct cib_store_options *opts, int **numbers)
{
	struct ranked *list = NULL;
	int highest = -1, next = next_number(opts->dir);
	int count = collect(opts->dir, &list, &highest);
	int wrap = cib_store_max_backups(opts);

	*numbers = NULL;
	if (count <= 0) {
		return count;
	}
	wrap = wrap > highest ? wrap : highest + 1;
	wrap = wrap > next ? wrap : next + 1;
	for (int i = 0; i < count; i++) {
		list[i].age = ((next - 1 - list[i].number) % wrap + wrap) % wrap;
	}
	qsort(list, (size_t)count, sizeof(*list), by_age);
	*numbers = malloc((size_t)count * sizeof(**numbers));
	for (int i = 0; *numbers != NULL && i < count; i++) {
		(*numbers)[i] = list[i].number;
	}
	free(list);
	return *numbers != NULL ? count : -ENOMEM;
}
