/*
 * The CIB on disk: cib.xml and its digest in cib.xml.sig, written
 * atomically and read back before they replace the old ones; on reading,
 * a file that fails its digest is moved aside and the newest good backup
 * is used.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <crm/cib/digest.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "cib_store_private.h"

/* What pacemaker writes: num_updates 0 (the status-driven counter starts
 * again after a restart), the time of writing, and no status section
 * (it is rebuilt from the live cluster). */
static xmlNode *prepare(const xmlNode *cib)
{
	xmlNode *copy = pcmk_xml_copy(cib);
	xmlNode *status = copy != NULL ? pcmk_xml_first_child(copy, "status") : NULL;
	time_t now = time(NULL);
	char when[64];

	if (copy == NULL || ctime_r(&now, when) == NULL) {
		pcmk_xml_free(copy);
		return NULL;
	}
	when[strcspn(when, "\n")] = '\0';
	if (pcmk_xml_set_attr(copy, "num_updates", "0") < 0 ||
	    pcmk_xml_set_attr(copy, "cib-last-written", when) < 0) {
		pcmk_xml_free(copy);
		return NULL;
	}
	if (status != NULL) {
		xmlUnlinkNode(status);
		xmlFreeNode(status);
	}
	return copy;
}

/* Parse @path and check it against the digest in @sig_path (a missing
 * .sig is trusted, as pacemaker does).  Returns 0 with *@doc, -ENOENT,
 * -PCMK_E_CIB_CORRUPT (empty, unparsable, not a <cib>, digest mismatch)
 * or another -errno. */
static int load_verified(const char *path, const char *sig_path, xmlDoc **doc)
{
	char digest[CIB_DIGEST_SIZE], stored[CIB_DIGEST_SIZE + 8];
	char *why = NULL;
	int rc = pcmk_xml_parse_file(path, doc, &why);

	free(why);
	if (rc < 0) {
		return rc == -EINVAL ? -PCMK_E_CIB_CORRUPT : rc;
	}
	rc = pcmk_xml_is(xmlDocGetRootElement(*doc), "cib") ? 0 : -PCMK_E_CIB_CORRUPT;
	rc = rc ?: cib_digest_on_disk(xmlDocGetRootElement(*doc), digest);
	if (rc == 0) {
		int srd = cib_store_read_small(sig_path, stored, sizeof(stored));

		if (srd < 0 && srd != -ENOENT) {
			rc = srd == -EFBIG ? -PCMK_E_CIB_CORRUPT : srd;
		} else if (srd == 0 && strcasecmp(stored, digest) != 0) {
			rc = -PCMK_E_CIB_CORRUPT;
		}
	}
	if (rc < 0) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return rc;
}

static int load_named(const struct cib_store_options *opts, const char *name, xmlDoc **doc)
{
	char path[PATH_MAX], sig[PATH_MAX + 4];
	int rc = cib_store_path(path, opts->dir, name);

	if (rc < 0) {
		return rc;
	}
	snprintf(sig, sizeof(sig), "%s.sig", path);
	return load_verified(path, sig, doc);
}

/* The written temporary file must parse back to the same digest. */
static int read_back(const struct cib_store_temp *temp, const char *digest)
{
	char again[CIB_DIGEST_SIZE];
	xmlDoc *doc = NULL;
	char *why = NULL;
	int rc = pcmk_xml_parse_file(temp->path, &doc, &why);

	free(why);
	if (rc == 0) {
		rc = cib_digest_on_disk(xmlDocGetRootElement(doc), again);
		rc = rc == 0 && strcmp(again, digest) != 0 ? -EIO : rc;
	}
	xmlFreeDoc(doc);
	return rc == -EINVAL ? -EIO : rc;
}

/* A cib.xml changed by hand while we run must not be overwritten
 * silently (pacemaker refuses too). */
static int check_current(const struct cib_store_options *opts)
{
	xmlDoc *doc = NULL;
	int rc = load_named(opts, "cib.xml", &doc);

	xmlFreeDoc(doc);
	return rc == -ENOENT ? 0 : rc;
}

static int write_files(const struct cib_store_options *opts, const char *text, const char *digest)
{
	struct cib_store_temp cib = { .exists = false }, sig = { .exists = false };
	int rc = check_current(opts);

	rc = rc ?: cib_store_temp_write(opts, text, strlen(text), &cib);
	rc = rc ?: cib_store_temp_write(opts, digest, strlen(digest), &sig);
	rc = rc ?: read_back(&cib, digest);
	rc = rc ?: cib_store_backup_current(opts);
	rc = rc ?: cib_store_temp_commit(&cib, opts->dir, "cib.xml");
	rc = rc ?: cib_store_temp_commit(&sig, opts->dir, "cib.xml.sig");
	rc = rc ?: cib_store_sync_dir(opts->dir);
	cib_store_temp_discard(&cib);
	cib_store_temp_discard(&sig);
	return rc;
}

