/*
 * Logging for pacemaker daemons and tools: qb_log targets set up in the
 * line format of pacemaker.log, thresholds from the PCMK_* environment.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/utsname.h>

#include <crm/common/log.h>

static struct {
	bool open;
	int32_t file_target;
	int level;
	char logfile[1024];
} pcmk_logger = { .file_target = -1, .level = LOG_NOTICE };

struct named_level {
	const char *name;
	int value;
};

static const struct named_level facilities[] = {
	{ "daemon", LOG_DAEMON },
	{ "user", LOG_USER },
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

static const struct named_level priorities[] = {
	{ "crit", LOG_CRIT },     { "err", LOG_ERR },
	{ "error", LOG_ERR },     { "warning", LOG_WARNING },
	{ "notice", LOG_NOTICE }, { "info", LOG_INFO },
	{ "debug", LOG_DEBUG },   { NULL, 0 },
};

static int lookup(const struct named_level *table, const char *name, int fallback)
{
	for (; table->name != NULL; table++) {
		if (strcasecmp(table->name, name) == 0) {
			return table->value;
		}
	}
	return fallback;
}

static bool env_is_true(const char *value)
{
	return value != NULL && (strcasecmp(value, "yes") == 0 || strcasecmp(value, "true") == 0 ||
				 strcasecmp(value, "on") == 0 || strcmp(value, "1") == 0);
}

/* PCMK_debug is yes/no or a comma-separated list of daemon names. */
static bool debug_wanted(const char *setting, const char *daemon)
{
	if (setting == NULL) {
		return false;
	}
	if (env_is_true(setting)) {
		return true;
	}
	size_t len = strlen(daemon);
	for (const char *p = setting; *p != '\0';) {
		size_t n = strcspn(p, ", ");
		if (n == len && strncmp(p, daemon, len) == 0) {
			return true;
		}
		p += n;
		p += strspn(p, ", ");
	}
	return false;
}

void pcmk_log_options_from_env(struct pcmk_log_options *opts, const char *daemon)
{
	const char *file = getenv("PCMK_logfile");
	const char *facility = getenv("PCMK_logfacility");
	const char *priority = getenv("PCMK_logpriority");

	memset(opts, 0, sizeof(*opts));
	if (file == NULL) {
		file = PCMK_LOG_FILE;
	} else if (strcasecmp(file, "none") == 0) {
		file = "";
	}
	snprintf(opts->logfile, sizeof(opts->logfile), "%s", file);
	opts->syslog_facility = LOG_DAEMON;
	if (facility != NULL) {
		opts->syslog_facility = lookup(facilities, facility, -1);
	}
	opts->syslog_priority = lookup(priorities, priority ? priority : "", LOG_NOTICE);
	opts->to_stderr = env_is_true(getenv("PCMK_stderr"));
	opts->level = debug_wanted(getenv("PCMK_debug"), daemon) ? LOG_DEBUG : LOG_INFO;
}

/* "(%n) %g\t%p: %b", preceded in the file by time, node, daemon and pid. */
static void set_formats(const char *daemon)
{
	struct utsname uts;
	char fmt[256];

	if (uname(&uts) < 0) {
		snprintf(uts.nodename, sizeof(uts.nodename), "localhost");
	}
	qb_log_format_set(QB_LOG_SYSLOG, "%g %p: %b");
	qb_log_format_set(QB_LOG_STDERR, "(%n) %g\t%p: %b");
	if (pcmk_logger.file_target >= 0) {
		snprintf(fmt, sizeof(fmt), "%%T %s %-20s[%lu] (%%n) %%g\t%%p: %%b", uts.nodename,
			 daemon, (unsigned long)getpid());
		qb_log_format_set(pcmk_logger.file_target, fmt);
	}
}

/* Send every message at or above @level to @target, nothing else. */
static void set_threshold(int32_t target, int level)
{
	/* qb_log_fini() frees the filters of enabled targets only */
	if (qb_log_ctl(target, QB_LOG_CONF_STATE_GET, 0) != QB_LOG_STATE_ENABLED) {
		return;
	}
	qb_log_filter_ctl(target, QB_LOG_FILTER_CLEAR_ALL, QB_LOG_FILTER_FILE, "*", LOG_TRACE);
	qb_log_filter_ctl(target, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", level);
}

static int open_file(const char *path)
{
	int32_t t = qb_log_file_open(path);

	if (t < 0) {
		return t;
	}
	qb_log_ctl(t, QB_LOG_CONF_ENABLED, QB_TRUE);
	pcmk_logger.file_target = t;
	snprintf(pcmk_logger.logfile, sizeof(pcmk_logger.logfile), "%s", path);
	return 0;
}

int pcmk_log_init(const char *daemon, const struct pcmk_log_options *opts)
{
	int rc = 0;

	pcmk_log_fini();
	qb_log_init(daemon, opts->syslog_facility < 0 ? LOG_DAEMON : opts->syslog_facility,
		    opts->syslog_priority);
	pcmk_logger.open = true;
	pcmk_logger.level = opts->level;
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, opts->syslog_facility >= 0);
	set_threshold(QB_LOG_SYSLOG, opts->syslog_priority);
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, opts->to_stderr);
	set_threshold(QB_LOG_STDERR, opts->level);
	if (opts->logfile[0] != '\0') {
		rc = open_file(opts->logfile);
		if (rc == 0) {
			set_threshold(pcmk_logger.file_target, opts->level);
		}
	}
	set_formats(daemon);
	if (rc < 0) {
		pcmk_err("Cannot log to %s: %s; logging to syslog/stderr only", opts->logfile,
			 strerror(-rc));
	}
	return rc;
}

void pcmk_log_init_tool(const char *name, int level)
{
	pcmk_log_fini();
	qb_log_init(name, LOG_DAEMON, LOG_ERR);
	pcmk_logger.open = true;
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
	qb_log_format_set(QB_LOG_STDERR, "(%n) %g\t%p: %b");
	pcmk_log_set_level(level);
}

void pcmk_log_set_level(int level)
{
	if (level < LOG_CRIT) {
		level = LOG_CRIT;
	} else if (level > LOG_TRACE) {
		level = LOG_TRACE;
	}
	pcmk_logger.level = level;
	set_threshold(QB_LOG_STDERR, level);
	if (pcmk_logger.file_target >= 0) {
		set_threshold(pcmk_logger.file_target, level);
	}
}

int pcmk_log_level(void)
{
	return pcmk_logger.level;
}

int pcmk_log_reopen(void)
{
	if (pcmk_logger.file_target < 0) {
		return 0;
	}
	int32_t rc = qb_log_file_reopen(pcmk_logger.file_target, pcmk_logger.logfile);
	return rc < 0 ? rc : 0;
}

void pcmk_log_fini(void)
{
	if (!pcmk_logger.open) {
		return;
	}
	qb_log_fini();
	pcmk_logger.open = false;
	pcmk_logger.file_target = -1;
}
