/*
 * pacemakerd: reads the pacemaker settings file, checks that corosync
 * runs, then starts the pacemaker daemons in order, respawns them and
 * stops them in reverse order (pcmkd_children), answering on IPC
 * "pacemakerd" meanwhile.  Runs in the foreground (systemd's Type=simple).
 */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <glib.h>
#include <glib-unix.h>
#include <libxml/parser.h>

#include <crm/cib/ops.h>
#include <crm/common/dirs.h>
#include <crm/common/log.h>
#include <crm/common/results.h>
#include "pcmkd_children.h"
#include "pcmkd_corosync.h"
#include "pcmkd_ipc.h"
#include "pcmkd_sysconfig.h"

/* What --features lists beyond the feature set (crm/cib/ops.h). */
#define PCMKD_FEATURES "corosync-ge-2 monotonic"

/* corosync may still be coming up when pacemakerd is started with it. */
#define COROSYNC_ATTEMPTS 5
#define COROSYNC_RETRY_MS 1000

/* A daemon that needs longer to stop is killed: stopping resources may take
 * minutes, but not forever. */
#define STOP_TIMEOUT_MS (180 * 1000)
#define READY_TIMEOUT_MS (20 * 1000)
#define RESPAWN_MAX 10
#define RESPAWN_WINDOW_MS (5 * 60 * 1000)
#define SHUTDOWN_WAIT_MS (STOP_TIMEOUT_MS * 7)

struct options {
	int verbose;
	bool shutdown;
	bool standby;
	bool features;
	bool version;
	bool help;
};

struct option_row {
	const char *name;
	int key;
	int has_arg;
	const char *arg;
	const char *help;
};

static const struct option_row option_table[] = {
	{ "help", 'h', no_argument, NULL, "Show this help and exit" },
	{ "version", '$', no_argument, NULL, "Print the version and exit" },
	{ "verbose", 'V', no_argument, NULL, "Log more (debug; twice for trace)" },
	{ "features", 'F', no_argument, NULL, "Print the version and the built-in features" },
	{ "foreground", 'f', no_argument, NULL, "Ignored: pacemakerd never leaves the foreground" },
	{ "pid-file", 'p', required_argument, "FILE", "Ignored: no pid file is written" },
	{ "shutdown", 'S', no_argument, NULL, "Stop the pacemakerd running on this machine" },
	{ "standby", 's', no_argument, NULL, "Have this node join the cluster in standby" },
};

static void usage(FILE *out)
{
	fprintf(out, "Usage: pacemakerd [OPTION...]\n\n"
		     "Start, watch and stop the pacemaker daemons of this node.\n\n");
	for (size_t i = 0; i < G_N_ELEMENTS(option_table); i++) {
		const struct option_row *o = &option_table[i];
		char left[64];

		snprintf(left, sizeof(left), "-%c, --%s%s%s", o->key, o->name, o->arg ? "=" : "",
			 o->arg ? o->arg : "");
		fprintf(out, "  %-24s%s\n", left, o->help);
	}
}

/* getopt_long's tables from option_table. */
static void build_getopt(struct option *longs, char *shorts)
{
	size_t n = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(option_table); i++) {
		const struct option_row *o = &option_table[i];

		longs[i] = (struct option){ o->name, o->has_arg, NULL, o->key };
		shorts[n++] = (char)o->key;
		if (o->has_arg == required_argument) {
			shorts[n++] = ':';
		}
	}
	longs[G_N_ELEMENTS(option_table)] = (struct option){ 0 };
	shorts[n] = '\0';
}

static void apply_option(int key, struct options *o)
{
	switch (key) {
	case 'h':
		o->help = true;
		break;
	case '$':
		o->version = true;
		break;
	case 'V':
		o->verbose++;
		break;
	case 'F':
		o->features = true;
		break;
	case 'S':
		o->shutdown = true;
		break;
	case 's':
		o->standby = true;
		break;
	default:
		break; /* accepted and ignored (-f, -p) */
	}
}

