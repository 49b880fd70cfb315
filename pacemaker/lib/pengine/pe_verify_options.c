/*
 * Cluster options as the scheduler reads them: a value that its option
 * does not accept is reported and replaced by the default.  The table is
 * in the order the scheduler looks the options up, which is the order its
 * complaints appear in.  Options the scheduler never reads (e.g.
 * cluster-recheck-interval, dc-deadtime) are not its business.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include <crm/pengine/iso8601.h>

#include "pe_verify_private.h"

typedef bool (*option_check)(struct pe_verify_report *report, const char *value);

struct option {
	const char *name;
	option_check valid;
};

static bool is_boolean(struct pe_verify_report *report, const char *value)
{
	bool dummy;

	(void)report;
	return pe_verify__boolean(value, &dummy);
}

static bool is_time(struct pe_verify_report *report, const char *value)
{
	unsigned int ms;

	(void)report;
	return pcmk_parse_interval_ms(value, &ms) == 0;
}

/* Integers are read the way pacemaker reads them (strtoll), with its
 * complaints: text after the number is reported but tolerated, no number
 * at all or one out of range is invalid. */
static bool is_integer(struct pe_verify_report *report, const char *value)
{
	char *end = NULL;
	bool ok = true;
	long long n;

	if (g_ascii_strcasecmp(value, "INFINITY") == 0 ||
	    g_ascii_strcasecmp(value, "+INFINITY") == 0 ||
	    g_ascii_strcasecmp(value, "-INFINITY") == 0) {
		return true;
	}
	errno = 0;
	n = strtoll(value, &end, 10);
	if (errno == ERANGE) {
		pe_verify_add(report, "scan_ll", PE_VERIFY_WARNING, PE_VERIFY_NOTE,
			      "Integer parsed from '%s' was clipped to %lld", value, n);
		return false;
	}
	if (end == value) {
		pe_verify_add(
			report, "scan_ll", PE_VERIFY_WARNING, PE_VERIFY_NOTE,
			"Could not parse integer from '%s' (using 0 instead): No digits found",
			value);
		ok = false;
	}
	if (*end != '\0') {
		pe_verify_add(report, "scan_ll", PE_VERIFY_WARNING, PE_VERIFY_NOTE,
			      "Characters left over after parsing '%s': '%s'", value, end);
	}
	return ok;
}

static bool is_score(struct pe_verify_report *report, const char *value)
{
	int score;

	(void)report;
	return pcmk_score_parse_strict(value, &score) == 0;
}

static bool one_of(const char *value, const char *const *words)
{
	for (int i = 0; words[i] != NULL; i++) {
		if (g_ascii_strcasecmp(value, words[i]) == 0) {
			return true;
		}
	}
	return false;
}

static bool is_quorum_policy(struct pe_verify_report *report, const char *value)
{
	static const char *const words[] = {
		"stop", "freeze", "ignore", "demote", "suicide", NULL
	};

	(void)report;
	return one_of(value, words);
}

static bool is_fence_action(struct pe_verify_report *report, const char *value)
{
	static const char *const words[] = { "reboot", "off", "poweroff", NULL };

	(void)report;
	return one_of(value, words);
}

static bool is_health_strategy(struct pe_verify_report *report, const char *value)
{
	static const char *const words[] = { "none",        "migrate-on-red", "only-green",
					     "progressive", "custom",         NULL };

	(void)report;
	return one_of(value, words);
}

static bool is_placement(struct pe_verify_report *report, const char *value)
{
	static const char *const words[] = { "default", "utilization", "minimal", "balanced",
					     NULL };

	(void)report;
	return one_of(value, words);
}

