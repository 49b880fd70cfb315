#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/xml.h>

#include "golden.h"

static const char empty[] =
	"<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
	"num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config/><nodes/><resources/>"
	"<constraints/></configuration><status/></cib>";

int golden_apply(xmlDoc *cib, const char *line, struct crmconf_msgs *msgs)
{
	struct crmconf_cmd *cmd = NULL;
	struct crmconf_error err = { 0 };
	int rc = crmconf_parse(line, cib, msgs, &cmd, &err);

	if (rc == 0) {
		rc = crmconf_apply(cib, cmd, NULL, msgs);
	}
	crmconf_cmd_free(cmd);
	crmconf_error_clear(&err);
	return rc;
}

xmlDoc *golden_cib(const char *const *lines)
{
	xmlDoc *cib = NULL;
	struct crmconf_msgs *msgs = crmconf_msgs_new();

	assert_int_equal(pcmk_xml_parse(empty, strlen(empty), &cib, NULL), 0);
	for (size_t i = 0; lines[i] != NULL; i++) {
		assert_int_equal(golden_apply(cib, lines[i], msgs), 0);
	}
	crmconf_msgs_free(msgs);
	return cib;
}

char *golden_show(xmlDoc *cib)
{
	return crmconf_show(cib, NULL, NULL);
}
