#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <crm/common/xml.h>

#include "unpacked_cib.h"

struct unpacked_cib *unpacked_cib_new(const char *text)
{
	struct unpacked_cib *u = g_new0(struct unpacked_cib, 1);
	struct pe_time now = { 0, 0 };
	char *error = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &u->doc, &error), 0);
	assert_int_equal(pe_cluster_unpack(xmlDocGetRootElement(u->doc), &now, &u->c, &error), 0);
	assert_null(error);
	return u;
}

void unpacked_cib_free(struct unpacked_cib *u)
{
	pe_cluster_free(u->c);
	xmlFreeDoc(u->doc);
	g_free(u);
}
