/*
 * Configuration checks for crm_verify: well-formedness, the schema, and the
 * scheduler's semantic checks, collected as an ordered list of messages
 * that read as pacemaker 2.1's crm_verify prints them.
 *
 * A message has a tag (the step that found the problem, printed as
 * "(tag) \t<level>: text"), a level that decides from which verbosity it
 * is shown, and an effect on the verdict: a configuration error makes the
 * CIB invalid, a configuration warning makes it suspect, a note does
 * neither.  Libraries never print; the tool prints the report.
 */
#ifndef PCMK_PENGINE_VERIFY_H
#define PCMK_PENGINE_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <libxml/tree.h>

enum pe_verify_level {
	PE_VERIFY_RAW,     /* a line of libxml2's own, always shown, no tag */
	PE_VERIFY_ERROR,   /* shown from -V */
	PE_VERIFY_WARNING, /* shown from -VV */
};

enum pe_verify_effect {
	PE_VERIFY_NOTE,    /* says something, decides nothing */
	PE_VERIFY_INVALID, /* a configuration error */
	PE_VERIFY_SUSPECT, /* a configuration warning */
};

struct pe_verify_msg {
	const char *tag; /* static string; NULL for PE_VERIFY_RAW */
	enum pe_verify_level level;
	enum pe_verify_effect effect;
	char *text;
};

struct pe_verify_report {
	GPtrArray *msgs; /* struct pe_verify_msg *, in the order found */
	bool invalid;    /* a configuration error was found */
	bool suspect;    /* a configuration warning was found */
};

/* A new empty report (free with pe_verify_report_free()), NULL on OOM. */
struct pe_verify_report *pe_verify_report_new(void);

/* Free @report and its messages; NULL is a no-op. */
void pe_verify_report_free(struct pe_verify_report *report);

/* Append a message (printf format) and apply its effect to the verdict. */
void pe_verify_add(struct pe_verify_report *report, const char *tag, enum pe_verify_level level,
		   enum pe_verify_effect effect, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Append @msg as it is printed at @verbosity (0 = no -V) with a newline to
 * @out.  Returns true when it is shown at that verbosity. */
bool pe_verify_format(const struct pe_verify_msg *msg, int verbosity, GString *out);

/* Parse the file at @path as crm_verify does: libxml2's complaints are
 * recorded line by line, and a document that is not well-formed is
 * recovered as far as libxml2 can (the part recovered is recorded too).
 * Returns 0 with *@doc (free with xmlFreeDoc()), or -EINVAL when nothing
 * could be parsed (*@doc NULL; the report says why). */
int pe_verify_parse_file(const char *path, struct pe_verify_report *report, xmlDoc **doc);

/* As pe_verify_parse_file() for @len bytes of @text (a -X argument or
 * standard input); libxml2 then names lines "Entity: line N". */
int pe_verify_parse_text(const char *text, size_t len, struct pe_verify_report *report,
			 xmlDoc **doc);

/* Validate @doc against the schema its validate-with names, recording each
 * of libxml2's validity errors as it words them, then the verdict.  Schemas
 * come from $PCMK_schema_directory or the installed directory.  Returns 0,
 * or -PCMK_E_SCHEMA when the CIB does not conform (or names an unknown
 * schema, or its schema cannot be loaded). */
int pe_verify_schema(xmlDoc *doc, struct pe_verify_report *report);

/* The scheduler's checks of a schema-valid CIB, in the order the scheduler
 * meets them: cluster options, quorum, resources and their meta
 * attributes, fencing devices, recurring operations, unclean nodes.  A CIB
 * without a status section gets the configuration checks only (up to the
 * fencing devices), as pacemaker's crm_verify gives a CIB read from a file
 * or stdin; a live CIB is checked with its status section. */
void pe_verify_semantics(xmlDoc *doc, struct pe_verify_report *report);

/* Everything crm_verify checks of a parsed CIB: the schema, then the
 * semantics when the schema passes.  Returns 0 when no configuration error
 * was found, -PCMK_E_SCHEMA otherwise (the report says what). */
int pe_verify_doc(xmlDoc *doc, struct pe_verify_report *report);

#endif /* PCMK_PENGINE_VERIFY_H */
