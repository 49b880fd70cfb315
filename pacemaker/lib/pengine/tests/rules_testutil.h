/*
 * Helpers for the rules and ISO 8601 tests: XML from strings, node
 * attribute tables, times, and a fixed time zone so that results do not
 * depend on the host.
 */
#ifndef RULES_TESTUTIL_H
#define RULES_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <crm/common/xml.h>
#include <crm/pengine/iso8601.h>
#include <crm/pengine/rules.h>

/* Times written without a zone are local: the tests run in UTC unless a
 * test sets another zone itself (and restores UTC with rt_set_tz). */
static inline void rt_set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static inline xmlDoc *rt_parse(const char *xml)
{
	xmlDoc *doc = NULL;
	char *error = NULL;

	if (pcmk_xml_parse(xml, strlen(xml), &doc, &error) != 0) {
		fail_msg("test XML does not parse: %s", error ? error : "?");
	}
	return doc;
}

static inline const xmlNode *rt_find(xmlDoc *doc, const char *id)
{
	const xmlNode *node = pcmk_xml_find_id(xmlDocGetRootElement(doc), NULL, id);

	assert_non_null(node);
	return node;
}

/* A table from NULL-terminated name, value pairs. */
static inline GHashTable *rt_attrs(const char *name, ...)
{
	GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	va_list ap;

	va_start(ap, name);
	for (const char *n = name; n != NULL; n = va_arg(ap, const char *)) {
		g_hash_table_insert(table, g_strdup(n), g_strdup(va_arg(ap, const char *)));
	}
	va_end(ap);
	return table;
}

static inline struct pe_time rt_time(const char *text)
{
	struct pe_time t = { 0, 0 };

	if (pe_time_parse(text, &t) != 0) {
		fail_msg("test date \"%s\" does not parse", text);
	}
	return t;
}

/* Evaluate the rule that is the root of @xml at @now. */
static inline bool rt_eval_at(const char *xml, const char *now, struct pe_rule_input in)
{
	xmlDoc *doc = rt_parse(xml);
	bool result;

	in.now = rt_time(now);
	result = pe_rule_eval(xmlDocGetRootElement(doc), &in);
	xmlFreeDoc(doc);
	return result;
}

#define RT_EPOCH_2005_02_04 1107475200LL /* 2005-02-04 00:00:00Z */

#endif /* RULES_TESTUTIL_H */
