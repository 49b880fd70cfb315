/*
 * What the semantic checks of crm_verify share: the CIB's sections and the
 * few settings that later checks depend on, as the earlier ones read them.
 */
#ifndef PE_VERIFY_PRIVATE_H
#define PE_VERIFY_PRIVATE_H

#include <stdbool.h>
#include <libxml/tree.h>

#include <crm/pengine/verify.h>

struct verify_ctx {
	struct pe_verify_report *report;
	xmlNode *cib;
	xmlNode *config;    /* <configuration>, may be NULL */
	xmlNode *resources; /* <resources>, may be NULL */
	int node_count;     /* <node> entries: the default clone-max */

	/* cluster options, after invalid values fell back to defaults */
	bool stonith_enabled;
	bool startup_fencing;
	bool have_quorum;
	bool ignore_quorum; /* no-quorum-policy=ignore */
	bool have_stonith_resource;
};

/* The value of nvpair @name in the nvpair sets of kind @set_name directly
 * under @parent (the first set that has it), or NULL. */
const char *pe_verify__nvpair(const xmlNode *parent, const char *set_name, const char *name);

/* Whether @text reads as a boolean; its value in *@value. */
bool pe_verify__boolean(const char *text, bool *value);

/* Cluster options (crm_config) and the quorum they leave the cluster in. */
void pe_verify__options(struct verify_ctx *ctx);

/* Resource definitions: roles, clone counts, group flags, fencing devices. */
void pe_verify__resources(struct verify_ctx *ctx);

/* Recurring operations: intervals and duplicates, per resource instance. */
void pe_verify__operations(struct verify_ctx *ctx);

/* Unclean nodes and whether they can be fenced. */
void pe_verify__fencing(struct verify_ctx *ctx);

#endif /* PE_VERIFY_PRIVATE_H */
