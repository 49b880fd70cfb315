/*
 * Configuring a device: from name/value pairs, from a string of values in
 * config-name order (the stonith command's -p), from the first line of a file
 * (-F), or from the environment (-E). Every form ends in the plugin's
 * set_config() with a pair list.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_internal.h"

ST_EXPORT const char *stonith_nv_get(const StonithNVpair *list, const char *name)
{
	for (; list != NULL && list->s_name != NULL; list++) {
		if (strcmp(list->s_name, name) == 0) {
			return list->s_value;
		}
	}
	return NULL;
}

ST_EXPORT void stonith_set_config_error(Stonith *s, const char *name)
{
	free(s->config_error);
	s->config_error = name ? strdup(name) : NULL;
}

ST_EXPORT const char *stonith_config_error(const Stonith *s)
{
	return s ? s->config_error : NULL;
}

ST_EXPORT int stonith_require_values(Stonith *s, const char *const *names,
				     const StonithNVpair *list)
{
	for (; names != NULL && *names != NULL; names++) {
		if (stonith_nv_get(list, *names) == NULL) {
			stonith_set_config_error(s, *names);
			return S_INVAL;
		}
	}
	return S_OK;
}

ST_EXPORT int stonith_set_config(Stonith *s, const StonithNVpair *list)
{
	int rc;

	if (s == NULL || list == NULL) {
		return S_INVAL;
	}
	stonith_set_config_error(s, NULL);
	rc = s->ops->set_config(s->dev, list);
	s->configured = (rc == S_OK);
	return rc;
}

ST_EXPORT void stonith_free_NVpair(StonithNVpair *list)
{
	if (list == NULL) {
		return;
	}
	for (StonithNVpair *p = list; p->s_name != NULL; p++) {
		free(p->s_name);
		free(p->s_value);
	}
	free(list);
}

/* A list of N pairs with every name set from NAMES and no value yet. */
static StonithNVpair *st_pairs_new(const char *const *names, size_t n)
{
	StonithNVpair *list = calloc(n + 1, sizeof(*list));

	for (size_t i = 0; list != NULL && i < n; i++) {
		list[i].s_name = strdup(names[i]);
		if (list[i].s_name == NULL) {
			stonith_free_NVpair(list);
			return NULL;
		}
	}
	return list;
}

static size_t st_count(const char *const *names)
{
	size_t n = 0;

	while (names[n] != NULL) {
		n++;
	}
	return n;
}

/* The next white-space separated word of *TEXT (allocated), or the whole
 * rest of it when LAST. NULL when there is none. */
static char *st_next_value(const char **text, bool last)
{
	const char *p = *text, *end;

	while (isspace((unsigned char)*p)) {
		p++;
	}
	if (*p == '\0') {
		return NULL;
	}
	end = p + (last ? strlen(p) : strcspn(p, " \t\r\n\f\v"));
	*text = end;
	if (last) {
		while (end > p && isspace((unsigned char)end[-1])) {
			end--;
		}
	}
	return strndup(p, (size_t)(end - p));
}

ST_EXPORT int stonith_set_config_info(Stonith *s, const char *info)
{
	const char *const *names = stonith_get_confignames(s);
	StonithNVpair *list;
	size_t n;
	int rc = S_OK;

	if (names == NULL || info == NULL) {
		return S_INVAL;
	}
	n = st_count(names);
	list = st_pairs_new(names, n);
	if (list == NULL) {
		return S_OOPS;
	}
	for (size_t i = 0; i < n && rc == S_OK; i++) {
		list[i].s_value = st_next_value(&info, i + 1 == n);
		if (list[i].s_value == NULL) {
			stonith_set_config_error(s, names[i]);
			rc = S_INVAL;
		}
	}
	/* A device without parameters has nothing a value could go to. */
	if (n == 0) {
		rc = S_INVAL;
	}
	rc = rc == S_OK ? stonith_set_config(s, list) : rc;
	stonith_free_NVpair(list);
	return rc;
}

/* The first line of F that is neither blank nor a # comment (allocated). */
static char *st_first_config_line(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, f) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] != '#' && line[strspn(line, " \t")] != '\0') {
			return line;
		}
	}
	free(line);
	return NULL;
}

ST_EXPORT int stonith_set_config_file(Stonith *s, const char *file)
{
	FILE *f;
	char *line;
	int rc;

	if (s == NULL || file == NULL) {
		return S_INVAL;
	}
	f = fopen(file, "r");
	if (f == NULL) {
		return S_BADCONFIG;
	}
	line = st_first_config_line(f);
	fclose(f);
	if (line == NULL) {
		return S_BADCONFIG;
	}
	rc = stonith_set_config_info(s, line);
	free(line);
	return rc;
}

ST_EXPORT StonithNVpair *stonith_env_to_NVpair(Stonith *s)
{
	const char *const *names = stonith_get_confignames(s);
	StonithNVpair *list;
	size_t n;

	if (names == NULL) {
		return NULL;
	}
	n = st_count(names);
	list = st_pairs_new(names, n);
	for (size_t i = 0; list != NULL && i < n; i++) {
		const char *value = getenv(names[i]);

		list[i].s_value = value ? strdup(value) : NULL;
		if (list[i].s_value == NULL) {
			stonith_set_config_error(s, names[i]);
			errno = value ? ENOMEM : ENOENT;
			stonith_free_NVpair(list);
			return NULL;
		}
	}
	return list;
}
