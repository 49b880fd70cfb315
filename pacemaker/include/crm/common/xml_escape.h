/*
 * Escaping text for XML and HTML output written by hand (not through
 * libxml2's serializer): element content and attribute values.
 */
#ifndef PCMK_COMMON_XML_ESCAPE_H
#define PCMK_COMMON_XML_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/* Append the first @len bytes of @text to @out with '&', '<' and '>'
 * replaced by their entities, and '"' too when @attribute (the text goes
 * between double quotes).  A NUL byte within @len ends the text. */
void pcmk_xml_escape_append(GString *out, const char *text, size_t len, bool attribute);

#endif /* PCMK_COMMON_XML_ESCAPE_H */
