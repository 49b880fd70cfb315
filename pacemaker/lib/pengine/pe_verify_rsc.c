/*
 * Resource definitions as the scheduler unpacks them: each resource, then
 * what its kind adds, then its children, in CIB order; a clone's children
 * once per instance ("rsc:0", "rsc:1"), as the scheduler creates them.
 * Meta attributes a child does not set are inherited from its parent.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "pe_verify_private.h"

struct rsc_kind {
	const char *element;
	void (*unpack)(struct verify_ctx *ctx, xmlNode *xml, const char *suffix,
		       const char *target_role);
};

static void unpack_rsc(struct verify_ctx *ctx, xmlNode *xml, const char *suffix,
		       const char *inherited_role);

static bool role_known(const char *role)
{
	static const char *const roles[] = { "Stopped", "Started",  "Slave",   "Unpromoted",
					     "Master",  "Promoted", "Unknown", NULL };

	for (int i = 0; roles[i] != NULL; i++) {
		if (g_ascii_strcasecmp(role, roles[i]) == 0) {
			return true;
		}
	}
	return false;
}

static void check_target_role(struct verify_ctx *ctx, const char *id, const char *role)
{
	if (role == NULL || role_known(role)) {
		return;
	}
	pe_verify_add(ctx->report, "text2role", PE_VERIFY_ERROR, PE_VERIFY_NOTE, "Unknown role: %s",
		      role);
	pe_verify_add(ctx->report, "get_target_role", PE_VERIFY_ERROR, PE_VERIFY_INVALID,
		      "Ignoring 'target-role' for %s because '%s' is not valid", id, role);
}

static void unpack_primitive(struct verify_ctx *ctx, xmlNode *xml, const char *suffix,
			     const char *target_role)
{
	const char *klass = pcmk_xml_attr(xml, "class");

	(void)suffix;
	(void)target_role;
	if (klass != NULL && strcmp(klass, "stonith") == 0) {
		ctx->have_stonith_resource = true;
	}
}

static void unpack_children(struct verify_ctx *ctx, xmlNode *xml, const char *suffix,
			    const char *target_role)
{
	for (xmlNode *c = pcmk_xml_first_child(xml, NULL); c != NULL; c = pcmk_xml_next(c, false)) {
		unpack_rsc(ctx, c, suffix, target_role);
	}
}

/* Group flags that resource sets replaced: only turning one off (the
 * default is on) is worth a warning. */
static void unpack_group(struct verify_ctx *ctx, xmlNode *xml, const char *suffix,
			 const char *target_role)
{
	static const char *const deprecated[] = { "ordered", "collocated" };

	for (size_t i = 0; i < G_N_ELEMENTS(deprecated); i++) {
		const char *value = pe_verify__nvpair(xml, "meta_attributes", deprecated[i]);
		bool on = true;

		if (pe_verify__boolean(value, &on) && !on) {
			pe_verify_add(ctx->report, "set_group_flag", PE_VERIFY_WARNING,
				      PE_VERIFY_SUSPECT,
				      "Support for the '%s' group meta-attribute is deprecated and "
				      "will be removed in a future release (use a resource set "
				      "instead)",
				      deprecated[i]);
		}
	}
	unpack_children(ctx, xml, suffix, target_role);
}

/* A count meta attribute that may not be negative: a negative one is
 * clipped to 0, something not a number leaves the default. */
static int clone_count(struct verify_ctx *ctx, xmlNode *xml, const char *name, int fallback)
{
	const char *value = pe_verify__nvpair(xml, "meta_attributes", name);
	char *end = NULL;
	long long n;

	if (value == NULL) {
		return fallback;
	}
	n = g_ascii_strtoll(value, &end, 10);
	if (end == value || *end != '\0') {
		return fallback;
	}
	if (n < 0) {
		pe_verify_add(ctx->report, "pcmk__scan_min_int", PE_VERIFY_WARNING, PE_VERIFY_NOTE,
			      "Clipped '%s' to minimum acceptable value 0", value);
		return 0;
	}
	return n > G_MAXINT ? G_MAXINT : (int)n;
}

static void unpack_clone(struct verify_ctx *ctx, xmlNode *xml, const char *suffix,
			 const char *target_role)
{
	int max = clone_count(ctx, xml, "clone-max", ctx->node_count);

	clone_count(ctx, xml, "clone-node-max", 1);
	/* With no instances allowed, one still stands for the definition. */
	if (max <= 0) {
		max = 1;
	}
	for (int i = 0; i < max; i++) {
		char *instance = g_strdup_printf("%s:%d", suffix, i);

		unpack_children(ctx, xml, instance, target_role);
		g_free(instance);
	}
}

static const struct rsc_kind kinds[] = {
	{ "primitive", unpack_primitive },
	{ "group", unpack_group },
	{ "clone", unpack_clone },
	{ "master", unpack_clone },
};

static const struct rsc_kind *kind_of(const xmlNode *xml)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
		if (pcmk_xml_is(xml, kinds[i].element)) {
			return &kinds[i];
		}
	}
	return NULL;
}

/* @suffix is the instance suffix (":0") of a resource inside a clone, ""
 * elsewhere; @inherited_role the target-role of the parent. */
static void unpack_rsc(struct verify_ctx *ctx, xmlNode *xml, const char *suffix,
		       const char *inherited_role)
{
	const struct rsc_kind *kind = kind_of(xml);
	const char *role = pe_verify__nvpair(xml, "meta_attributes", "target-role");
	char *id = NULL;

	if (kind == NULL) {
		return;
	}
	if (role == NULL) {
		role = inherited_role;
	}
	id = g_strdup_printf("%s%s", pcmk_xml_attr(xml, "id"), suffix);
	check_target_role(ctx, id, role);
	g_free(id);
	kind->unpack(ctx, xml, suffix, role);
}

void pe_verify__resources(struct verify_ctx *ctx)
{
	const char *defaults_role =
		pe_verify__nvpair(pcmk_xml_first_child(ctx->config, "rsc_defaults"),
				  "meta_attributes", "target-role");

	unpack_children(ctx, ctx->resources, "", defaults_role);
	if (ctx->stonith_enabled && !ctx->have_stonith_resource) {
		static const char *const lines[] = {
			"Resource start-up disabled since no STONITH resources have been defined",
			"Either configure some or disable STONITH with the stonith-enabled option",
			"NOTE: Clusters with shared data need STONITH to ensure data integrity",
		};

		for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
			pe_verify_add(ctx->report, "unpack_resources", PE_VERIFY_ERROR,
				      PE_VERIFY_INVALID, "%s", lines[i]);
		}
	}
}