int cib_store_write(const struct cib_store_options *opts, const xmlNode *cib)
{
	char digest[CIB_DIGEST_SIZE];
	xmlNode *prepared;
	char *text = NULL;
	int rc;

	if (opts == NULL || opts->dir == NULL || !pcmk_xml_is(cib, "cib")) {
		return -EINVAL;
	}
	prepared = prepare(cib);
	if (prepared == NULL) {
		return -ENOMEM;
	}
	rc = cib_digest_on_disk(prepared, digest);
	if (rc == 0) {
		text = pcmk_xml_to_string(prepared, true);
		rc = text != NULL ? write_files(opts, text, digest) : -ENOMEM;
	}
	free(text);
	pcmk_xml_free(prepared);
	return rc;
}

/* Rename @dir/@name to @name.corrupt-<unix time>[.N], never over
 * another file.  Stores the new name in @moved. */
static int move_aside(const char *dir, const char *name, char moved[PATH_MAX])
{
	char from[PATH_MAX], suffix[PATH_MAX];
	long now = (long)time(NULL);
	int rc = cib_store_path(from, dir, name);

	for (int i = 0; rc == 0 && i < 100; i++) {
		if (i == 0) {
			snprintf(suffix, sizeof(suffix), "%s.corrupt-%ld", name, now);
		} else {
			snprintf(suffix, sizeof(suffix), "%s.corrupt-%ld.%d", name, now, i);
		}
		rc = cib_store_path(moved, dir, suffix);
		if (rc == 0 && access(moved, F_OK) < 0) {
			return rename(from, moved) < 0 ? -errno : 0;
		}
	}
	return rc < 0 ? rc : -EEXIST;
}

static void note_set(char **note, char *text)
{
	if (note != NULL) {
		free(*note);
		*note = text;
	} else {
		free(text);
	}
}

/* cib.xml is bad: keep it for the admin under another name.  When it
 * cannot be moved, the backups are still worth trying. */
static void set_aside(const struct cib_store_options *opts, char **note)
{
	char moved[PATH_MAX], sig[PATH_MAX], text[2 * PATH_MAX + 128];
	int rc = move_aside(opts->dir, "cib.xml", moved);

	if (rc < 0) {
		snprintf(text, sizeof(text),
			 "%s/cib.xml does not match its digest or does not parse, and could not "
			 "be moved aside: %s",
			 opts->dir, strerror(-rc));
		note_set(note, strdup(text));
		return;
	}
	if (cib_store_path(sig, opts->dir, "cib.xml.sig") == 0 && access(sig, F_OK) == 0) {
		char moved_sig[PATH_MAX];

		move_aside(opts->dir, "cib.xml.sig", moved_sig);
	}
	snprintf(text, sizeof(text),
		 "%s/cib.xml does not match its digest or does not parse; moved aside to %s",
		 opts->dir, moved);
	note_set(note, strdup(text));
}

/* The newest backup that passes its digest.  Returns its number or
 * -ENOENT. */
static int newest_good_backup(const struct cib_store_options *opts, xmlDoc **doc)
{
	int *numbers = NULL;
	int count = cib_store_backups_newest_first(opts, &numbers);
	int found = -ENOENT;

	for (int i = 0; i < count && found < 0; i++) {
		char name[64];

		snprintf(name, sizeof(name), "cib-%d.raw", numbers[i]);
		if (load_named(opts, name, doc) == 0) {
			found = numbers[i];
		}
	}
	free(numbers);
	return count < 0 ? count : found;
}

/* The status section is never stored; a CIB read has an empty one. */
static int ensure_status(xmlDoc *doc)
{
	xmlNode *cib = xmlDocGetRootElement(doc);

	if (pcmk_xml_first_child(cib, "status") != NULL) {
		return 0;
	}
	return pcmk_xml_add_child(cib, "status") != NULL ? 0 : -ENOMEM;
}

static int use_backup(const struct cib_store_options *opts, xmlDoc **cib, char **note,
		      int primary_rc)
{
	int n = newest_good_backup(opts, cib);
	char *text = NULL;
	const char *before = note != NULL && *note != NULL ? *note : NULL;

	if (n == -ENOENT) {
		return primary_rc == -ENOENT ? -ENOENT : -PCMK_E_CIB_CORRUPT;
	}
	if (n < 0) {
		return n;
	}
	if (asprintf(&text, "%s%susing backup %s/cib-%d.raw", before != NULL ? before : "",
		     before != NULL ? "; " : "no cib.xml; ", opts->dir, n) < 0) {
		text = NULL;
	}
	note_set(note, text);
	return ensure_status(*cib);
}

int cib_store_read(const struct cib_store_options *opts, xmlDoc **cib, char **note)
{
	int rc;

	if (note != NULL) {
		*note = NULL;
	}
	if (opts == NULL || opts->dir == NULL || cib == NULL) {
		return -EINVAL;
	}
	*cib = NULL;
	rc = load_named(opts, "cib.xml", cib);
	if (rc == 0) {
		return ensure_status(*cib);
	}
	if (rc == -PCMK_E_CIB_CORRUPT) {
		set_aside(opts, note);
	} else if (rc != -ENOENT) {
		return rc; /* e.g. -EACCES: not the file's fault, leave it */
	}
	rc = use_backup(opts, cib, note, rc);
	if (rc < 0) {
		xmlFreeDoc(*cib);
		*cib = NULL;
	}
	return rc;
}
