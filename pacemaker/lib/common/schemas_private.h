/*
 * What the schema files of libcrmcommon share: the table of schema names,
 * where the files are, and the report that turns libxml2's validation
 * errors into one message an administrator can act on.
 */
#ifndef PCMK_COMMON_SCHEMAS_PRIVATE_H
#define PCMK_COMMON_SCHEMAS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError *schema_error_t;
#else
typedef xmlError *schema_error_t;
#endif

/* Directory of the schema files: $PCMK_schema_directory or PCMK_SCHEMA_DIR.
 * Static or environment string. */
const char *pcmk__schema_dir(void);

/* Position of @name in the ordered table of known schemas (older first,
 * "pacemaker-next" last), or -1 for unknown names and "none". */
int pcmk__schema_index(const char *name);

/* Name of the schema at @index ("pacemaker-3.9"). */
const char *pcmk__schema_name(int index);

/* Major version of the schema at @index (1, 2, 3; 4 for pacemaker-next). */
int pcmk__schema_major(int index);

/* Validate @doc against the schema at @index.  As pcmk_schema_validate(). */
int pcmk__schema_validate_index(xmlDoc *doc, int index, char **error);

/* What is wrong with element @node by the grammar of schema @index, in a
 * few words ("attribute klass not allowed", "missing attribute type") into
 * @out.  Returns 0, or -1 when the grammar says nothing more than libxml2
 * did. */
int pcmk__schema_hint(const xmlNode *node, int index, char *out, size_t room);

/* Room for the few errors worth telling; later ones are follow-ons. */
#define SCHEMA_REPORT_MAX 5

struct schema_entry {
	const xmlNode *node; /* the element the line is about */
	bool generic;        /* libxml2 did not say what is wrong with it */
	char text[512];
};

struct schema_report {
	int index; /* of the schema, for pcmk__schema_hint() */
	struct schema_entry entries[SCHEMA_REPORT_MAX];
	int count;
	char other[512]; /* the first problem that names no element */
};

/* libxml2 structured-error callback; @ctx is a struct schema_report.
 * Keeps the innermost errors: one about an element that encloses an
 * element already reported is a follow-on, and one about a child of a
 * reported element replaces it. */
void pcmk__schema_report_error(void *ctx, schema_error_t err);

/* malloc'd message, one line per problem (caller frees), @fallback when
 * nothing was reported; NULL when memory runs out. */
char *pcmk__schema_report_take(const struct schema_report *r, const char *fallback);

#endif /* PCMK_COMMON_SCHEMAS_PRIVATE_H */
