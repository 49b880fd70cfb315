/*
 * The Stonith object: made by type name, handed to its plugin for every
 * request. The checks common to every plugin (configured first, valid
 * operation, lower-case node names) live here so plugins need not repeat them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_internal.h"

ST_EXPORT Stonith *stonith_new(const char *type)
{
	Stonith *s;
	int rc;

	if (type == NULL || *type == '\0') {
		errno = EINVAL;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL || (s->type = strdup(type)) == NULL) {
		free(s);
		errno = ENOMEM;
		return NULL;
	}
	rc = st_load(s, type);
	if (rc < 0) {
		free(s->type);
		free(s);
		errno = -rc;
		return NULL;
	}
	return s;
}

ST_EXPORT void stonith_delete(Stonith *s)
{
	if (s == NULL) {
		return;
	}
	st_unload(s);
	free(s->config_error);
	free(s->type);
	free(s);
}

ST_EXPORT const char *stonith_type(const Stonith *s)
{
	return s ? s->type : NULL;
}

ST_EXPORT void stonith_set_log(Stonith *s, stonith_log_fn fn, void *arg)
{
	if (s != NULL) {
		s->log = fn;
		s->log_arg = arg;
	}
}

ST_EXPORT void stonith_log(Stonith *s, int priority, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	if (s == NULL || s->log == NULL) {
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		s->log(priority, msg, s->log_arg);
		free(msg);
	}
}

ST_EXPORT const char *const *stonith_get_confignames(Stonith *s)
{
	return s ? s->ops->get_confignames(s->dev) : NULL;
}

ST_EXPORT const char *stonith_get_info(Stonith *s, int infotype)
{
	return s ? s->ops->get_info(s->dev, infotype) : NULL;
}

/* Requests below need a configured device: the plugins rely on it. */
static int st_check_configured(const Stonith *s)
{
	if (s == NULL) {
		return S_INVAL;
	}
	return s->configured ? S_OK : S_OOPS;
}

ST_EXPORT int stonith_get_status(Stonith *s)
{
	int rc = st_check_configured(s);

	return rc == S_OK ? s->ops->get_status(s->dev) : rc;
}

ST_EXPORT char **stonith_get_hostlist(Stonith *s)
{
	if (st_check_configured(s) != S_OK) {
		errno = EINVAL;
		return NULL;
	}
	return s->ops->get_hostlist(s->dev);
}

static bool st_valid_operation(int operation)
{
	return operation == ST_GENERIC_RESET || operation == ST_POWERON || operation == ST_POWEROFF;
}

ST_EXPORT int stonith_req_reset(Stonith *s, int operation, const char *node)
{
	char *lower;
	int rc = st_check_configured(s);

	if (rc != S_OK) {
		return rc;
	}
	if (!st_valid_operation(operation) || node == NULL || *node == '\0') {
		return S_INVAL;
	}
	/* Host names compare without case, as DNS names do. */
	lower = strdup(node);
	if (lower == NULL) {
		return S_OOPS;
	}
	for (char *p = lower; *p; p++) {
		*p = (char)tolower((unsigned char)*p);
	}
	rc = s->ops->req_reset(s->dev, operation, lower);
	free(lower);
	return rc;
}
