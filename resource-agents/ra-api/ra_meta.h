/*
 * Checks of OCF resource agent meta-data: well-formedness, the RELAX NG
 * schema (ra-api-1.rng) and the rules a schema cannot express.
 *
 * Nothing here prints: every finding goes into a struct ra_report, which
 * the caller prints or inspects.  Functions return 0 or a negative errno.
 */
#ifndef RA_META_H
#define RA_META_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <libxml/tree.h>
#include <libxml/relaxng.h>

enum ra_severity { RA_WARNING, RA_ERROR };

/* One finding: where (line, element, its name attribute) and what. */
struct ra_problem {
	enum ra_severity severity;
	long line;     /* 0 when unknown */
	char *element; /* NULL when the problem is about the whole document */
	char *name;    /* the element's name attribute, NULL if none */
	char *owner;   /* without a name: the nearest named ancestor, as
			    "ELEMENT 'NAME'" (e.g. the parameter of a content) */
	char *message;
	struct ra_problem *next;
};

struct ra_report {
	struct ra_problem *head;
	struct ra_problem **tail;
	unsigned errors;
	unsigned warnings;
	int oom; /* set when a finding could not be recorded */
};

/* ra_meta_report.c */
void ra_report_init(struct ra_report *report);
/* Frees the findings; the struct itself belongs to the caller. */
void ra_report_free(struct ra_report *report);
/* Records a finding about node (may be NULL).  Returns 0 or -ENOMEM. */
int ra_report_add(struct ra_report *report, enum ra_severity severity, const xmlNode *node,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Same, with the line and element given directly (parser errors). */
int ra_report_add_at(struct ra_report *report, enum ra_severity severity, long line,
		     const char *element, const char *message);

/* ra_meta_xml.c */
/*
 * Parses len bytes of meta-data.  On success *doc is the tree (free with
 * xmlFreeDoc); when the input is not well-formed, returns -EINVAL with
 * each parser error in report.  Never fetches anything from the network.
 */
int ra_meta_parse(const char *buf, size_t len, struct ra_report *report, xmlDoc **doc);
/*
 * Loads the schema at path.  On failure returns -EINVAL (not a usable
 * schema) or a negative errno from opening it, with the reasons in report.
 */
int ra_meta_schema_load(const char *path, struct ra_report *report, xmlRelaxNG **schema);
/* Validates doc; each violation goes into report.  Returns 0 or -ENOMEM. */
int ra_meta_validate(xmlRelaxNG *schema, xmlDoc *doc, struct ra_report *report);

/* The first element child of parent named name (any, if name is NULL)
   after the element after (from the start if NULL); NULL when none is left. */
xmlNode *ra_xml_next(xmlNode *parent, xmlNode *after, const char *name);
/* The attribute's value or NULL; the caller frees it with xmlFree. */
char *ra_xml_attr(const xmlNode *node, const char *attr);

/* ra_meta_values.c: the value syntaxes of meta-data. */
/*
 * A duration as resource managers read timeouts and intervals: an integer
 * with an optional unit (ms, msec, us, usec, s, sec, m, min, h, hr); no unit
 * means seconds.  Sets *ms in milliseconds (microseconds round down).
 * Returns 0, or -EINVAL for anything else (including overflow).
 */
int ra_duration_parse(const char *text, uint64_t *ms);
/* True for the spellings resource managers accept as booleans. */
int ra_is_boolean(const char *text);
/* True for an optionally signed decimal integer that fits in a long long. */
int ra_is_integer(const char *text);

/* ra_meta_params.c, ra_meta_actions.c: rules beyond the schema. */
void ra_meta_check_parameters(xmlNode *agent, struct ra_report *report);
void ra_meta_check_actions(xmlNode *agent, struct ra_report *report);
/* Both of the above plus the document-level rules. */
void ra_meta_check_semantics(xmlDoc *doc, struct ra_report *report);

/* ra_meta_agent.c */
/*
 * Runs "path meta-data" (environment inherited, stdin from /dev/null) and
 * collects its standard output into *out (malloc'd, NUL-terminated, caller
 * frees), its length into *len and its wait status into *status.  Gives up
 * after timeout_ms, killing the agent (then *status reports the signal).
 * Returns 0 once the agent ran, or a negative errno when it could not be
 * started (-ENOENT, -EACCES, ...).
 */
int ra_agent_meta_data(const char *path, int timeout_ms, char **out, size_t *len, int *status);

#endif
