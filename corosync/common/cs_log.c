/*
 * Logging for the corosync daemon and tools: routes qb_log call sites to
 * the file, syslog and stderr targets by priority and subsystem, the way
 * the logging {} section of corosync.conf describes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cs_log.h"

/* qb's trace level sits one below debug. */
#define CS_LOG_TRACE (LOG_DEBUG + 1)

static const char *const subsys_names[CS_SUBSYS_COUNT] = {
	[CS_SUBSYS_QB] = "QB",     [CS_SUBSYS_MAIN] = "MAIN",     [CS_SUBSYS_TOTEM] = "TOTEM",
	[CS_SUBSYS_SERV] = "SERV", [CS_SUBSYS_QUORUM] = "QUORUM", [CS_SUBSYS_VOTEQ] = "VOTEQ",
	[CS_SUBSYS_CPG] = "CPG",   [CS_SUBSYS_CMAP] = "CMAP",     [CS_SUBSYS_CFG] = "CFG",
	[CS_SUBSYS_SYNC] = "SYNC", [CS_SUBSYS_CRYPTO] = "CRYPTO", [CS_SUBSYS_TOOL] = "TOOL",
};

struct named_value {
	const char *name;
	int value;
};

static const struct named_value priorities[] = {
	{ "emerg", LOG_EMERG },
	{ "alert", LOG_ALERT },
	{ "crit", LOG_CRIT },
	{ "err", LOG_ERR },
	{ "error", LOG_ERR },
	{ "warning", LOG_WARNING },
	{ "notice", LOG_NOTICE },
	{ "info", LOG_INFO },
	{ "debug", LOG_DEBUG },
	{ "trace", CS_LOG_TRACE },
	{ NULL, 0 },
};

