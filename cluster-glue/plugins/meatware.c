/*
 * The meatware device: a person does the reset. A reset request logs what
 * the operator must do, then waits on a FIFO until `meatclient -c NODE` (or
 * stonith_meatware_confirm()) reports that the node was power-cycled.
 * The wait has no time limit of its own: a caller bounds it with a signal
 * (the request then returns S_TIMEOUT) or by killing the process.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <stonith/stonith_plugin.h>
#include "st_meatware.h"

/* Indexed by ST_* info kind. */
static const char *const meat_info[] = {
	[ST_CONF_XML] = stonith_hostlist_xml,
	[ST_DEVICEID] = "Meatware STONITH device",
	[ST_DEVICENAME] = "Meatware STONITH device",
	[ST_DEVICEDESCR] = "Operator-assisted (meatware) STONITH device.\n"
			   "A reset asks a person to power-cycle the node, then waits\n"
			   "until \"meatclient -c NODE\" confirms that it was done.",
	[ST_DEVICEURL] = NULL,
};

static const char *meat_get_info(void *dev, int infotype)
{
	(void)dev;
	return stonith_info_entry(meat_info, sizeof(meat_info) / sizeof(meat_info[0]), infotype);
}

/* A fresh FIFO at PATH, opened for reading. Read-write, so that the open
 * does not wait for a writer and no reader sees end-of-file in between. */
static int meat_open_fifo(struct stonith_hostlist_dev *md, const char *path)
{
	int fd = -1;

	unlink(path);
	/* chmod: the process's umask may have kept the owner from writing. */
	if (mkfifo(path, 0600) == 0 && chmod(path, 0600) == 0) {
		fd = open(path, O_RDWR | O_CLOEXEC);
	}
	if (fd < 0) {
		stonith_log(md->s, LOG_ERR, "cannot create the meatware FIFO %s: %s", path,
			    strerror(errno));
	}
	return fd;
}

/* Read one confirmation record; S_TIMEOUT when a signal interrupts. */
static int meat_read_record(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0) {
			return errno == EINTR ? S_TIMEOUT : S_OOPS;
		}
		got += (size_t)n;
	}
	return S_OK;
}

static int meat_wait(struct stonith_hostlist_dev *md, int fd, const char *node)
{
	char want[ST_MEATWARE_MSGLEN], got[ST_MEATWARE_MSGLEN];
	int rc;

	if (st_meatware_format(want, sizeof(want), node) < 0) {
		return S_INVAL;
	}
	rc = meat_read_record(fd, got, sizeof(got));
	if (rc == S_OK && memcmp(want, got, sizeof(got)) != 0) {
		got[sizeof(got) - 1] = '\0';
		stonith_log(md->s, LOG_ERR, "meatware: unexpected confirmation \"%s\" for %s", got,
			    node);
		rc = S_RESETFAIL;
	}
	return rc;
}

static int meat_req_reset(void *dev, int operation, const char *node)
{
	struct stonith_hostlist_dev *md = dev;
	char *path = stonith_meatware_path(node);
	int fd, rc;

	(void)operation;
	if (path == NULL) {
		return errno == EINVAL ? S_INVAL : S_OOPS;
	}
	fd = meat_open_fifo(md, path);
	if (fd < 0) {
		free(path);
		return S_OOPS;
	}
	stonith_log(md->s, LOG_CRIT, "OPERATOR INTERVENTION REQUIRED to reset %s.", node);
	stonith_log(md->s, LOG_CRIT, "Power-cycle %s, then run \"meatclient -c %s\".", node, node);
	rc = meat_wait(md, fd, node);
	close(fd);
	unlink(path);
	free(path);
	if (rc == S_OK) {
		stonith_log(md->s, LOG_INFO, "node Meatware-reset: %s", node);
	}
	return rc;
}

const struct stonith_plugin stonith_plugin = {
	.abi = STONITH_PLUGIN_ABI,
	.create = stonith_hostlist_dev_create,
	.destroy = stonith_hostlist_dev_destroy,
	.get_confignames = stonith_hostlist_dev_confignames,
	.set_config = stonith_hostlist_dev_set_config,
	.get_info = meat_get_info,
	.get_status = stonith_hostlist_dev_status,
	.req_reset = meat_req_reset,
	.get_hostlist = stonith_hostlist_dev_hostlist,
};
