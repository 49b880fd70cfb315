/*
 * Inside the CIB store: file helpers (cib_store_file.c) and the numbered
 * backups (cib_store_backup.c) that cib_store.c builds on.
 */
#ifndef CIB_STORE_PRIVATE_H
#define CIB_STORE_PRIVATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <crm/cib/store.h>

/* "@dir/@name" into @out (PATH_MAX).  Returns 0 or -ENAMETOOLONG. */
int cib_store_path(char out[PATH_MAX], const char *dir, const char *name);

/* A file written under a temporary name, waiting for its rename. */
struct cib_store_temp {
	char path[PATH_MAX];
	bool exists;
};

/* Write @len bytes of @text to a new temporary file in @dir (mode 0600,
 * owned by the options' uid/gid when we are root), synced to disk.
 * Returns 0 or -errno (nothing left behind). */
int cib_store_temp_write(const struct cib_store_options *opts, const char *text, size_t len,
			 struct cib_store_temp *temp);

/* Rename @temp to @dir/@name.  Returns 0 or -errno. */
int cib_store_temp_commit(struct cib_store_temp *temp, const char *dir, const char *name);

/* Remove @temp if still there. */
void cib_store_temp_discard(struct cib_store_temp *temp);

/* fsync @dir so that renames in it survive a crash.  Returns 0 or -errno. */
int cib_store_sync_dir(const char *dir);

/* Read the small text file @path into @buf (NUL-terminated, trailing
 * space removed).  Returns 0, -ENOENT, -EFBIG or another -errno. */
int cib_store_read_small(const char *path, char *buf, size_t size);

/* The effective number of backups to keep for @opts. */
int cib_store_max_backups(const struct cib_store_options *opts);

/* Link the current cib.xml (and its .sig) as the next backup cib-N.raw,
 * advance cib.last and remove backups numbered beyond the maximum.  No-op
 * without a cib.xml or when no backups are kept.  Returns 0 or -errno. */
int cib_store_backup_current(const struct cib_store_options *opts);

/* Numbers of the backups present, newest first, into a malloc'd array
 * (caller frees).  Returns how many, or -errno. */
int cib_store_backups_newest_first(const struct cib_store_options *opts, int **numbers);

#endif /* CIB_STORE_PRIVATE_H */
