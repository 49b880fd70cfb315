/*
 * Digests of CIB XML with pacemaker's values.  Pacemaker does not hash
 * the serialized XML but its own one-line dump, so the dump is rebuilt
 * here byte for byte: attributes in document order with pacemaker's
 * escaping, comments and CDATA kept, text nodes dropped (though they
 * still make an element non-empty), no indentation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include <crm/cib/digest.h>
#include <crm/common/xml.h>

/* Attributes that differ between nodes for the same content, so the
 * versioned digest (compared across the cluster) leaves them out. */
static const char *const volatile_attrs[] = {
	"crm-debug-origin", "cib-last-written", "update-origin", "update-client", "update-user",
};

/* Feature sets before this one hash the on-disk form even when asked for
 * the versioned digest. */
static const int versioned_since[] = { 3, 0, 5 };

struct dump_options {
	bool filtered; /* leave out volatile_attrs */
};

static bool is_volatile(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(volatile_attrs); i++) {
		if (strcmp(name, volatile_attrs[i]) == 0) {
			return true;
		}
	}
	return false;
}

struct escape {
	char c;
	const char *text;
};

static const struct escape escapes[] = {
	{ '<', "&lt;" },  { '>', "&gt;" },  { '"', "&quot;" }, { '\'', "&apos;" },
	{ '&', "&amp;" }, { '\t', "    " }, { '\n', "\\n" },   { '\r', "\\r" },
};

static const char *escape_of(char c)
{
	for (size_t i = 0; i < G_N_ELEMENTS(escapes); i++) {
		if (escapes[i].c == c) {
			return escapes[i].text;
		}
	}
	return NULL;
}

/* Pacemaker's escaping stops for good at the first multi-byte UTF-8
 * sequence of a value (the rest is copied as is), and writes other
 * bytes outside printable ASCII as a backslash and the octal value of
 * the (signed) char.  Both quirks change the digest, so both are kept. */
static void append_escaped(GString *out, const char *value)
{
	for (const char *p = value; *p != '\0'; p++) {
		const char *esc = escape_of(*p);

		if ((*p & 0x80) && (p[1] & 0x80)) {
			g_string_append(out, p);
			return;
		}
		if (esc != NULL) {
			g_string_append(out, esc);
		} else if (*p < ' ' || *p > '~') {
			g_string_append_printf(out, "\\%.3o", (unsigned int)(int)*p);
		} else {
			g_string_append_c(out, *p);
		}
	}
}

static void append_attr(GString *out, const xmlAttr *attr)
{
	xmlChar *value = xmlNodeGetContent((const xmlNode *)attr);

	g_string_append_printf(out, " %s=\"", (const char *)attr->name);
	append_escaped(out, value != NULL ? (const char *)value : "");
	g_string_append_c(out, '"');
	xmlFree(value);
}

static void append_node(GString *out, const xmlNode *node, const struct dump_options *opts);

static void append_element(GString *out, const xmlNode *node, const struct dump_options *opts)
{
	g_string_append_printf(out, "<%s", (const char *)node->name);
	for (const xmlAttr *a = node->properties; a != NULL; a = a->next) {
		if (!opts->filtered || !is_volatile((const char *)a->name)) {
			append_attr(out, a);
		}
	}
	if (node->children == NULL) {
		g_string_append(out, "/>");
		return;
	}
	g_string_append_c(out, '>');
	for (const xmlNode *c = node->children; c != NULL; c = c->next) {
		append_node(out, c, opts);
	}
	g_string_append_printf(out, "</%s>", (const char *)node->name);
}

static void append_node(GString *out, const xmlNode *node, const struct dump_options *opts)
{
	const char *content = (const char *)node->content;

	switch (node->type) {
	case XML_ELEMENT_NODE:
		append_element(out, node, opts);
		break;
	case XML_COMMENT_NODE:
		g_string_append_printf(out, "<!--%s-->", content != NULL ? content : "");
		break;
	case XML_CDATA_SECTION_NODE:
		g_string_append_printf(out, "<![CDATA[%s]]>", content != NULL ? content : "");
		break;
	default: /* text and processing instructions are not part of the dump */
		break;
	}
}

static void md5_hex(const GString *text, char out[CIB_DIGEST_SIZE])
{
	gchar *hex =
		g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)text->str, text->len);

	g_strlcpy(out, hex, CIB_DIGEST_SIZE);
	g_free(hex);
}

/* Hash the dump of @xml; the on-disk form wraps it in a leading space and
 * a trailing newline, a leftover of an older dump pacemaker keeps for
 * compatibility. */
static int digest_of(const xmlNode *xml, bool versioned, char out[CIB_DIGEST_SIZE])
{
	struct dump_options opts = { .filtered = versioned };
	GString *text;

	if (!pcmk_xml_is(xml, NULL) || out == NULL) {
		return -EINVAL;
	}
	text = g_string_sized_new(4096);
	if (!versioned) {
		g_string_append_c(text, ' ');
	}
	append_node(text, xml, &opts);
	if (!versioned) {
		g_string_append_c(text, '\n');
	}
	md5_hex(text, out);
	g_string_free(text, TRUE);
	return 0;
}

int cib_digest_on_disk(const xmlNode *xml, char out[CIB_DIGEST_SIZE])
{
	return digest_of(xml, false, out);
}

/* Pacemaker's version comparison: dot-separated numbers, each read as
 * far as it has digits (so "abc" is 0), missing fields are 0. */
static bool feature_set_at_least(const char *version, const int *min, size_t n)
{
	const char *p = version;

	for (size_t i = 0; i < n; i++) {
		long field = 0;

		if (p != NULL) {
			field = strtol(p, NULL, 10);
			p = strchr(p, '.');
			p = p != NULL ? p + 1 : NULL;
		}
		if (field != min[i]) {
			return field > min[i];
		}
	}
	return true;
}

int cib_digest_versioned(const xmlNode *xml, char out[CIB_DIGEST_SIZE])
{
	const char *version = pcmk_xml_attr(xml, "crm_feature_set");

	if (version == NULL ||
	    !feature_set_at_least(version, versioned_since, G_N_ELEMENTS(versioned_since))) {
		return digest_of(xml, false, out);
	}
	return digest_of(xml, true, out);
}
