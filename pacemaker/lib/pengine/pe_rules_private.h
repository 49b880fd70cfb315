/*
 * Shared between the pe_rules*.c files: one evaluator per kind of rule
 * child, and the readers that both evaluation and pe_rule_check() use, so
 * that the check reports exactly what evaluation would ignore.
 */
#ifndef PE_RULES_PRIVATE_H
#define PE_RULES_PRIVATE_H

#include <stdbool.h>
#include <libxml/tree.h>

#include <crm/pengine/iso8601.h>
#include <crm/pengine/rules.h>

/* How deeply rules may nest; deeper is taken for an id-ref loop. */
#define PE__RULE_MAX_DEPTH 64

/* @node itself, or the element with the same name and the id its id-ref
 * names, searched in its whole document; NULL when that does not exist. */
const xmlNode *pe__rule_resolve(const xmlNode *node);

bool pe__rule_attr_eval(const xmlNode *expr, const struct pe_rule_input *in);
bool pe__rule_role_eval(const xmlNode *expr, const struct pe_rule_input *in);
bool pe__rule_date_eval(const xmlNode *expr, const struct pe_rule_input *in);
bool pe__rule_rsc_eval(const xmlNode *expr, const struct pe_rule_input *in);
bool pe__rule_op_eval(const xmlNode *expr, const struct pe_rule_input *in);

/* Whether @op is an operation an attribute expression knows, and @type a
 * comparison type (NULL is allowed: the default). */
bool pe__rule_attr_op_known(const char *op);
bool pe__rule_attr_type_known(const char *type);

/* A date_spec field: "N", "N-M", "N-" or "-N" into @low and @high (-1 for
 * an open end).  Returns 0 or -EINVAL. */
int pe__rule_range_parse(const char *text, long long *low, long long *high);

/* A <duration> field as pacemaker reads it: a number, possibly followed
 * by other characters.  Returns 0, -ENOENT when absent, -EINVAL when it
 * is not a number or does not fit an int. */
int pe__rule_duration_field(const xmlNode *duration, const char *name, long long *value);

/* The date_spec and duration field names, NULL-terminated. */
extern const char *const pe__date_spec_fields[];
extern const char *const pe__duration_fields[];

#endif /* PE_RULES_PRIVATE_H */
