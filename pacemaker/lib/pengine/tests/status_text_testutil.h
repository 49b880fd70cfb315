/*
 * Test helpers for the cluster status text: unpack a CIB the way
 * crm_simulate does and render its status, and cut the status section out
 * of a scheduler summary.
 */
#ifndef STATUS_TEXT_TESTUTIL_H
#define STATUS_TEXT_TESTUTIL_H

#include <glib.h>
#include <libxml/tree.h>

/* The status text of the CIB in @doc (upgraded to the current schema
 * first, as crm_simulate does), as of its execution-date or else now.
 * Returns NULL with a message in *@error (caller frees) on failure;
 * caller frees the text. */
char *stt_status_of_doc(xmlDoc **doc, char **error);

/* The same for CIB text @xml. */
char *stt_status_of_text(const char *xml, char **error);

/* The same for the CIB file @path. */
char *stt_status_of_file(const char *path, char **error);

/* The "Current cluster status:" body of a crm_simulate summary (up to
 * the blank line before "Transition Summary:"), or NULL. Caller frees. */
char *stt_summary_status(const char *summary);

/* A CIB with stonith disabled and the given cluster options (nvpairs),
 * nodes, resources and status elements (each may be ""). Caller frees. */
char *stt_cib(const char *options, const char *nodes, const char *resources, const char *status);

/* A node_state of a node that is up, with lrm_resource elements @lrm. */
char *stt_state(int id, const char *uname, const char *lrm);

/* An lrm_rsc_op of @rsc: @task with @rc (expected 0) as call @call. */
char *stt_op(const char *rsc, const char *task, const char *node, int call, int rc);

/* An lrm_resource entry of an ocf:pacemaker:Dummy @rsc with @ops. */
char *stt_lrm(const char *rsc, const char *ops);

/* Assert that the status text of @cib (freed here) is @want. */
void stt_assert_status(char *cib, const char *want);

#endif /* STATUS_TEXT_TESTUTIL_H */
