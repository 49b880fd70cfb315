/*
 * Rules: the conditions in location constraints and in nvpair sets
 * (instance_attributes, meta_attributes, cluster_property_set,
 * utilization, rsc_defaults, op_defaults), evaluated as pacemaker 2.1.5
 * does ("Pacemaker Explained", chapter "Rules").
 *
 * Evaluation never fails: like pacemaker, an expression that cannot be
 * read is simply not satisfied (see each case below).  To tell an
 * administrator what is wrong, pe_rule_check() names the problem and the
 * element.  Nothing here keeps state or prints.
 */
#ifndef PE_RULES_H
#define PE_RULES_H

#include <regex.h>
#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/pengine/iso8601.h>

/* What a rule is evaluated against.  Zero-initialise and fill in what
 * applies; NULL members are "not applicable". */
struct pe_rule_input {
	/* char * -> char *: the node's attributes, "#uname", "#id" and "#kind"
	 * included; NULL when there is no node (cluster options,
	 * rsc_defaults), and then every node attribute expression is false,
	 * not_defined included, as in pacemaker. */
	GHashTable *node_attrs;
	struct pe_time now;
	/* Resource role for "#role" expressions: "Stopped", "Started",
	 * "Unpromoted"/"Slave", "Promoted"/"Master" (any case); NULL makes
	 * every "#role" expression false. */
	const char *role;
	/* rsc_expression: the resource's agent; rsc_class NULL means no
	 * resource, and every rsc_expression is false. */
	const char *rsc_class, *rsc_provider, *rsc_type;
	/* op_expression: op_name NULL means no operation (false). */
	const char *op_name;
	unsigned int op_interval_ms;

	/* Location constraints only: the resource's parameters and meta
	 * attributes for value-source="param"/"meta" (when both are NULL the
	 * value is always taken literally), and the rsc-pattern match
	 * (@rsc_id and its @rsc_id_nmatches submatches) that "%0".."%9" in
	 * an attribute name refer to. */
	GHashTable *rsc_params, *rsc_meta;
	const char *rsc_id;
	const regmatch_t *rsc_id_submatches;
	int rsc_id_nmatches;
};

/* Whether @rule (a <rule> element, or one with id-ref naming a rule of
 * the same document) is satisfied.  Its children are combined with
 * boolean-op "and" (the default) or "or"; a child may be:
 *   - <rule>: nested, evaluated the same way;
 *   - <expression attribute= operation= [value=] [type=] [value-source=]>
 *     on a node attribute: operations lt gt lte gte eq ne defined
 *     not_defined; type string (case-insensitive), integer, number or
 *     version; with no type, lt/gt/lte/gte compare as numbers and eq/ne
 *     as strings; a value that does not parse as the type is compared as
 *     a string; "#role" tests @in->role;
 *   - <date_expression operation=in_range|gt|lt|date_spec start= end=>
 *     with a <duration> (years months weeks days hours minutes seconds)
 *     or a <date_spec> (years months monthdays hours minutes seconds
 *     yeardays weekyears weeks weekdays moon, each "N", "N-M", "N-" or
 *     "-N"); in_range includes both ends;
 *   - <rsc_expression class= provider= type=> and <op_expression name=
 *     interval=>.
 * A rule with no children is true with "and" and false with "or"; a
 * child of any other kind, or an id-ref that names no rule, is false. */
bool pe_rule_eval(const xmlNode *rule, const struct pe_rule_input *in);

/* Pacemaker's rule-set test: true when @parent has no <rule> child or
 * any of its <rule> children is satisfied. */
bool pe_rules_any(const xmlNode *parent, const struct pe_rule_input *in);

/* The score a location rule gives a node: its "score" (INFINITY,
 * -INFINITY, a number; see crm/common/scores.h), else the node attribute
 * named by "score-attribute" in @node_attrs (-INFINITY when the node has
 * no such attribute), else 0.  @rule may be an id-ref. */
int pe_rule_score(const xmlNode *rule, GHashTable *node_attrs);

/* Check @rule (and everything under it) for what evaluation would
 * silently treat as false or ignore: an unknown boolean-op, child
 * element, operation, type or value-source; an expression without
 * attribute or operation; a date that does not parse; in_range without
 * start or end; a date_spec or duration field that is not a number or
 * range; an op_expression interval that does not parse; an id-ref that
 * names no rule.  Returns 0, or -EINVAL and, when @error is not NULL, a
 * malloc'd message naming the element and the problem, e.g.
 *   rule r1: date_expression d1: start "2005-13-01" is not an ISO 8601 date
 * (caller frees). */
int pe_rule_check(const xmlNode *rule, char **error);

/* Read the nvpair sets named @set_name (any element when NULL; e.g.
 * "instance_attributes", "meta_attributes", "cluster_property_set",
 * "utilization") among the children of @parent into @values, as
 * pacemaker does:
 *   - a set with id-ref is replaced by the set of that name and id in the
 *     same document (skipped when there is none);
 *   - sets are taken highest "score" first, the set whose id is
 *     @always_first (case-insensitive) before all; sets with equal scores
 *     are taken last-in-document first;
 *   - a set whose <rule> children are all false is skipped
 *     (pe_rules_any());
 *   - each <nvpair name= value=> (an nvpair id-ref supplies what it lacks)
 *     is inserted unless @values already has the name, or replaces it
 *     when @overwrite (the order stays the same, so then the set taken
 *     last wins, as in pacemaker 2.1.5); the value "#default" (any case)
 *     removes the name instead.
 * @values maps char * -> char *; keys and values inserted are g_strdup'd,
 * so the caller makes the table with g_free destroy functions. */
void pe_nvpair_sets_unpack(const xmlNode *parent, const char *set_name,
			   const struct pe_rule_input *in, GHashTable *values,
			   const char *always_first, bool overwrite);

#endif /* PE_RULES_H */
