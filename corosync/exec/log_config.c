/*
 * logging {} from the configuration map.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log_config.h"

static int text(const struct cs_map *map, const char *key, char **out)
{
	*out = NULL;
	return cs_map_get_string(map, key, out);
}

static int fail(char **error, const char *key, const char *value, const char *expected)
{
	if (asprintf(error, "%s: '%s' is not %s", key, value, expected) < 0) {
		*error = NULL;
	}
	return -EINVAL;
}

static int yes_no(const struct cs_map *map, const char *key, bool *out, char **error)
{
	char *v;
	int rc = 0;

	if (text(map, key, &v) < 0) {
		return 0;
	}
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "on") == 0) {
		*out = true;
	} else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "off") == 0) {
		*out = false;
	} else {
		rc = fail(error, key, v, "yes or no");
	}
	free(v);
	return rc;
}

static int debug_level(const char *key, const char *v, enum cs_log_debug *out, char **error)
{
	if (strcasecmp(v, "on") == 0 || strcasecmp(v, "yes") == 0) {
		*out = CS_LOG_DEBUG_ON;
	} else if (strcasecmp(v, "trace") == 0) {
		*out = CS_LOG_DEBUG_TRACE;
	} else if (strcasecmp(v, "off") == 0 || strcasecmp(v, "no") == 0) {
		*out = CS_LOG_DEBUG_OFF;
	} else {
		return fail(error, key, v, "on, off or trace");
	}
	return 0;
}

static int named(const struct cs_map *map, const char *key, int (*lookup)(const char *), int *out,
		 const char *what, char **error)
{
	char *v;
	int rc = 0;

	if (text(map, key, &v) < 0) {
		return 0;
	}
	int value = lookup(v);
	if (value < 0) {
		rc = fail(error, key, v, what);
	} else {
		*out = value;
	}
	free(v);
	return rc;
}

static int timestamp(const struct cs_map *map, struct cs_log_settings *s, char **error)
{
	char *v;
	int rc = 0;

	if (text(map, "logging.timestamp", &v) < 0) {
		return 0;
	}
	if (strcasecmp(v, "on") == 0) {
		s->timestamp = CS_LOG_TIMESTAMP_ON;
	} else if (strcasecmp(v, "hires") == 0) {
		s->timestamp = CS_LOG_TIMESTAMP_HIRES;
	} else if (strcasecmp(v, "off") == 0) {
		s->timestamp = CS_LOG_TIMESTAMP_OFF;
	} else {
		rc = fail(error, "logging.timestamp", v, "on, off or hires");
	}
	free(v);
	return rc;
}

/* logging.logger_subsys.<SUBSYS>.debug */
static int subsystems(const struct cs_map *map, struct cs_log_settings *s, char **error)
{
	struct cs_map_iter *it;
	const char *key;
	int rc = 0;

	if (cs_map_iter_new(map, "logging.logger_subsys.", &it) < 0) {
		return 0;
	}
	while (rc == 0 && (key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		char name[64];
		char *v;
		if (sscanf(key, "logging.logger_subsys.%63[^.].debug", name) != 1 ||
		    text(map, key, &v) < 0) {
			continue;
		}
		int subsys = cs_log_subsys_from_name(name);
		if (subsys >= 0) {
			rc = debug_level(key, v, &s->subsys_debug[subsys], error);
		}
		free(v);
	}
	cs_map_iter_free(it);
	return rc;
}

int cs_log_config_read(const struct cs_map *map, struct cs_log_settings *s, char **error)
{
	char *v;
	int rc;

	*error = NULL;
	cs_log_settings_init(s);
	if ((rc = yes_no(map, "logging.to_logfile", &s->to_logfile, error)) < 0 ||
	    (rc = yes_no(map, "logging.to_syslog", &s->to_syslog, error)) < 0 ||
	    (rc = yes_no(map, "logging.to_stderr", &s->to_stderr, error)) < 0 ||
	    (rc = yes_no(map, "logging.fileline", &s->fileline, error)) < 0 ||
	    (rc = yes_no(map, "logging.function_name", &s->function_name, error)) < 0 ||
	    (rc = named(map, "logging.syslog_facility", cs_log_facility_from_name,
			&s->syslog_facility, "a syslog facility", error)) < 0 ||
	    (rc = named(map, "logging.syslog_priority", cs_log_priority_from_name,
			&s->syslog_priority, "a syslog priority", error)) < 0 ||
	    (rc = named(map, "logging.logfile_priority", cs_log_priority_from_name,
			&s->logfile_priority, "a syslog priority", error)) < 0 ||
	    (rc = timestamp(map, s, error)) < 0) {
		return rc;
	}
	if (text(map, "logging.logfile", &v) == 0) {
		snprintf(s->logfile, sizeof(s->logfile), "%s", v);
		free(v);
	}
	if (text(map, "logging.debug", &v) == 0) {
		rc = debug_level("logging.debug", v, &s->debug, error);
		free(v);
		if (rc < 0) {
			return rc;
		}
	}
	return subsystems(map, s, error);
}
