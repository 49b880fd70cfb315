/*
 * Serializing XML: strings for IPC messages and tool output, and atomic
 * file writes so that a crash mid-write never leaves a truncated CIB.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libxml/xmlsave.h>

#include <crm/common/xml.h>

char *pcmk_xml_to_string(const xmlNode *node, bool pretty)
{
	int options = XML_SAVE_NO_DECL | (pretty ? XML_SAVE_FORMAT : 0);
	xmlBuffer *buf;
	xmlSaveCtxt *save;
	char *out = NULL;

	if (node == NULL) {
		return NULL;
	}
	buf = xmlBufferCreate();
	if (buf == NULL) {
		return NULL;
	}
	/* An explicit encoding keeps UTF-8 element text as it is instead of
	 * turning every non-ASCII character into a character reference. */
	save = xmlSaveToBuffer(buf, "UTF-8", options);
	if (save != NULL) {
		xmlSaveTree(save, (xmlNode *)node);
		if (xmlSaveClose(save) >= 0 &&
		    asprintf(&out, "%s%s", (const char *)xmlBufferContent(buf),
			     pretty ? "\n" : "") < 0) {
			out = NULL;
		}
	}
	xmlBufferFree(buf);
	return out;
}

static int write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno != EINTR) {
			return -errno;
		}
		if (n > 0) {
			text += n;
			len -= (size_t)n;
		}
	}
	return 0;
}

/* Serialize @node straight into @fd: the CIB of a large cluster is hundreds
 * of megabytes of text, which a string would hold twice (the growing buffer
 * and its copy) on top of the tree. */
static int save_to_fd(int fd, const xmlNode *node)
{
	xmlSaveCtxt *save = xmlSaveToFd(fd, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_FORMAT);

	if (save == NULL) {
		return -ENOMEM;
	}
	xmlSaveTree(save, (xmlNode *)node);
	if (xmlSaveClose(save) < 0) {
		return -EIO;
	}
	return write_all(fd, "\n", 1);
}

/* Fill the temporary file completely and get it onto disk before it may
 * replace the real one. */
static int fill_file(int fd, const xmlNode *node, mode_t mode)
{
	int rc = 0;

	if (fchmod(fd, mode) < 0 || (rc = save_to_fd(fd, node)) < 0 || fsync(fd) < 0) {
		rc = (rc < 0) ? rc : -errno;
	}
	if (close(fd) < 0 && rc == 0) {
		rc = -errno;
	}
	return rc;
}

/* Sync the directory so that the rename itself survives a power loss. */
static int sync_dir_of(const char *path)
{
	char *copy = strdup(path);
	int fd, rc = 0;

	if (copy == NULL) {
		return -ENOMEM;
	}
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0) {
		return -errno;
	}
	/* Some file systems cannot sync a directory; that is not a failure. */
	if (fsync(fd) < 0 && errno != EINVAL) {
		rc = -errno;
	}
	close(fd);
	return rc;
}

/* The temporary name extends @path, so it lies in the same directory and
 * the rename cannot cross file systems. */
static int replace_file(const char *path, const xmlNode *node, mode_t mode)
{
	char *tmp = NULL;
	int fd, rc;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0) {
		return -ENOMEM;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
	} else if ((rc = fill_file(fd, node, mode)) < 0 || rename(tmp, path) < 0) {
		rc = (rc < 0) ? rc : -errno;
		unlink(tmp);
	} else {
		rc = sync_dir_of(path);
	}
	free(tmp);
	return rc;
}

int pcmk_xml_write_file(const xmlNode *node, const char *path, mode_t mode)
{
	if (node == NULL || path == NULL) {
		return -EINVAL;
	}
	return replace_file(path, node, mode);
}
