/*
 * The meatware confirmation channel. A waiting reset of NODE reads the FIFO
 * DIR/meatware.NODE; an operator's confirmation writes one fixed-size record
 * "meatware reply NODE" (zero-padded to ST_MEATWARE_MSGLEN bytes, as the
 * established meatclient writes it) into it.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "st_internal.h"
#include "st_meatware.h"

ST_EXPORT char *stonith_meatware_path(const char *node)
{
	const char *dir = getenv("STONITH_MEATWARE_DIR");
	char *path;

	if (node == NULL || *node == '\0' || strchr(node, '/') != NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (dir == NULL || *dir == '\0') {
		dir = HA_RUNDIR;
	}
	if (asprintf(&path, "%s/meatware.%s", dir, node) < 0) {
		errno = ENOMEM;
		return NULL;
	}
	for (char *p = strrchr(path, '/') + 1; *p; p++) {
		*p = (char)tolower((unsigned char)*p);
	}
	return path;
}

ST_EXPORT int stonith_meatware_confirm(const char *node)
{
	char msg[ST_MEATWARE_MSGLEN];
	char *path = stonith_meatware_path(node);
	ssize_t n;
	int fd, rc;

	if (path == NULL) {
		return -errno;
	}
	rc = st_meatware_format(msg, sizeof(msg), node);
	/* Non-blocking: a FIFO with no reader means nobody is waiting. */
	fd = rc == 0 ? open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) : -1;
	if (rc == 0 && fd < 0) {
		rc = (errno == ENXIO) ? -ENOENT : -errno;
	}
	free(path);
	if (fd < 0) {
		return rc;
	}
	n = write(fd, msg, sizeof(msg));
	rc = n == (ssize_t)sizeof(msg) ? 0 : (n < 0 ? -errno : -EIO);
	close(fd);
	return rc;
}
