/*
 * corosync: the cluster engine daemon.
 *
 *   corosync [-f] [-t] [-v] [-c FILE]
 *
 * Reads corosync.conf, sets up logging, goes to the background (unless
 * -f) once the engine runs, and stays until SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>
#include <sys/file.h>

#define CS_LOG_SUBSYS CS_SUBSYS_MAIN
#include "../common/cs_config.h"
#include "../common/cs_log.h"
#include "exec.h"
#include "exec_int.h"
#include "log_config.h"
#include "totem_config.h"

/* corosync's exit codes */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,
	EXIT_FORK = 4,
	EXIT_MAINCONFIGREAD = 8,
	EXIT_LOGCONFIGREAD = 9,
	EXIT_SERVICE_ENGINE_INIT = 13,
	EXIT_ALREADY_RUNNING = 18,
	EXIT_FATAL = 20,
};

#define PID_FILE HA_RUNDIR "/corosync.pid"

struct options {
	const char *config_file;
	bool foreground;
	bool test_only;
	bool no_realtime;
};

static void usage(FILE *out)
{
	fprintf(out, "usage:\n"
		     "        -c     : Corosync config file path.\n"
		     "        -f     : Start application in foreground.\n"
		     "        -p     : Do not set realtime scheduling.\n"
		     "        -t     : Test configuration and exit.\n"
		     "        -v     : Display version and exit.\n");
}

/* Returns -1 to go on, or an exit code. */
static int parse_options(int argc, char **argv, struct options *o)
{
	int c;

	o->config_file = getenv("COROSYNC_MAIN_CONFIG_FILE");
	if (o->config_file == NULL) {
		o->config_file = COROSYNC_CONFIG_FILE;
	}
	while ((c = getopt(argc, argv, "c:fprtv")) != -1) {
		switch (c) {
		case 'c':
			o->config_file = optarg;
			break;
		case 'f':
			o->foreground = true;
			break;
		case 't':
			o->test_only = true;
			break;
		case 'p':
			o->no_realtime = true;
			break;
		case 'r':
			break; /* realtime scheduling is the default already */
		case 'v':
			printf("Corosync Cluster Engine, version '%s'\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	return -1;
}

static void config_warning(const char *message, void *data)
{
	cs_log(LOG_WARNING, "%s", message);
	if (data != NULL) {
		fprintf(stderr, "warning: %s\n", message);
	}
}

/* Parse and check corosync.conf.  Returns -1 to go on, or an exit code. */
static int load_config(const struct options *o, struct cs_map *map, struct cs_map *lines)
{
	char *error = NULL;
	struct totem_config *totem;
	struct cs_log_settings log;
	int rc = cs_config_parse_file(o->config_file, map, lines, &error, config_warning,
				      o->test_only ? (void *)1 : NULL);

	if (rc == 0) {
		rc = cs_config_parse_uidgid_dir(COROSYNC_UIDGID_DIR, map, &error, config_warning,
						o->test_only ? (void *)1 : NULL);
	}

	if (rc == 0 && (rc = cs_log_config_read(map, &log, &error)) < 0) {
		fprintf(stderr, "parser error: %s\n", error ? error : "logging {} is invalid");
		free(error);
		return EXIT_LOGCONFIGREAD;
	}
	if (rc == 0) {
		totem = malloc(sizeof(*totem));
		rc = totem == NULL ? -ENOMEM : totem_config_read(map, lines, totem, &error);
		free(totem);
	}
	if (rc < 0) {
		fprintf(stderr, "parser error: %s\n", error ? error : strerror(-rc));
		free(error);
		return EXIT_MAINCONFIGREAD;
	}
	if (!o->test_only && cs_log_apply(&log) < 0) {
		fprintf(stderr, "corosync: cannot open the log file %s; logging elsewhere\n",
			log.logfile);
	}
	return o->test_only ? EXIT_OK : -1;
}

/* The token must move on time even when the node is busy: a late token
 * looks like a failed node to the others.  As corosync does, run with
 * round-robin realtime priority unless told not to. */
static void set_realtime(const struct options *o)
{
	struct sched_param p = { .sched_priority = sched_get_priority_max(SCHED_RR) };

	if (o->no_realtime) {
		return;
	}
	if (p.sched_priority < 0 || sched_setscheduler(0, SCHED_RR, &p) < 0) {
		cs_log(LOG_WARNING, "Could not set SCHED_RR at priority %d: %s", p.sched_priority,
		       strerror(errno));
	}
}

/* One corosync per node: the pid file stays locked while we run. */
static int lock_pid_file(void)
{
	char buf[32];
	int fd = open(PID_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0640);

	if (fd < 0) {
		cs_log(LOG_ERR, "Cannot open %s: %s", PID_FILE, strerror(errno));
		return -errno;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		cs_log(LOG_ERR, "Another Corosync instance is already running.");
		close(fd);
		return -EBUSY;
	}
	snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(fd, 0) < 0 || write(fd, buf, strlen(buf)) < 0) {
		cs_log(LOG_WARNING, "Cannot write %s: %s", PID_FILE, strerror(errno));
	}
	return fd;
}

/* Fork into the background; the parent waits for the child to say that
 * it runs (or why it does not) and exits with that status. */
static int detach(int *report_fd)
{
	int pipefd[2];
	pid_t pid;
	char status = EXIT_FORK;

	if (pipe(pipefd) < 0 || (pid = fork()) < 0) {
		return -errno;
	}
	if (pid > 0) {
		close(pipefd[1]);
		if (read(pipefd[0], &status, 1) != 1) {
			status = EXIT_FATAL;
		}
		_exit(status);
	}
	close(pipefd[0]);
	setsid();
	if (chdir("/") < 0) {
		return -errno;
	}
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO) {
			close(null);
		}
	}
	*report_fd = pipefd[1];
	return 0;
}

