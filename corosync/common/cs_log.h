/*
 * Logging for the corosync daemon and its tools, on libqb's qb_log.
 *
 * Lines look like corosync's own:
 *   Nov 21 22:45:51 [12838] node1 corosync notice  [TOTEM ] A new membership ...
 * Each source file names its subsystem once, before including this header:
 *   #define CS_LOG_SUBSYS CS_SUBSYS_TOTEM
 * and then logs with cs_log(LOG_NOTICE, "...").
 */
#ifndef CS_LOG_H
#define CS_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <syslog.h>
#include <qb/qblog.h>

/* Subsystems, printed as the [%-6s] tag.  CS_SUBSYS_QB is what libqb's own
 * messages are shown as. */
enum cs_subsys {
	CS_SUBSYS_QB = 0,
	CS_SUBSYS_MAIN,
	CS_SUBSYS_TOTEM,
	CS_SUBSYS_SERV,
	CS_SUBSYS_QUORUM,
	CS_SUBSYS_VOTEQ,
	CS_SUBSYS_CPG,
	CS_SUBSYS_CMAP,
	CS_SUBSYS_CFG,
	CS_SUBSYS_SYNC,
	CS_SUBSYS_CRYPTO,
	CS_SUBSYS_TOOL,
	CS_SUBSYS_COUNT
};

/* The three verbosity steps of corosync's "debug: off|on|trace". */
enum cs_log_debug { CS_LOG_DEBUG_OFF = 0, CS_LOG_DEBUG_ON, CS_LOG_DEBUG_TRACE };

enum cs_log_timestamp { CS_LOG_TIMESTAMP_OFF = 0, CS_LOG_TIMESTAMP_ON, CS_LOG_TIMESTAMP_HIRES };

/* What the logging {} section of corosync.conf says.  cs_log_settings_init()
 * fills in corosync's defaults. */
struct cs_log_settings {
	bool to_logfile;
	char logfile[1024];
	bool to_syslog;
	int syslog_facility; /* LOG_DAEMON ... */
	int syslog_priority; /* threshold for syslog */
	bool to_stderr;
	int logfile_priority;    /* threshold for the file and stderr */
	enum cs_log_debug debug; /* debug for every subsystem */
	enum cs_log_timestamp timestamp;
	bool fileline;
	bool function_name;
	enum cs_log_debug subsys_debug[CS_SUBSYS_COUNT]; /* logger_subsys {} */
};

/* Fill @s with the defaults: log file COROSYNC_LOG_FILE (on), syslog on at
 * facility daemon, stderr off, priority info, hires timestamps. */
void cs_log_settings_init(struct cs_log_settings *s);

/* Start logging for program @ident ("corosync", "corosync-cmapctl"...).  Until
 * cs_log_apply() is called, messages of priority info and above go to stderr
 * only.  Returns 0. */
int cs_log_open(const char *ident);

/* Switch to the targets and thresholds of @s (at start-up and on reload).
 * Returns 0, or -errno when the log file cannot be opened; the other targets
 * are applied in that case and the failure is logged. */
int cs_log_apply(const struct cs_log_settings *s);

/* Reopen the log file after rotation (corosync-cfgtool's reopen request).
 * Returns 0 or -errno. */
int cs_log_reopen(void);

/* Flush and close every target.  Safe to call when not open. */
void cs_log_close(void);

/* Subsystem of a logger_subsys name such as "QUORUM" (case-insensitive);
 * -ENOENT for an unknown name. */
int cs_log_subsys_from_name(const char *name);

/* Name of @subsys as shown in log lines ("TOTEM"). */
const char *cs_log_subsys_name(enum cs_subsys subsys);

/* syslog priority for a name such as "notice" or "err"; -EINVAL if unknown. */
int cs_log_priority_from_name(const char *name);

/* syslog facility for a name such as "daemon" or "local4"; -EINVAL if unknown. */
int cs_log_facility_from_name(const char *name);

#ifdef CS_LOG_SUBSYS
#define cs_log(priority, fmt, ...) qb_logt(priority, CS_LOG_SUBSYS, fmt, ##__VA_ARGS__)
#endif

#endif /* CS_LOG_H */
