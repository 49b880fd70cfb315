/*
 * The configure session: a working copy of the whole CIB that configure
 * commands change, verified and written back through libcib on commit.
 * Nothing reaches the CIB unless the verification passes (or force).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "crm.h"

/* One section of the CIB (NULL: the <cib> element alone) as a document,
 * NULL when the CIB has no such section; errors printed as crmsh prints a
 * failed cibadmin. */
static int query_section(struct session *s, const char *section, xmlDoc **out)
{
	struct cib_op_request req = {
		.op = CIB_OP_QUERY,
		.section = section,
		.options = (section == NULL) ? CIB_OPT_NO_CHILDREN : 0,
	};
	char *error = NULL;
	int rc = cib_request(s->cib, &req, 0, out, &error);

	if (rc == -ENXIO && section != NULL) {
		*out = NULL; /* a CIB may lack a section, status above all */
		rc = 0;
	} else if (rc < 0) {
		char *text = g_strdup_printf("running cibadmin -Ql: %s",
					     error ? error : pcmk_strerror(rc));

		out_msg(CRMCONF_ERROR, text);
		g_free(text);
	}
	free(error);
	return rc;
}

/* Put section @name of the CIB under the working copy's root. */
static int add_section(struct session *s, const char *name)
{
	xmlDoc *part = NULL;
	int rc = query_section(s, name, &part);

	if ((rc < 0) || (part == NULL)) {
		return rc;
	}
	return pcmk_xml_adopt(xmlDocGetRootElement(s->work), xmlDocGetRootElement(part));
}

/* The working copy: <cib> and its configuration.  The status, which may
 * be most of a large CIB and which configure commands never change, is
 * fetched only when asked for (session_load_status). */
static int query(struct session *s)
{
	xmlDoc *top = NULL;
	int rc = query_section(s, NULL, &top);

	if (rc < 0) {
		return rc;
	}
	if (s->work != NULL) {
		xmlFreeDoc(s->work);
	}
	s->work = top;
	s->dirty = false;
	s->has_status = false;
	return add_section(s, "configuration");
}

int session_load_status(struct session *s)
{
	int rc;

	if (s->has_status) {
		return 0;
	}
	rc = add_section(s, "status");
	s->has_status = (rc == 0);
	return rc;
}

int session_connect(struct session *s)
{
	int rc = 0;

	if (s->cib != NULL) {
		return 0;
	}
	rc = cib_open("crm", false, &s->cib);
	if (rc < 0) {
		char *text =
			g_strdup_printf("running cibadmin -Ql: Could not connect to the CIB: %s",
					pcmk_strerror(rc));

		out_msg(CRMCONF_ERROR, text);
		out_msg(CRMCONF_ERROR, "configure: Missing requirements");
		g_free(text);
		s->cib = NULL;
		return rc;
	}
	return 0;
}

int session_open(struct session *s)
{
	int rc = session_connect(s);

	return (rc < 0) ? rc : query(s);
}

void session_close(struct session *s)
{
	if (s->work != NULL) {
		xmlFreeDoc(s->work);
	}
	cib_close(s->cib);
	s->work = NULL;
	s->cib = NULL;
	s->dirty = false;
}

int session_refresh(struct session *s)
{
	return query(s);
}

int session_verify(struct session *s)
{
	struct crmconf_msgs *msgs = crmconf_msgs_new();
	int rc = verify_relay(s->work);
	int errors = crmconf_check(s->work, &s->copts, msgs);

	out_msgs(msgs);
	crmconf_msgs_free(msgs);
	return ((rc < 0) || (errors > 0)) ? -1 : 0;
}

static int write_back(struct session *s)
{
	xmlNode *conf = pcmk_xml_first_child(xmlDocGetRootElement(s->work), "configuration");
	struct cib_op_request req = {
		.op = CIB_OP_REPLACE, .section = "configuration", .data = conf, .client = "crm"
	};
	char *error = NULL;
	int rc = cib_request(s->cib, &req, 0, NULL, &error);

	if (rc < 0) {
		char *text = g_strdup_printf("could not replace the configuration: %s",
					     error ? error : pcmk_strerror(rc));

		out_msg(CRMCONF_ERROR, text);
		g_free(text);
		free(error);
		return -1;
	}
	return query(s);
}

/* Whether any resource of the working copy is (or holds) a primitive. */
static bool has_primitives(const struct session *s)
{
	xmlNode *conf = pcmk_xml_first_child(xmlDocGetRootElement(s->work), "configuration");

	return pcmk_xml_find_element(pcmk_xml_first_child(conf, "resources"), "primitive") != NULL;
}

int session_commit(struct session *s, bool force)
{
	if (!s->dirty) {
		out_msg(CRMCONF_INFO, "apparently there is nothing to commit");
		out_msg(CRMCONF_INFO, "try changing something first");
		return 0;
	}
	/* as crmsh: a configuration without primitives is committed
	 * unverified; batch mode never asks "Do you still want to commit",
	 * it declines */
	if (has_primitives(s) && (session_verify(s) < 0) && !force && !s->force &&
	    !ui_ask("Do you still want to commit (y/n)? ", false)) {
		return -1;
	}
	return write_back(s);
}