static const struct named_value facilities[] = {
	{ "daemon", LOG_DAEMON },
	{ "user", LOG_USER },
	{ "auth", LOG_AUTH },
	{ "syslog", LOG_SYSLOG },
	{ "local0", LOG_LOCAL0 },
	{ "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 },
	{ "local4", LOG_LOCAL4 },
	{ "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 },
	{ "local7", LOG_LOCAL7 },
	{ NULL, 0 },
};

static struct {
	bool open;
	bool configured;     /* cs_log_apply() has been called */
	int32_t file_target; /* qb target of the log file, or -1 */
	struct cs_log_settings settings;
} cs_logger = { .file_target = -1 };

static int lookup(const struct named_value *table, const char *name)
{
	for (; table->name != NULL; table++) {
		if (strcasecmp(table->name, name) == 0) {
			return table->value;
		}
	}
	return -EINVAL;
}

int cs_log_priority_from_name(const char *name)
{
	return lookup(priorities, name);
}

int cs_log_facility_from_name(const char *name)
{
	return lookup(facilities, name);
}

int cs_log_subsys_from_name(const char *name)
{
	for (int i = 0; i < CS_SUBSYS_COUNT; i++) {
		if (strcasecmp(subsys_names[i], name) == 0) {
			return i;
		}
	}
	return -ENOENT;
}

const char *cs_log_subsys_name(enum cs_subsys subsys)
{
	if ((unsigned)subsys >= CS_SUBSYS_COUNT) {
		return "?";
	}
	return subsys_names[subsys];
}

void cs_log_settings_init(struct cs_log_settings *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->logfile, sizeof(s->logfile), "%s", COROSYNC_LOG_FILE);
	/* where admins of these clusters look first, configured or not */
	s->to_logfile = true;
	s->to_syslog = true;
	s->syslog_facility = LOG_DAEMON;
	s->syslog_priority = LOG_INFO;
	s->logfile_priority = LOG_INFO;
	s->timestamp = CS_LOG_TIMESTAMP_HIRES;
}

/* Messages from libqb itself carry its own tag bit, not one of ours. */
static enum cs_subsys subsys_of_tags(uint32_t tags)
{
	if ((tags & QB_LOG_TAG_LIBQB_MSG) || tags >= CS_SUBSYS_COUNT) {
		return CS_SUBSYS_QB;
	}
	return (enum cs_subsys)tags;
}

static const char *tags_to_name(uint32_t tags)
{
	return subsys_names[subsys_of_tags(tags)];
}

static enum cs_log_debug debug_of(enum cs_subsys subsys)
{
	const struct cs_log_settings *s = &cs_logger.settings;

	return s->subsys_debug[subsys] > s->debug ? s->subsys_debug[subsys] : s->debug;
}

/* debug: on/trace opens every target of the subsystem to that level. */
static int threshold(int configured, enum cs_log_debug debug)
{
	switch (debug) {
	case CS_LOG_DEBUG_TRACE:
		return CS_LOG_TRACE;
	case CS_LOG_DEBUG_ON:
		return configured > LOG_DEBUG ? configured : LOG_DEBUG;
	default:
		return configured;
	}
}

static void route_callsite(struct qb_log_callsite *cs)
{
	const struct cs_log_settings *s = &cs_logger.settings;
	enum cs_log_debug debug = debug_of(subsys_of_tags(cs->tags));
	int file_level = threshold(s->logfile_priority, debug);

	cs->targets = 0;
	if (!cs_logger.configured) {
		if (cs->priority <= LOG_INFO) {
			qb_bit_set(cs->targets, QB_LOG_STDERR);
		}
		return;
	}
	if (s->to_stderr && cs->priority <= file_level) {
		qb_bit_set(cs->targets, QB_LOG_STDERR);
	}
	if (cs_logger.file_target >= 0 && cs->priority <= file_level) {
		qb_bit_set(cs->targets, cs_logger.file_target);
	}
	if (s->to_syslog && cs->priority <= threshold(s->syslog_priority, debug)) {
		qb_bit_set(cs->targets, QB_LOG_SYSLOG);
	}
}

/* Build the file/stderr line format: "%T [%P] %H %N %7p [%6g] %b" (in qb's
 * format a plain width pads on the right, as corosync's lines show). */
static void format_lines(const struct cs_log_settings *s)
{
	static const char *const stamps[] = {
		[CS_LOG_TIMESTAMP_OFF] = "",
		[CS_LOG_TIMESTAMP_ON] = "%t ",
		[CS_LOG_TIMESTAMP_HIRES] = "%T ",
	};
	char where[32] = "";
	char fmt[128];

	if (s->function_name && s->fileline) {
		snprintf(where, sizeof(where), "%%n@%%f:%%l ");
	} else if (s->fileline) {
		snprintf(where, sizeof(where), "%%f:%%l ");
	} else if (s->function_name) {
		snprintf(where, sizeof(where), "%%n ");
	}
	snprintf(fmt, sizeof(fmt), "%s[%%P] %%H %%N %%7p [%%6g] %s%%b", stamps[s->timestamp],
		 where);
	if (cs_logger.file_target >= 0) {
		qb_log_format_set(cs_logger.file_target, fmt);
	}
	/* The terminal and syslog add their own time; pid is in syslog's. */
	snprintf(fmt, sizeof(fmt), "%%H %%N %%7p [%%6g] %s%%b", where);
	qb_log_format_set(QB_LOG_STDERR, fmt);
	snprintf(fmt, sizeof(fmt), "[%%6g] %s%%b", where);
	qb_log_format_set(QB_LOG_SYSLOG, fmt);
}

int cs_log_open(const char *ident)
{
	if (cs_logger.open) {
		return 0;
	}
	qb_log_init(ident, LOG_DAEMON, LOG_INFO);
	qb_log_tags_stringify_fn_set(tags_to_name);
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
	cs_log_settings_init(&cs_logger.settings);
	cs_logger.open = true;
	cs_logger.configured = false;
	format_lines(&cs_logger.settings);
	qb_log_filter_fn_set(route_callsite);
	return 0;
}

static int open_file_target(const char *path)
{
	int32_t t;

	if (cs_logger.file_target >= 0) {
		qb_log_file_close(cs_logger.file_target);
		cs_logger.file_target = -1;
	}
	t = qb_log_file_open(path);
	if (t < 0) {
		return t;
	}
	qb_log_ctl(t, QB_LOG_CONF_ENABLED, QB_TRUE);
	qb_log_ctl(t, QB_LOG_CONF_FILE_SYNC, QB_FALSE);
	cs_logger.file_target = t;
	return 0;
}

int cs_log_apply(const struct cs_log_settings *s)
{
	int rc = 0;

	if (!cs_logger.open) {
		return -EINVAL;
	}
	cs_logger.settings = *s;
	cs_logger.configured = true;
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_FACILITY, s->syslog_facility);
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, s->to_syslog);
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, s->to_stderr);
	if (s->to_logfile) {
		rc = open_file_target(s->logfile);
	} else if (cs_logger.file_target >= 0) {
		qb_log_file_close(cs_logger.file_target);
		cs_logger.file_target = -1;
	}
	format_lines(s);
	qb_log_filter_fn_set(route_callsite);
	if (rc < 0) {
		qb_logt(LOG_ERR, CS_SUBSYS_MAIN,
			"Cannot open log file %s: %s (%d); logging to the other targets only",
			s->logfile, strerror(-rc), -rc);
	}
	return rc;
}

int cs_log_reopen(void)
{
	int32_t rc;

	if (cs_logger.file_target < 0) {
		return 0;
	}
	rc = qb_log_file_reopen(cs_logger.file_target, cs_logger.settings.logfile);
	return rc < 0 ? rc : 0;
}

void cs_log_close(void)
{
	if (!cs_logger.open) {
		return;
	}
	qb_log_fini();
	cs_logger.open = false;
	cs_logger.configured = false;
	cs_logger.file_target = -1;
}
