/*
 * Parameters of a primitive from CIB XML for the digest tests.  Only
 * what the anchors' histories need: nvpairs in document order (the first
 * value of a name wins), id-refs resolved, rules ignored.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/common/xml.h>

#include "digest_testutil.h"

GHashTable *dt_table(const char *name, ...)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	va_list ap;

	va_start(ap, name);
	for (const char *n = name; n != NULL; n = va_arg(ap, const char *)) {
		const char *value = va_arg(ap, const char *);

		g_hash_table_insert(t, g_strdup(n), g_strdup(value));
	}
	va_end(ap);
	return t;
}

struct unit {
	const char *name;
	long long mul;
	long long div;
};

/* Longest spellings first: the first prefix that matches decides. */
static const struct unit units[] = {
	{ "msec", 1, 1 },     { "ms", 1, 1 },      { "usec", 1, 1000 }, { "us", 1, 1000 },
	{ "sec", 1000, 1 },   { "s", 1000, 1 },    { "min", 60000, 1 }, { "m", 60000, 1 },
	{ "hr", 3600000, 1 }, { "h", 3600000, 1 },
};

static long long iso_duration_ms(const char *text)
{
	long long total = 0;
	bool in_time = false;

	for (const char *p = text + 1; *p != '\0';) {
		char *end;
		long long n;

		if (*p == 'T') {
			in_time = true;
			p++;
			continue;
		}
		n = strtoll(p, &end, 10);
		if (end == p) {
			return -1;
		}
		switch (*end) {
		case 'W':
			total += n * 7 * 86400;
			break;
		case 'D':
			total += n * 86400;
			break;
		case 'H':
			total += n * 3600;
			break;
		case 'M':
			total += in_time ? n * 60 : n * 30 * 86400;
			break;
		case 'S':
			total += n;
			break;
		default:
			return -1;
		}
		p = end + 1;
	}
	return total * 1000;
}

long long dt_duration_ms(const char *text)
{
	char *end;
	long long n;

	if (text == NULL) {
		return -1;
	}
	text += strspn(text, " \t");
	if (*text == 'P') {
		return iso_duration_ms(text);
	}
	n = strtoll(text, &end, 10);
	if (end == text) {
		return -1;
	}
	end += strspn(end, " \t");
	if (*end == '\0') {
		return n * 1000;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(units); i++) {
		if (strncasecmp(end, units[i].name, strlen(units[i].name)) == 0) {
			return n * units[i].mul / units[i].div;
		}
	}
	return -1;
}

static const xmlNode *resolve(const xmlNode *cib, const xmlNode *el)
{
	const char *ref = pcmk_xml_attr(el, "id-ref");

	if (ref == NULL) {
		return el;
	}
	return pcmk_xml_find_id(cib, (const char *)el->name, ref);
}

/* Add the nvpairs of every @set_name child of @el not yet in @t. */
static void add_sets(GHashTable *t, const xmlNode *cib, const xmlNode *el, const char *set_name)
{
	for (xmlNode *s = pcmk_xml_first_child(el, set_name); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		const xmlNode *set = resolve(cib, s);

		for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
		     nv = pcmk_xml_next(nv, true)) {
			const char *name = pcmk_xml_attr(nv, "name");
			const char *value = pcmk_xml_attr(nv, "value");

			if (name != NULL && value != NULL && !g_hash_table_contains(t, name)) {
				g_hash_table_insert(t, g_strdup(name), g_strdup(value));
			}
		}
	}
}

static xmlNode *config_section(const xmlNode *cib, const char *name)
{
	return pcmk_xml_first_child(pcmk_xml_first_child(cib, "configuration"), name);
}

static const xmlNode *template_of(const xmlNode *cib, const xmlNode *rsc)
{
	const char *id = pcmk_xml_attr(rsc, "template");

	return id != NULL ? pcmk_xml_find_id(cib, "template", id) : NULL;
}

GHashTable *dt_rsc_params(const xmlNode *cib, const xmlNode *rsc)
{
	GHashTable *t = dt_table(NULL);

	add_sets(t, cib, rsc, "instance_attributes");
	add_sets(t, cib, template_of(cib, rsc), "instance_attributes");
	for (const xmlNode *p = rsc->parent; pcmk_xml_is(p, NULL) && !pcmk_xml_is(p, "resources");
	     p = p->parent) {
		add_sets(t, cib, p, "instance_attributes");
	}
	add_sets(t, cib, config_section(cib, "rsc_defaults"), "instance_attributes");
	return t;
}

static xmlNode *find_op_in(const xmlNode *cib, const xmlNode *el, const char *name,
			   unsigned int interval_ms)
{
	const xmlNode *ops = resolve(cib, pcmk_xml_first_child(el, "operations"));

	for (xmlNode *op = pcmk_xml_first_child(ops, "op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		const char *interval = pcmk_xml_attr(op, "interval");
		long long ms = interval != NULL ? dt_duration_ms(interval) : 0;

		if (g_ascii_strcasecmp(pcmk_xml_attr(op, "name") ?: "", name) == 0 &&
		    ms == (long long)interval_ms) {
			return op;
		}
	}
	return NULL;
}

xmlNode *dt_find_op(const xmlNode *cib, const xmlNode *rsc, const char *name,
		    unsigned int interval_ms)
{
	xmlNode *op = find_op_in(cib, rsc, name, interval_ms);

	return op != NULL ? op : find_op_in(cib, template_of(cib, rsc), name, interval_ms);
}

static const char *timeout_of(const xmlNode *cib, const xmlNode *op, GHashTable *meta)
{
	const char *timeout = pcmk_xml_attr(op, "timeout");

	add_sets(meta, cib, op, "meta_attributes");
	add_sets(meta, cib, config_section(cib, "op_defaults"), "meta_attributes");
	if (timeout == NULL) {
		timeout = g_hash_table_lookup(meta, "timeout");
	}
	return timeout != NULL ? timeout : "20s";
}

GHashTable *dt_op_params(const xmlNode *cib, const xmlNode *op)
{
	GHashTable *t = dt_table(NULL);
	GHashTable *meta = dt_table(NULL);
	long long ms = dt_duration_ms(timeout_of(cib, op, meta));

	add_sets(t, cib, op, "instance_attributes");
	g_hash_table_insert(t, g_strdup("CRM_meta_timeout"),
			    g_strdup_printf("%lld", ms < 0 ? 0 : ms));
	g_hash_table_destroy(meta);
	return t;
}

xmlNode *dt_find_primitive(const xmlNode *cib, const char *lrm_resource_id)
{
	char *id = g_strdup(lrm_resource_id);
	char *colon = strchr(id, ':');
	xmlNode *rsc;

	if (colon != NULL) {
		*colon = '\0';
	}
	rsc = pcmk_xml_find_id(config_section(cib, "resources"), "primitive", id);
	g_free(id);
	return rsc;
}
