/*
 * The list of findings a check produces, in the order they were found.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ra_meta.h"

void ra_report_init(struct ra_report *report)
{
	memset(report, 0, sizeof(*report));
	report->tail = &report->head;
}

static void problem_free(struct ra_problem *p)
{
	free(p->element);
	free(p->name);
	free(p->owner);
	free(p->message);
	free(p);
}

void ra_report_free(struct ra_report *report)
{
	struct ra_problem *p = report->head;

	while (p != NULL) {
		struct ra_problem *next = p->next;

		problem_free(p);
		p = next;
	}
	ra_report_init(report);
}

static char *dup_or_null(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

/* Takes ownership of message and owner (freed here on failure). */
static int append(struct ra_report *report, enum ra_severity severity, long line,
		  const char *element, const char *name, char *message, char *owner)
{
	struct ra_problem *p = calloc(1, sizeof(*p));

	if (p == NULL || message == NULL)
		goto oom;
	p->owner = owner;
	owner = NULL;
	p->element = dup_or_null(element);
	p->name = dup_or_null(name);
	if ((element != NULL && p->element == NULL) || (name != NULL && p->name == NULL))
		goto oom;
	p->severity = severity;
	p->line = line;
	p->message = message;
	*report->tail = p;
	report->tail = &p->next;
	if (severity == RA_ERROR)
		report->errors++;
	else
		report->warnings++;
	return 0;
oom:
	free(owner);
	if (p != NULL) {
		p->message = message;
		problem_free(p);
	} else {
		free(message);
	}
	report->oom = 1;
	return -ENOMEM;
}

int ra_report_add_at(struct ra_report *report, enum ra_severity severity, long line,
		     const char *element, const char *message)
{
	return append(report, severity, line, element, NULL, dup_or_null(message), NULL);
}

/* "ELEMENT 'NAME'" of the nearest ancestor of node with a name attribute. */
static char *owner_of(const xmlNode *node)
{
	const xmlNode *n;

	for (n = node->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlChar *name = xmlGetProp(n, BAD_CAST "name");
		char *owner = NULL;

		if (name == NULL)
			continue;
		if (asprintf(&owner, "%s '%s'", (const char *)n->name, (const char *)name) < 0)
			owner = NULL;
		xmlFree(name);
		return owner;
	}
	return NULL;
}

int ra_report_add(struct ra_report *report, enum ra_severity severity, const xmlNode *node,
		  const char *fmt, ...)
{
	va_list ap;
	char *message = NULL;
	xmlChar *name = NULL;
	int rc;

	va_start(ap, fmt);
	if (vasprintf(&message, fmt, ap) < 0)
		message = NULL;
	va_end(ap);
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return append(report, severity, 0, NULL, NULL, message, NULL);
	name = xmlGetProp(node, BAD_CAST "name");
	rc = append(report, severity, xmlGetLineNo(node), (const char *)node->name,
		    (const char *)name, message, name == NULL ? owner_of(node) : NULL);
	xmlFree(name);
	return rc;
}