static void report(int *fd, char status)
{
	if (*fd >= 0) {
		if (write(*fd, &status, 1) < 0) {
			/* the parent is gone: nobody to tell */
		}
		close(*fd);
		*fd = -1;
	}
}

static int run(const struct options *o, struct cs_map *map, struct cs_map *lines)
{
	int report_fd = -1, pid_fd, rc;

	if (!o->foreground && detach(&report_fd) < 0) {
		return EXIT_FORK;
	}
	pid_fd = lock_pid_file();
	if (pid_fd < 0) {
		report(&report_fd, pid_fd == -EBUSY ? EXIT_ALREADY_RUNNING : EXIT_FATAL);
		return pid_fd == -EBUSY ? EXIT_ALREADY_RUNNING : EXIT_FATAL;
	}
	cs_log(LOG_NOTICE, "Corosync Cluster Engine %s starting up", PACKAGE_VERSION);
	cs_log(LOG_INFO, "Corosync built-in features: udpu udp");
	set_realtime(o);
	rc = cs_exec_start(map, lines);
	if (rc < 0) {
		cs_log(LOG_ERR, "Corosync Cluster Engine exiting with status %d",
		       EXIT_SERVICE_ENGINE_INIT);
		cs_exec_stop();
		report(&report_fd, EXIT_SERVICE_ENGINE_INIT);
		unlink(PID_FILE);
		close(pid_fd);
		return EXIT_SERVICE_ENGINE_INIT;
	}
	report(&report_fd, EXIT_OK);
	cs_exec_run();
	cs_exec_stop();
	cs_log(LOG_NOTICE, "Corosync Cluster Engine exiting normally");
	unlink(PID_FILE);
	close(pid_fd);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct cs_map *map, *lines;
	int rc;

	cs_log_open("corosync");
	rc = parse_options(argc, argv, &o);
	if (rc < 0) {
		map = cs_map_new();
		lines = cs_map_new();
		rc = map != NULL && lines != NULL ? load_config(&o, map, lines) : EXIT_FATAL;
		if (rc < 0) {
			rc = run(&o, map, lines);
		}
		cs_map_free(map);
		cs_map_free(lines);
	}
	cs_log_close();
	return rc;
}
