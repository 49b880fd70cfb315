/*
 * pengine: the policy engine daemon.
 *   pengine [-V...] [-d|--dir DIR] [-n|--ipc-name NAME]
 * Answers scheduling requests (pengine.h) over IPC, saves each input in
 * DIR (PCMK_pengine_dir, else PCMK_PENGINE_DIR) and stops cleanly on
 * SIGTERM.  --ipc-name serves another name than "pengine", so tests can
 * run a daemon beside the cluster's.
 */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/dirs.h>
#include <crm/common/log.h>
#include <crm/common/mainloop.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include "pengine.h"
#include "pengine_daemon.h"

struct pengine_options {
	int verbose;
	const char *dir;
	const char *ipc_name;
};

static void usage(FILE *out)
{
	fprintf(out, "usage: pengine [-V...] [-d|--dir DIR] [-n|--ipc-name NAME]\n"
		     "  -d  where scheduler inputs are saved (default $PCMK_pengine_dir,\n"
		     "      else " PCMK_PENGINE_DIR ")\n"
		     "  -n  the IPC name to serve (default " PENGINE_IPC_NAME ")\n");
}

/* Returns 0, 1 (help shown: exit 0) or -EINVAL (usage error). */
static int parse_options(int argc, char **argv, struct pengine_options *opts)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'V' },
		{ "dir", required_argument, NULL, 'd' },
		{ "ipc-name", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *env = getenv("PCMK_pengine_dir");
	int c;

	opts->dir = env != NULL && env[0] != '\0' ? env : PCMK_PENGINE_DIR;
	opts->ipc_name = PENGINE_IPC_NAME;
	while ((c = getopt_long(argc, argv, "Vd:n:h", longopts, NULL)) != -1) {
		if (c == 'V') {
			opts->verbose++;
		} else if (c == 'd') {
			opts->dir = optarg;
		} else if (c == 'n') {
			opts->ipc_name = optarg;
		} else {
			usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 1 : -EINVAL;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -EINVAL;
	}
	return 0;
}

/* pacemakerd makes the directory; a pengine started alone may have to. */
static int ensure_dir(const char *dir)
{
	struct passwd *pw = getpwnam(CLUSTER_USER);
	struct group *gr = getgrnam(CLUSTER_GROUP);
	int rc = pcmk_dir_ensure(dir, 0750, pw != NULL ? pw->pw_uid : 0,
				 gr != NULL ? gr->gr_gid : 0);

	if (rc < 0) {
		pcmk_err("Cannot create the scheduler input directory %s: %s", dir, strerror(-rc));
		return rc;
	}
	if (rc > 0) {
		pcmk_notice("Created the scheduler input directory %s", dir);
	}
	return 0;
}

static int run(struct pengine_daemon *d)
{
	GMainLoop *loop;
	int rc = ensure_dir(d->dir);

	if (rc < 0 || (rc = pengine_server_start(d)) < 0) {
		return rc;
	}
	loop = g_main_loop_new(NULL, FALSE);
	pcmk_mainloop_quit_on_signals(loop);
	pcmk_notice("pengine started: serving %s, inputs saved in %s", d->ipc_name, d->dir);
	g_main_loop_run(loop);
	pcmk_notice("pengine stopping");
	g_main_loop_unref(loop);
	return 0;
}

int main(int argc, char **argv)
{
	struct pengine_options opts = { 0 };
	struct pengine_daemon d = { 0 };
	struct pcmk_log_options log;
	int rc = parse_options(argc, argv, &opts);

	if (rc != 0) {
		return rc > 0 ? PCMK_EX_OK : PCMK_EX_USAGE;
	}
	pcmk_log_options_from_env(&log, "pengine");
	if (opts.verbose > 0) {
		log.level = LOG_INFO + opts.verbose;
		log.to_stderr = true;
	}
	pcmk_log_init("pengine", &log);
	d.dir = opts.dir;
	d.ipc_name = opts.ipc_name;
	rc = run(&d);
	pengine_server_stop(&d);
	pcmk_schema_cleanup();
	pcmk_notice("pengine stopped%s%s", rc < 0 ? ": " : "", rc < 0 ? pcmk_strerror(rc) : "");
	pcmk_log_fini();
	return rc < 0 ? PCMK_EX_FATAL : PCMK_EX_OK;
}
