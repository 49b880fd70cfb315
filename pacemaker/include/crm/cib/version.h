/*
 * The version of a CIB: (admin_epoch, epoch, num_updates) on the <cib>
 * element, compared in that order.  Pacemaker's rules for moving it:
 * every change adds one to num_updates; a change of the configuration
 * (anything under /cib/configuration; attributes of <cib> itself do not
 * count, as in pacemaker) adds one to epoch and resets num_updates to 0;
 * admin_epoch moves only when an administrator sets it.
 */
#ifndef CIB_VERSION_H
#define CIB_VERSION_H

#include <stdbool.h>
#include <libxml/tree.h>

struct cib_version {
	long long admin_epoch;
	long long epoch;
	long long num_updates;
};

/* Read the version of <cib> element @cib; a missing attribute counts as 0.
 * Returns 0, or -EINVAL when @cib is not a <cib> element or an attribute
 * is not a non-negative number. */
int cib_version_get(const xmlNode *cib, struct cib_version *v);

/* Write @v onto <cib> element @cib.  Returns 0 or -errno. */
int cib_version_set(xmlNode *cib, const struct cib_version *v);

/* <0, 0, >0 as @a is older than, the same as, or newer than @b. */
int cib_version_compare(const struct cib_version *a, const struct cib_version *b);

/* Apply the rules above to <cib> element @cib after a change:
 * @config_changed -> epoch + 1 and num_updates = 0, else num_updates + 1.
 * Returns 0 or -errno. */
int cib_version_bump(xmlNode *cib, bool config_changed);

/* "admin_epoch.epoch.num_updates" into @buf (at least 64 bytes). */
const char *cib_version_to_string(const struct cib_version *v, char *buf, size_t size);

#endif /* CIB_VERSION_H */
