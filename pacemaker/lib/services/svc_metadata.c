/*
 * An agent's meta-data, per standard: asked from the agent, or for LSB
 * scripts made from their header.
 */
#include <errno.h>
#include <string.h>

#include "services_private.h"

#define SVC_METADATA_TIMEOUT_MS 30000

/* LSB scripts only declare their header: read the file, run nothing. */
static int svc_lsb_metadata(const char *standard, const char *type, char **xml)
{
	char *path = NULL;
	char *text = NULL;
	GError *error = NULL;
	int rc = svc_agent_path(standard, NULL, type, &path);

	if (rc < 0) {
		return rc;
	}
	if (!g_file_get_contents(path, &text, NULL, &error)) {
		rc = -EIO;
		g_error_free(error);
	} else {
		*xml = svc_lsb_metadata_from_text(type, text);
	}
	g_free(text);
	g_free(path);
	return rc;
}

static int svc_agent_metadata_run(const char *standard, const char *provider, const char *type,
				  int timeout_ms, char **xml)
{
	enum svc_standard std;
	struct svc_action *a = NULL;
	int rc;

	svc_standard_parse(standard, &std);
	rc = svc_action_new(NULL, standard, provider, type,
			    std == SVC_STD_OCF ? "meta-data" : "metadata", 0,
			    timeout_ms > 0 ? timeout_ms : SVC_METADATA_TIMEOUT_MS, &a);
	if (rc < 0) {
		return rc;
	}
	rc = svc_action_run_sync(a);
	if (rc == 0 && a->status == PCMK_EXEC_TIMEOUT) {
		rc = -ETIME;
	} else if (rc == 0 && (a->status != PCMK_EXEC_DONE || a->rc != PCMK_OCF_OK ||
			       strspn(a->stdout_data, " \t\r\n") == strlen(a->stdout_data))) {
		rc = -EPROTO;
	}
	if (rc == 0) {
		*xml = a->stdout_data;
		a->stdout_data = NULL;
	}
	svc_action_free(a);
	return rc;
}

int svc_agent_metadata(const char *standard, const char *provider, const char *type, int timeout_ms,
		       char **xml)
{
	enum svc_standard std;
	int rc;

	if (xml == NULL || type == NULL) {
		return -EINVAL;
	}
	*xml = NULL;
	if ((rc = svc_standard_parse(standard, &std)) < 0) {
		return rc;
	}
	if (std == SVC_STD_LSB || std == SVC_STD_SERVICE) {
		return svc_lsb_metadata(standard, type, xml);
	}
	return svc_agent_metadata_run(standard, provider, type, timeout_ms, xml);
}