/* Returns 0, or -EINVAL after reporting a usage error on stderr. */
static int parse_options(int argc, char **argv, struct options *o)
{
	struct option longs[G_N_ELEMENTS(option_table) + 1];
	char shorts[2 * G_N_ELEMENTS(option_table) + 1];
	int key;

	memset(o, 0, sizeof(*o));
	build_getopt(longs, shorts);
	opterr = 1;
	while ((key = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (key == '?' || key == ':') {
			fprintf(stderr, "Try 'pacemakerd --help' for the options.\n");
			return -EINVAL;
		}
		apply_option(key, o);
	}
	if (optind < argc) {
		fprintf(stderr, "pacemakerd: unexpected argument '%s'\n", argv[optind]);
		return -EINVAL;
	}
	return 0;
}

static bool env_true(const char *name)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "on" };
	const char *value = getenv(name);

	for (size_t i = 0; value != NULL && i < G_N_ELEMENTS(yes); i++) {
		if (strcasecmp(value, yes[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* ---- the settings file ---- */

/* The environment pacemakerd was started with wins over the file, as with
 * systemd, which has already put the file's settings there. */
static void on_setting(const char *key, const char *value, void *data)
{
	GPtrArray *notes = data;

	if (g_str_has_prefix(key, "PCMK_") && !pcmkd_sysconfig_known(key)) {
		g_ptr_array_add(notes, g_strdup_printf("Unknown setting %s (misspelt?); passing it "
						       "on to the daemons anyway",
						       key));
	}
	setenv(key, value, 0);
}

static void on_bad_line(const char *path, unsigned line, const char *problem, void *data)
{
	g_ptr_array_add(data, g_strdup_printf("%s:%u: %s; line ignored", path, line, problem));
}

/* Read the settings into the environment; what went wrong is kept in
 * @notes for the log, which is not open yet. */
static void load_settings(GPtrArray *notes)
{
	static const char *const paths[] = { HA_SYSCONFDIR "/sysconfig/pacemaker",
					     HA_SYSCONFDIR "/default/pacemaker", NULL };
	static const struct pcmkd_sysconfig_ops ops = { on_setting, on_bad_line };
	const char *used = NULL;
	int rc = pcmkd_sysconfig_load(paths, &used, &ops, notes);

	if (rc < 0 && rc != -ENOENT) {
		g_ptr_array_add(notes, g_strdup_printf("Cannot read %s: %s", used, strerror(-rc)));
	} else if (used != NULL) {
		g_ptr_array_add(notes, g_strdup_printf("Settings read from %s", used));
	}
}

/* ---- logging ---- */

/* The daemons running as the cluster user log to the same file. */
static void share_log_file(const char *path)
{
	struct passwd *pw = getpwnam(CLUSTER_USER);

	if (path[0] == '\0' || pw == NULL || geteuid() != 0) {
		return;
	}
	if (chown(path, pw->pw_uid, pw->pw_gid) < 0 || chmod(path, 0660) < 0) {
		pcmk_warn("Cannot give %s to %s: %s", path, CLUSTER_USER, strerror(errno));
	}
}

static void start_logging(int verbose, GPtrArray *notes)
{
	struct pcmk_log_options opts;

	pcmk_log_options_from_env(&opts, "pacemakerd");
	if (verbose > 0) {
		opts.level = verbose > 1 ? LOG_TRACE : LOG_DEBUG;
	}
	if (opts.logfile[0] != '\0') {
		char *dir = g_path_get_dirname(opts.logfile);

		g_mkdir_with_parents(dir, 0755);
		g_free(dir);
	}
	pcmk_log_init("pacemakerd", &opts);
	share_log_file(opts.logfile);
	for (guint i = 0; i < notes->len; i++) {
		const char *note = g_ptr_array_index(notes, i);

		if (g_str_has_prefix(note, "Settings read")) {
			pcmk_info("%s", note);
		} else {
			pcmk_warn("%s", note);
		}
	}
}

/* ---- the daemon ---- */

struct pcmkd {
	GMainLoop *loop;
	struct pcmkd_children *children;
	struct pcmkd_corosync *corosync;
	struct pcmkd_ipc *ipc;
	int exit_code;
};

static void on_stopped(int exit_code, void *data)
{
	struct pcmkd *d = data;

	d->exit_code = exit_code;
	g_main_loop_quit(d->loop);
}

static void on_shutdown_request(void *data)
{
	struct pcmkd *d = data;

	pcmkd_children_shutdown(d->children, PCMK_EX_OK);
}

static void on_corosync_lost(void *data)
{
	struct pcmkd *d = data;

	pcmk_crit("Lost the connection to corosync: stopping pacemaker on this node");
	pcmkd_children_shutdown(d->children, PCMK_EX_DISCONNECT);
}

static gboolean on_signal(gpointer data)
{
	struct pcmkd *d = data;

	pcmk_notice("Shutting down on signal");
	if (d->children == NULL) {
		g_main_loop_quit(d->loop);
		return G_SOURCE_CONTINUE;
	}
	pcmkd_children_shutdown(d->children, PCMK_EX_OK);
	return G_SOURCE_CONTINUE;
}

static int check_corosync(struct pcmkd *d)
{
	int rc = pcmkd_corosync_connect(COROSYNC_ATTEMPTS, COROSYNC_RETRY_MS, &d->corosync);
	const char *name;

	if (rc < 0) {
		pcmk_err("corosync is not running (no answer from its cmap service after %d "
			 "attempts): start corosync first",
			 COROSYNC_ATTEMPTS);
		fprintf(stderr, "pacemakerd: corosync is not running: start corosync first\n");
		return rc;
	}
	name = pcmkd_corosync_cluster_name(d->corosync);
	pcmk_notice("corosync is running (cluster %s)", name != NULL ? name : "without a name");
	return pcmkd_corosync_watch(d->corosync, on_corosync_lost, d);
}

static int start_children(struct pcmkd *d)
{
	const struct pcmkd_children_config cfg = {
		.table = pcmkd_child_table,
		.n_children = pcmkd_child_table_len,
		.daemon_dir = PCMK_DAEMON_DIR,
		.user = CLUSTER_USER,
		.respawn_max = RESPAWN_MAX,
		.respawn_window_ms = RESPAWN_WINDOW_MS,
		.stop_timeout_ms = STOP_TIMEOUT_MS,
		.ready_timeout_ms = READY_TIMEOUT_MS,
		.fail_fast = env_true("PCMK_fail_fast"),
		.stopped = on_stopped,
		.data = d,
	};
	struct passwd *pw = getpwnam(CLUSTER_USER);
	int rc = pcmkd_children_new(&cfg, &d->children);

	if (rc < 0) {
		pcmk_crit("Cannot watch the pacemaker daemons: %s", strerror(-rc));
		return rc;
	}
	rc = pcmkd_ipc_start(d->children, pw != NULL ? pw->pw_uid : 0, on_shutdown_request, d,
			     &d->ipc);
	if (rc < 0) {
		pcmk_crit("Cannot serve IPC %s: %s", PCMKD_IPC_NAME, strerror(-rc));
		return rc;
	}
	return pcmkd_children_start(d->children);
}

/* The daemons' state directories, made before they start: they run as
 * the cluster's account and could not make them under /var/lib. */
static int make_state_dirs(void)
{
	static const char *const dirs[] = { PCMK_STATEDIR, PCMK_CIB_DIR, PCMK_PENGINE_DIR,
					    PCMK_BLACKBOX_DIR, PCMK_CORES_DIR };
	struct passwd *pw = getpwnam(CLUSTER_USER);
	struct group *gr = getgrnam(CLUSTER_GROUP);

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		int rc = pcmk_dir_ensure(dirs[i], 0750, pw != NULL ? pw->pw_uid : 0,
					 gr != NULL ? gr->gr_gid : 0);

		if (rc < 0) {
			pcmk_crit("Cannot create %s: %s", dirs[i], strerror(-rc));
			return rc;
		}
		if (rc > 0) {
			pcmk_info("Created %s", dirs[i]);
		}
	}
	return 0;
}

/* Everything that may fail before the main loop runs. */
static int prepare(struct pcmkd *d)
{
	int rc;

	if (pcmkd_ipc_running()) {
		pcmk_err("Not starting: another pacemakerd is running");
		fprintf(stderr, "pacemakerd: another pacemakerd is already running\n");
		return PCMK_EX_FATAL;
	}
	/* orphans of our daemons come to us and are reaped at once */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		pcmk_warn("Cannot become a child subreaper: %s", strerror(errno));
	}
	if (check_corosync(d) < 0) {
		return PCMK_EX_UNAVAILABLE;
	}
	if (make_state_dirs() < 0) {
		return PCMK_EX_CANTCREAT;
	}
	rc = start_children(d);
	return rc < 0 ? PCMK_EX_OSERR : PCMK_EX_OK;
}

static int run_daemon(const struct options *o)
{
	GPtrArray *notes = g_ptr_array_new_with_free_func(g_free);
	struct pcmkd d = { .loop = g_main_loop_new(NULL, FALSE) };
	int rc;

	load_settings(notes);
	if (o->standby) {
		setenv("PCMK_node_start_state", "standby", 1);
	}
	start_logging(o->verbose, notes);
	g_ptr_array_free(notes, TRUE);
	pcmk_notice("Starting pacemakerd (%s %s)", PACKAGE_NAME, PACKAGE_VERSION);
	signal(SIGPIPE, SIG_IGN);
	g_unix_signal_add(SIGTERM, on_signal, &d);
	g_unix_signal_add(SIGINT, on_signal, &d);
	rc = prepare(&d);
	if (rc == PCMK_EX_OK) {
		g_main_loop_run(d.loop);
		rc = d.exit_code;
	} else if (d.children != NULL) {
		pcmkd_children_shutdown(d.children, rc);
		g_main_loop_run(d.loop);
	}
	pcmkd_ipc_stop(d.ipc);
	pcmkd_children_free(d.children);
	pcmkd_corosync_free(d.corosync);
	g_main_loop_unref(d.loop);
	pcmk_notice("pacemakerd exits with status %d", rc);
	pcmk_log_fini();
	return rc;
}

/* ---- the client modes ---- */

static int request_shutdown(void)
{
	int rc;

	pcmk_log_init_tool("pacemakerd", LOG_ERR);
	rc = pcmkd_ipc_request_shutdown(SHUTDOWN_WAIT_MS);
	pcmk_log_fini();
	if (rc < 0) {
		fprintf(stderr, "pacemakerd: could not shut down the running pacemakerd: %s\n",
			strerror(-rc));
		return rc == -ECONNREFUSED || rc == -ENOENT ? PCMK_EX_DISCONNECT
							    : pcmk_result_to_exit(rc);
	}
	return PCMK_EX_OK;
}

int main(int argc, char **argv)
{
	struct options o;
	int rc;

	if (parse_options(argc, argv, &o) < 0) {
		return PCMK_EX_USAGE;
	}
	if (o.help) {
		usage(stdout);
		return PCMK_EX_OK;
	}
	if (o.features) {
		printf("%s %s (Build: %s)\n Supporting v%s: %s\n", PACKAGE_NAME, PACKAGE_VERSION,
		       PACKAGE_VERSION, CIB_FEATURE_SET, PCMKD_FEATURES);
		return PCMK_EX_OK;
	}
	if (o.version) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return PCMK_EX_OK;
	}
	rc = o.shutdown ? request_shutdown() : run_daemon(&o);
	xmlCleanupParser();
	return rc;
}
