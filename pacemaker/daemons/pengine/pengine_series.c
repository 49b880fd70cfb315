/*
 * The saved scheduler inputs: each run's CIB is kept as a numbered,
 * bzip2-compressed file so that an administrator (or crm_simulate) can
 * replay what the cluster decided.  Numbers are per series and survive
 * restarts through NAME.last; a series wraps at its configured size and
 * then overwrites its oldest file, as pacemaker does.
 */
#include <bzlib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <crm/common/xml.h>
#include "pengine_daemon.h"

#define FILE_MODE 0640
#define BZ2_BLOCKS 9
#define BZ2_WORK 30

struct series_def {
	const char *name;
	const char *option;
	int wrap;
};

static const struct series_def series_table[] = {
	[PENGINE_SERIES_INPUT] = { "pe-input", "pe-input-series-max", 4000 },
	[PENGINE_SERIES_WARN] = { "pe-warn", "pe-warn-series-max", 5000 },
	[PENGINE_SERIES_ERROR] = { "pe-error", "pe-error-series-max", -1 },
};

const char *pengine_series_name(enum pengine_series s)
{
	return series_table[s].name;
}

const char *pengine_series_option(enum pengine_series s)
{
	return series_table[s].option;
}

int pengine_series_wrap(enum pengine_series s, const char *value)
{
	char *end = NULL;
	long n;

	if (value == NULL) {
		return series_table[s].wrap;
	}
	errno = 0;
	n = strtol(value, &end, 10);
	if (end == value || *end != '\0' || errno != 0 || n > 0x7fffffffL) {
		return series_table[s].wrap;
	}
	return n < -1 ? -1 : (int)n;
}

static char *last_file(const char *dir, enum pengine_series s)
{
	return g_strdup_printf("%s/%s.last", dir, series_table[s].name);
}

unsigned int pengine_series_next(const char *dir, enum pengine_series s)
{
	char *path = last_file(dir, s);
	FILE *f = fopen(path, "r");
	char buf[32] = "";
	char *end = NULL;
	unsigned long n;

	g_free(path);
	if (f == NULL) {
		return 0;
	}
	if (fgets(buf, sizeof(buf), f) == NULL) {
		buf[0] = '\0';
	}
	fclose(f);
	errno = 0;
	n = strtoul(buf, &end, 10);
	if (end == buf || (*end != '\0' && *end != '\n') || errno != 0 || n > 0xffffffffUL) {
		return 0;
	}
	return (unsigned int)n;
}

/* Writes the contents of a file to @f.  Returns 0 or -errno. */
typedef int (*file_writer)(FILE *f, const void *ctx);

static int write_text(FILE *f, const void *ctx)
{
	return fputs(ctx, f) < 0 ? -EIO : 0;
}

static int write_bz2(FILE *f, const void *ctx)
{
	char *text = pcmk_xml_to_string(ctx, true);
	int bzerr = BZ_OK;
	BZFILE *bz;

	if (text == NULL) {
		return -ENOMEM;
	}
	bz = BZ2_bzWriteOpen(&bzerr, f, BZ2_BLOCKS, 0, BZ2_WORK);
	if (bz != NULL && bzerr == BZ_OK) {
		BZ2_bzWrite(&bzerr, bz, text, (int)strlen(text));
	}
	if (bz != NULL) {
		int close_err = BZ_OK;

		BZ2_bzWriteClose(&close_err, bz, bzerr != BZ_OK, NULL, NULL);
		bzerr = bzerr == BZ_OK ? close_err : bzerr;
	}
	free(text);
	if (bzerr == BZ_MEM_ERROR) {
		return -ENOMEM;
	}
	return bzerr == BZ_OK ? 0 : -EIO;
}

/* Write @path through a temporary file renamed over it, so a reader (or
 * a crash) never sees half a file. */
static int write_atomic(const char *path, file_writer writer, const void *ctx)
{
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *f;
	int rc;

	if (fd < 0 || fchmod(fd, FILE_MODE) < 0 || (f = fdopen(fd, "w")) == NULL) {
		rc = -errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		g_free(tmp);
		return rc;
	}
	rc = writer(f, ctx);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) < 0)) {
		rc = -errno;
	}
	if (fclose(f) != 0 && rc == 0) {
		rc = -errno;
	}
	if (rc == 0 && rename(tmp, path) < 0) {
		rc = -errno;
	}
	if (rc < 0) {
		unlink(tmp);
	}
	g_free(tmp);
	return rc;
}

static int write_next(const char *dir, enum pengine_series s, unsigned int next)
{
	char *path = last_file(dir, s);
	char *text = g_strdup_printf("%u", next);
	int rc = write_atomic(path, write_text, text);

	g_free(text);
	g_free(path);
	return rc;
}

int pengine_series_save(const char *dir, enum pengine_series s, int wrap, const xmlNode *input,
			char **path)
{
	unsigned int seq, next;
	int rc;

	*path = NULL;
	if (wrap == 0) {
		return 0;
	}
	seq = pengine_series_next(dir, s);
	*path = g_strdup_printf("%s/%s-%u.bz2", dir, series_table[s].name, seq);
	rc = write_atomic(*path, write_bz2, input);
	if (rc < 0) {
		g_free(*path);
		*path = NULL;
		return rc;
	}
	next = seq + 1;
	if (wrap > 0 && next >= (unsigned int)wrap) {
		next = 0;
	}
	return write_next(dir, s, next);
}
