/*
 * Logging for the pacemaker daemons and tools, on libqb's qb_log.
 *
 * Daemons log to PCMK_LOG_FILE, syslog and (when asked) stderr:
 *   Nov 21 22:50:01.123 node1 crmd                [1234] (do_state_transition) 	notice: ...
 * Tools log to stderr only, from the level their -V count asks for:
 *   (unpack_resources) 	error: Resource start-up disabled ...
 * The PCMK_logfile, PCMK_logfacility, PCMK_logpriority, PCMK_debug and
 * PCMK_stderr environment variables (as in /etc/sysconfig/pacemaker)
 * adjust daemon logging.
 */
#ifndef PCMK_COMMON_LOG_H
#define PCMK_COMMON_LOG_H

#include <stdbool.h>
#include <syslog.h>
#include <qb/qblog.h>

struct pcmk_log_options {
	char logfile[1024];  /* "" = no log file */
	int syslog_facility; /* -1 = no syslog */
	int syslog_priority; /* threshold for syslog */
	bool to_stderr;
	int level; /* threshold for file and stderr */
};

/* Daemon defaults for @daemon, adjusted by the PCMK_* environment. */
void pcmk_log_options_from_env(struct pcmk_log_options *opts, const char *daemon);

/* Start logging for daemon @daemon with @opts.  Returns 0, or -errno when
 * the log file cannot be opened (the other targets are used then, and the
 * failure is logged). */
int pcmk_log_init(const char *daemon, const struct pcmk_log_options *opts);

/* Start logging for command-line tool @name: stderr only, messages at or
 * above @level (a tool maps its -V count onto it). */
void pcmk_log_init_tool(const char *name, int level);

/* Raise or lower the file/stderr threshold at run time (SIGUSR1/SIGUSR2). */
void pcmk_log_set_level(int level);
int pcmk_log_level(void);

/* Reopen the log file after rotation.  Returns 0 or -errno. */
int pcmk_log_reopen(void);

/* Flush and close every target.  Safe to call when not open. */
void pcmk_log_fini(void);

#define pcmk_crit(fmt, ...) qb_log(LOG_CRIT, fmt, ##__VA_ARGS__)
#define pcmk_err(fmt, ...) qb_log(LOG_ERR, fmt, ##__VA_ARGS__)
#define pcmk_warn(fmt, ...) qb_log(LOG_WARNING, fmt, ##__VA_ARGS__)
#define pcmk_notice(fmt, ...) qb_log(LOG_NOTICE, fmt, ##__VA_ARGS__)
#define pcmk_info(fmt, ...) qb_log(LOG_INFO, fmt, ##__VA_ARGS__)
#define pcmk_debug(fmt, ...) qb_log(LOG_DEBUG, fmt, ##__VA_ARGS__)
#define pcmk_trace(fmt, ...) qb_log(LOG_TRACE, fmt, ##__VA_ARGS__)

#endif /* PCMK_COMMON_LOG_H */
