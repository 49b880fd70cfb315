/*
 * Digests of CIB XML, the same values as pacemaker computes, so that a
 * cib.xml.sig written by either is accepted by the other and
 * `cibadmin -5` prints the same.
 */
#ifndef CIB_DIGEST_H
#define CIB_DIGEST_H

#include <libxml/tree.h>

/* Length of a digest as text (32 hex digits) plus the NUL. */
#define CIB_DIGEST_SIZE 33

/* The digest pacemaker stores in cib.xml.sig and `cibadmin -5` prints:
 * md5 over the canonical text of @xml.  Writes 32 lowercase hex digits
 * and a NUL into @out.  Returns 0 or -errno. */
int cib_digest_on_disk(const xmlNode *xml, char out[CIB_DIGEST_SIZE]);

/* The versioned digest pacemaker puts in patches and sync messages
 * (`cibadmin --md5-sum-versioned`): the attributes that differ between
 * nodes (cib-last-written, update-origin, update-client, update-user,
 * crm-debug-origin) are left out at every depth.  For a crm_feature_set
 * older than 3.0.5 (or none) it is the on-disk digest, as in pacemaker.
 * Returns 0 or -errno. */
int cib_digest_versioned(const xmlNode *xml, char out[CIB_DIGEST_SIZE]);

#endif /* CIB_DIGEST_H */