static const struct option options[] = {
	{ "no-quorum-policy", is_quorum_policy },
	{ "symmetric-cluster", is_boolean },
	{ "maintenance-mode", is_boolean },
	{ "start-failure-is-fatal", is_boolean },
	{ "enable-startup-probes", is_boolean },
	{ "shutdown-lock", is_boolean },
	{ "shutdown-lock-limit", is_time },
	{ "stonith-enabled", is_boolean },
	{ "stonith-action", is_fence_action },
	{ "stonith-timeout", is_time },
	{ "have-watchdog", is_boolean },
	{ "concurrent-fencing", is_boolean },
	{ "startup-fencing", is_boolean },
	{ "priority-fencing-delay", is_time },
	{ "cluster-delay", is_time },
	{ "batch-limit", is_integer },
	{ "migration-limit", is_integer },
	{ "stop-all-resources", is_boolean },
	{ "stop-orphan-resources", is_boolean },
	{ "stop-orphan-actions", is_boolean },
	{ "remove-after-stop", is_boolean },
	{ "pe-error-series-max", is_integer },
	{ "pe-warn-series-max", is_integer },
	{ "pe-input-series-max", is_integer },
	{ "node-health-strategy", is_health_strategy },
	{ "node-health-base", is_score },
	{ "node-health-green", is_score },
	{ "node-health-yellow", is_score },
	{ "node-health-red", is_score },
	{ "placement-strategy", is_placement },
};

bool pe_verify__boolean(const char *text, bool *value)
{
	static const char *const yes[] = { "true", "on", "yes", "y", "1", NULL };
	static const char *const no[] = { "false", "off", "no", "n", "0", NULL };

	if (text == NULL) {
		return false;
	}
	*value = one_of(text, yes);
	return *value || one_of(text, no);
}

const char *pe_verify__nvpair(const xmlNode *parent, const char *set_name, const char *name)
{
	for (xmlNode *set = pcmk_xml_first_child(parent, set_name); set != NULL;
	     set = pcmk_xml_next(set, true)) {
		for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
		     nv = pcmk_xml_next(nv, true)) {
			const char *n = pcmk_xml_attr(nv, "name");

			if (n != NULL && strcmp(n, name) == 0) {
				return pcmk_xml_attr(nv, "value");
			}
		}
	}
	return NULL;
}

static const char *option_value(struct verify_ctx *ctx, const xmlNode *crm_config,
				const struct option *opt)
{
	const char *value = pe_verify__nvpair(crm_config, "cluster_property_set", opt->name);

	if (value != NULL && !opt->valid(ctx->report, value)) {
		pe_verify_add(ctx->report, "cluster_option_value", PE_VERIFY_ERROR,
			      PE_VERIFY_INVALID,
			      "Using default value for cluster option '%s' because '%s' is invalid",
			      opt->name, value);
		return NULL;
	}
	return value;
}

static bool flag_value(const char *value, bool fallback)
{
	bool b = fallback;

	return pe_verify__boolean(value, &b) ? b : fallback;
}

static void apply(struct verify_ctx *ctx, const char *name, const char *value)
{
	if (strcmp(name, "stonith-enabled") == 0) {
		ctx->stonith_enabled = flag_value(value, true);
	} else if (strcmp(name, "startup-fencing") == 0) {
		ctx->startup_fencing = flag_value(value, true);
	} else if (strcmp(name, "no-quorum-policy") == 0) {
		ctx->ignore_quorum = value != NULL && g_ascii_strcasecmp(value, "ignore") == 0;
	}
}

void pe_verify__options(struct verify_ctx *ctx)
{
	xmlNode *crm_config = pcmk_xml_first_child(ctx->config, "crm_config");

	ctx->stonith_enabled = true;
	ctx->startup_fencing = true;
	for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
		apply(ctx, options[i].name, option_value(ctx, crm_config, &options[i]));
	}
	/* Without fencing nothing can be done about nodes never seen. */
	if (!ctx->stonith_enabled || !ctx->startup_fencing) {
		pe_verify_add(ctx->report, "unpack_config", PE_VERIFY_WARNING, PE_VERIFY_NOTE,
			      "Blind faith: not fencing unseen nodes");
	}
	ctx->have_quorum = flag_value(pcmk_xml_attr(ctx->cib, "have-quorum"), false);
	if (!ctx->have_quorum && !ctx->ignore_quorum) {
		pe_verify_add(ctx->report, "cluster_status", PE_VERIFY_WARNING, PE_VERIFY_NOTE,
			      "Fencing and resource management disabled due to lack of quorum");
	}
}
