/*
 * The CIB on disk, as pacemaker keeps it in /var/lib/pacemaker/cib:
 * cib.xml with its digest (cib/digest.h) in cib.xml.sig, the previous
 * versions as numbered backups cib-N.raw (+ .sig) with the last number in
 * cib.last.  Writes are atomic (temporary file, fsync, rename, fsync of
 * the directory) and read back before they count.
 */
#ifndef CIB_STORE_H
#define CIB_STORE_H

#include <sys/types.h>
#include <libxml/tree.h>

/* Backups kept unless told otherwise. */
#define CIB_STORE_BACKUPS_DEFAULT 100

struct cib_store_options {
	const char *dir; /* the CIB directory (PCMK_CIB_DIR) */
	int max_backups; /* 0 = none, <0 = default */
	uid_t uid;       /* owner of the files written (root may chown) */
	gid_t gid;
};

/* Write @cib (a <cib> element) as the new cib.xml, the old one becoming
 * the next backup.  As pacemaker, the file gets num_updates="0", a fresh
 * cib-last-written and no status section; files are mode 0600, owned by
 * @opts' uid/gid when running as root.  Returns 0, or -errno with the old
 * files untouched; -EIO when the written file does not read back the
 * same; -PCMK_E_CIB_CORRUPT when the cib.xml there no longer matches its
 * digest (changed by hand: not overwritten). */
int cib_store_write(const struct cib_store_options *opts, const xmlNode *cib);

/* Read the CIB.  A cib.xml whose digest does not match its .sig, or that
 * does not parse, is moved aside (cib.xml.corrupt-<unix time>, its .sig
 * likewise) and the newest good backup is used instead; so is a backup
 * when cib.xml is missing.  A missing .sig is trusted (as pacemaker).
 * The CIB read gets an empty <status/>.  Returns 0 with *@cib set (caller
 * frees with xmlFreeDoc()); -ENOENT when there is no CIB at all (start
 * from cib_new_empty()); -PCMK_E_CIB_CORRUPT when cib.xml was bad and no
 * backup is good; another -errno (e.g. -EACCES: then nothing is moved).
 * *@note (when not NULL) receives a malloc'd message when a file was
 * moved aside or a backup used (for the log), else NULL. */
int cib_store_read(const struct cib_store_options *opts, xmlDoc **cib, char **note);

#endif /* CIB_STORE_H */
