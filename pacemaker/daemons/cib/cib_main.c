/*
 * cib: the cluster information base daemon.
 *   cib [-V...] [-s|--stand-alone] [-d|--cib-dir DIR]
 * Loads the CIB from disk, joins the "cib" CPG group (unless stand-alone),
 * serves cib_rw and cib_ro, and stops cleanly on SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/version.h>
#include <crm/common/dirs.h>
#include <crm/common/log.h>
#include <crm/common/mainloop.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include "cib_daemon.h"

struct cib_options {
	int verbose;
	bool stand_alone;
	const char *dir;
};

static void usage(FILE *out)
{
	fprintf(out, "usage: cib [-V...] [-s|--stand-alone] [-d|--cib-dir DIR]\n"
		     "  -s  do not join the cluster: changes stay on this node\n"
		     "  -d  the CIB directory (default " PCMK_CIB_DIR ")\n");
}

/* Returns 0, 1 (help shown: exit 0) or -EINVAL (usage error). */
static int parse_options(int argc, char **argv, struct cib_options *opts)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'V' },
		{ "stand-alone", no_argument, NULL, 's' },
		{ "cib-dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opts->dir = PCMK_CIB_DIR;
	while ((c = getopt_long(argc, argv, "Vsd:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'V':
			opts->verbose++;
			break;
		case 's':
			opts->stand_alone = true;
			break;
		case 'd':
			opts->dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	return optind == argc ? 0 : -EINVAL;
}

static void set_file_owner(struct cib_store_options *store)
{
	struct passwd *pw = getpwnam(CLUSTER_USER);
	struct group *gr = getgrnam(CLUSTER_GROUP);

	store->uid = pw != NULL ? pw->pw_uid : 0;
	store->gid = gr != NULL ? gr->gr_gid : 0;
}

static int load_cib(struct cib_daemon *d)
{
	struct cib_version v = { 0, 0, 0 };
	char *note = NULL;
	char version[64];
	int rc = cib_store_read(&d->store, &d->cib, &note);

	if (note != NULL) {
		pcmk_warn("%s", note);
		free(note);
	}
	if (rc == -ENOENT) {
		pcmk_notice("No CIB in %s yet: starting from an empty one", d->store.dir);
		d->cib = cib_new_empty();
		rc = d->cib != NULL ? 0 : -ENOMEM;
	}
	if (rc < 0) {
		pcmk_err("Cannot read the CIB from %s: %s", d->store.dir, pcmk_strerror(rc));
		return rc;
	}
	cib_version_get(xmlDocGetRootElement(d->cib), &v);
	pcmk_info("Loaded the CIB, version %s",
		  cib_version_to_string(&v, version, sizeof(version)));
	return 0;
}

static int run(struct cib_daemon *d, const struct cib_options *opts)
{
	int rc;

	d->store.dir = opts->dir;
	d->store.max_backups = -1;
	set_file_owner(&d->store);
	/* pacemakerd makes it; a cib started alone (or as root) may have to */
	rc = pcmk_dir_ensure(d->store.dir, 0750, d->store.uid, d->store.gid);
	if (rc < 0) {
		pcmk_err("Cannot create the CIB directory %s: %s", d->store.dir, strerror(-rc));
		return rc;
	}
	if (rc > 0) {
		pcmk_notice("Created the CIB directory %s", d->store.dir);
	}
	rc = load_cib(d);
	if (rc < 0) {
		return rc;
	}
	if (!opts->stand_alone) {
		rc = cib_replica_start(d);
		if (rc < 0) {
			return rc;
		}
	}
	rc = cib_clients_start(d);
	if (rc < 0) {
		return rc;
	}
	d->loop = g_main_loop_new(NULL, FALSE);
	pcmk_mainloop_quit_on_signals(d->loop);
	pcmk_notice("cib started%s", opts->stand_alone ? " (stand-alone)" : "");
	g_main_loop_run(d->loop);
	pcmk_notice("cib stopping");
	return cib_persist_flush(d);
}

static void cleanup(struct cib_daemon *d)
{
	cib_clients_stop(d);
	cib_replica_stop(d);
	cib_sync_free(d);
	if (d->loop != NULL) {
		g_main_loop_unref(d->loop);
	}
	if (d->cib != NULL) {
		xmlFreeDoc(d->cib);
	}
	pcmk_schema_cleanup();
}

int main(int argc, char **argv)
{
	struct cib_options opts = { 0 };
	struct cib_daemon d = { 0 };
	struct pcmk_log_options log;
	int rc = parse_options(argc, argv, &opts);

	if (rc != 0) {
		return rc > 0 ? PCMK_EX_OK : PCMK_EX_USAGE;
	}
	pcmk_log_options_from_env(&log, "cib");
	if (opts.verbose > 0) {
		log.level = LOG_INFO + opts.verbose;
		log.to_stderr = true;
	}
	pcmk_log_init("cib", &log);
	d.local_name = "local";
	g_queue_init(&d.held);
	rc = run(&d, &opts);
	cleanup(&d);
	pcmk_notice("cib stopped%s%s", rc < 0 ? ": " : "", rc < 0 ? pcmk_strerror(rc) : "");
	pcmk_log_fini();
	return rc < 0 ? PCMK_EX_FATAL : PCMK_EX_OK;
}
