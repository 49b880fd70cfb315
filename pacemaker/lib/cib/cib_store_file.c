/*
 * File helpers of the CIB store: temporary files written, synced and
 * renamed into place, so a reader never sees half a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cib_store_private.h"

int cib_store_path(char out[PATH_MAX], const char *dir, const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);

	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

static int write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return -errno;
		}
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Mode 0600 whatever the umask; the owner the daemon runs as when we
 * can set it (root). */
static int protect(int fd, const struct cib_store_options *opts)
{
	if (fchmod(fd, S_IRUSR | S_IWUSR) < 0) {
		return -errno;
	}
	if (geteuid() == 0 && fchown(fd, opts->uid, opts->gid) < 0) {
		return -errno;
	}
	return 0;
}

int cib_store_temp_write(const struct cib_store_options *opts, const char *text, size_t len,
			 struct cib_store_temp *temp)
{
	int fd, rc;

	temp->exists = false;
	rc = cib_store_path(temp->path, opts->dir, "cib.XXXXXX");
	if (rc < 0) {
		return rc;
	}
	fd = mkstemp(temp->path);
	if (fd < 0) {
		return -errno;
	}
	temp->exists = true;
	rc = protect(fd, opts);
	rc = rc ?: write_all(fd, text, len);
	if (rc == 0 && fsync(fd) < 0) {
		rc = -errno;
	}
	if (close(fd) < 0 && rc == 0) {
		rc = -errno;
	}
	if (rc < 0) {
		cib_store_temp_discard(temp);
	}
	return rc;
}

int cib_store_temp_commit(struct cib_store_temp *temp, const char *dir, const char *name)
{
	char final[PATH_MAX];
	int rc = cib_store_path(final, dir, name);

	if (rc < 0) {
		return rc;
	}
	if (rename(temp->path, final) < 0) {
		return -errno;
	}
	temp->exists = false;
	return 0;
}

void cib_store_temp_discard(struct cib_store_temp *temp)
{
	if (temp->exists) {
		unlink(temp->path);
		temp->exists = false;
	}
}

int cib_store_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0) {
		return -errno;
	}
	if (fsync(fd) < 0) {
		rc = -errno;
	}
	close(fd);
	return rc;
}

int cib_store_read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		return -errno;
	}
	n = read(fd, buf, size);
	close(fd);
	if (n < 0) {
		return -errno;
	}
	if ((size_t)n >= size) {
		return -EFBIG;
	}
	while (n > 0 && strchr(" \t\r\n", buf[n - 1]) != NULL) {
		n--;
	}
	buf[n] = '\0';
	return 0;
}
