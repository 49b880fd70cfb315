/*
 * The CIB a tool is asked to work on, from where the command line says
 * (as crm_simulate and crm_verify take it): a file (-x), XML text (-X),
 * standard input (-p) or, when none of these is given, the live cluster
 * (-L).
 *
 * Ownership: the document and the error text returned are the caller's.
 * Nothing here prints.
 */
#ifndef CIB_INPUT_H
#define CIB_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

/* The sources a tool was given; the first set one wins, in this order. */
struct cib_input {
	const char *file;   /* -x PATH */
	const char *text;   /* -X TEXT */
	bool from_stdin;    /* -p */
	const char *client; /* client name for the live cluster's cib daemon */
};

/* How a tool turns a file or a text into a document, when libcrmcommon's
 * strict parser (pcmk_xml_parse_file(), pcmk_xml_parse()) is not what it
 * wants.  Each returns 0 with *@doc set, or a negative result with *@doc
 * NULL and *@error (when the parser has one) a malloc'd explanation. */
struct cib_input_parser {
	int (*file)(const char *path, void *data, xmlDoc **doc, char **error);
	int (*text)(const char *text, size_t len, void *data, xmlDoc **doc, char **error);
	void *data;
};

/* Read the CIB from @in with @parser (NULL, or NULL members: the strict
 * parser).  The live CIB is queried through the cib daemon (or CIB_file)
 * as @in->client; when @parser has its own text reader the live CIB is
 * handed to it as text, so that the tool reads it as it reads any text.
 * Returns 0 with *@doc set (free with xmlFreeDoc()), or the parser's
 * negative result, or -errno from reaching the live CIB (-ENOTCONN when
 * the cib daemon does not run); then *@doc is NULL and *@error is a
 * malloc'd explanation naming what failed (free with free()), or NULL
 * when there is none. */
int cib_input_read(const struct cib_input *in, const struct cib_input_parser *parser, xmlDoc **doc,
		   char **error);

#endif /* CIB_INPUT_H */
