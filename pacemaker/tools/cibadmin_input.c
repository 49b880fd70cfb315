/*
 * The XML a cibadmin command takes: from -X's string, -x's file or -p's
 * standard input.  Well-formed XML is parsed strictly; anything else gets
 * libxml2's recovery, because pacemaker's tools accept what it repairs
 * (an unclosed tag, a missing end tag) and scripts written against them
 * rely on that.  What was repaired is logged at warning level (-V).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "cibadmin.h"

/* As the strict parser, plus recovery; never the network, never a DTD. */
#define RECOVER_OPTIONS                                                                 \
	(XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | \
	 XML_PARSE_NOWARNING)

/* Read all of @in into a malloc'd, NUL-terminated buffer.  Returns 0 with
 * *@text and *@len set, or -errno. */
static int slurp(FILE *in, char **text, size_t *len)
{
	size_t room = 4096, used = 0;
	char *buf = malloc(room);

	while (buf != NULL) {
		used += fread(buf + used, 1, room - used - 1, in);
		if (ferror(in)) {
			free(buf);
			return -EIO;
		}
		if (feof(in)) {
			buf[used] = '\0';
			*text = buf;
			*len = used;
			return 0;
		}
		if (used + 1 == room) {
			char *bigger = realloc(buf, room * 2);

			if (bigger == NULL) {
				break;
			}
			buf = bigger;
			room *= 2;
		}
	}
	free(buf);
	return -ENOMEM;
}

static int read_file(const char *path, char **text, size_t *len)
{
	FILE *in = fopen(path, "r");
	int rc;

	if (in == NULL) {
		return -errno;
	}
	rc = slurp(in, text, len);
	fclose(in);
	return rc;
}

/* libxml2's repair of @text, or NULL when nothing can be made of it. */
static xmlDoc *recover(const char *text, size_t len)
{
	xmlDoc *doc;

	if (len == 0 || len > (size_t)INT32_MAX) {
		return NULL;
	}
	doc = xmlReadMemory(text, (int)len, NULL, NULL, RECOVER_OPTIONS);
	if (doc != NULL && (xmlDocGetRootElement(doc) == NULL || doc->intSubset != NULL)) {
		/* nothing usable, or a DTD the strict parser refuses */
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

static int parse_text(const char *text, size_t len, const char *source, xmlDoc **doc, char **error)
{
	char *why = NULL;
	int rc = pcmk_xml_parse(text, len, doc, &why);

	if (rc == -EINVAL) {
		*doc = recover(text, len);
		if (*doc != NULL) {
			pcmk_warn(
				"XML from %s is not well-formed, using libxml2's repair of it: %s",
				source, why != NULL ? why : "");
			free(why);
			return 0;
		}
	}
	if (rc < 0 && error != NULL) {
		*error = why;
		why = NULL;
	}
	free(why);
	return rc < 0 ? -EINVAL : 0;
}

int cibadmin_read_input(const struct cibadmin_opts *opts, xmlDoc **doc, const char **source,
			char **error)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*doc = NULL;
	*error = NULL;
	/* the file wins over the string, the string over stdin (pacemaker's order) */
	if (opts->xml_file != NULL) {
		*source = opts->xml_file;
		rc = read_file(opts->xml_file, &text, &len);
	} else if (opts->xml_text != NULL) {
		*source = "input string";
		text = strdup(opts->xml_text);
		len = strlen(opts->xml_text);
		rc = text != NULL ? 0 : -ENOMEM;
	} else if (opts->xml_pipe) {
		*source = "STDIN";
		rc = slurp(stdin, &text, &len);
	} else {
		*source = NULL;
		return 0;
	}
	if (rc < 0) {
		*error = strdup(strerror(-rc));
		return -EINVAL;
	}
	rc = parse_text(text, len, *source, doc, error);
	free(text);
	return rc;
}
