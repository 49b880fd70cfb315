/*
 * Escaping for XML and HTML text written by hand: the HTML page of
 * crm_mon and the recovered elements crm_verify reports are built as
 * strings, so the few characters with a meaning in markup are replaced
 * here, in one place.
 */
#include <crm/common/xml_escape.h>

static const char *entity_of(char c, bool attribute)
{
	static const struct {
		char c;
		const char *entity;
	} table[] = { { '&', "&amp;" }, { '<', "&lt;" }, { '>', "&gt;" }, { '"', "&quot;" } };

	for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
		if (table[i].c == c) {
			/* Quotes only end an attribute value; in content they stay. */
			return (c != '"' || attribute) ? table[i].entity : NULL;
		}
	}
	return NULL;
}

void pcmk_xml_escape_append(GString *out, const char *text, size_t len, bool attribute)
{
	for (size_t i = 0; i < len && text[i] != '\0'; i++) {
		const char *entity = entity_of(text[i], attribute);

		if (entity != NULL) {
			g_string_append(out, entity);
		} else {
			g_string_append_c(out, text[i]);
		}
	}
}
