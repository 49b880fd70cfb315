/*
 * What an agent is given: its arguments, environment and (fence agents)
 * stdin, per standard.
 */
#include <string.h>

#include "services_private.h"

#define SVC_META_PREFIX "CRM_meta_"

const char *svc_lsb_action(const char *action)
{
	return strcmp(action, "monitor") == 0 ? "status" : action;
}

static const char *svc_param(const struct svc_action *a, const char *name)
{
	return g_hash_table_lookup(a->params, name);
}

/* The stonith command's options for each action it can run. */
static const struct {
	const char *action;
	const char *option;
	const char *op; /* -T operation; NULL when the action needs no host */
} svc_plugin_ops[] = {
	{ "monitor", "-S", NULL },   { "status", "-S", NULL },   { "list", "-l", NULL },
	{ "reboot", "-T", "reset" }, { "reset", "-T", "reset" }, { "off", "-T", "off" },
	{ "on", "-T", "on" },
};

static char **svc_plugin_argv(const struct svc_action *a)
{
	const char *host = svc_param(a, "port") ? svc_param(a, "port") : svc_param(a, "nodename");

	for (size_t i = 0; i < G_N_ELEMENTS(svc_plugin_ops); i++) {
		if (strcmp(svc_plugin_ops[i].action, a->action) != 0) {
			continue;
		}
		if (svc_plugin_ops[i].op == NULL) {
			return g_strdupv((char *[]){ a->path, "-t", a->type, "-E",
						     (char *)svc_plugin_ops[i].option, NULL });
		}
		if (host == NULL) {
			return NULL;
		}
		return g_strdupv((char *[]){ a->path, "-t", a->type, "-E", "-T",
					     (char *)svc_plugin_ops[i].op, (char *)host, NULL });
	}
	if (strcmp(a->action, "metadata") == 0 || strcmp(a->action, "meta-data") == 0) {
		return g_strdupv((char *[]){ a->path, "-t", a->type, "-m", NULL });
	}
	return NULL;
}

char **svc_build_argv(const struct svc_action *a)
{
	switch (a->standard) {
	case SVC_STD_OCF:
		return g_strdupv((char *[]){ a->path, a->action, NULL });
	case SVC_STD_LSB:
	case SVC_STD_SERVICE:
		return g_strdupv((char *[]){ a->path, (char *)svc_lsb_action(a->action), NULL });
	case SVC_STD_STONITH:
	default:
		if (svc_stonith_is_plugin(a->type)) {
			return svc_plugin_argv(a);
		}
		return g_strdupv((char *[]){ a->path, NULL });
	}
}

/* Our own environment without OCF_RESKEY_* left over from whoever started
 * us: an agent sees only the parameters of its own action. */
static char **svc_clean_environ(void)
{
	char **env = g_get_environ();
	char **keys = g_strdupv(env);

	for (char **k = keys; *k != NULL; k++) {
		char *eq = strchr(*k, '=');

		if (eq != NULL) {
			*eq = '\0';
		}
		if (g_str_has_prefix(*k, "OCF_RESKEY_")) {
			env = g_environ_unsetenv(env, *k);
		}
	}
	g_strfreev(keys);
	return env;
}

static char **svc_setenv_uint(char **env, const char *var, guint value)
{
	char *v = g_strdup_printf("%u", value);

	env = g_environ_setenv(env, var, v, TRUE);
	g_free(v);
	return env;
}

static char **svc_ocf_env(const struct svc_action *a, char **env)
{
	GHashTableIter it;
	gpointer k, v;

	env = g_environ_setenv(env, "OCF_ROOT", svc_ocf_root(), TRUE);
	env = g_environ_setenv(env, "OCF_RA_VERSION_MAJOR", "1", TRUE);
	env = g_environ_setenv(env, "OCF_RA_VERSION_MINOR", "1", TRUE);
	env = g_environ_setenv(env, "OCF_EXIT_REASON_PREFIX", "ocf-exit-reason:", TRUE);
	env = g_environ_setenv(env, "OCF_RESOURCE_INSTANCE", a->rsc ? a->rsc : a->type, TRUE);
	env = g_environ_setenv(env, "OCF_RESOURCE_TYPE", a->type, TRUE);
	env = g_environ_setenv(env, "OCF_RESOURCE_PROVIDER", a->provider, TRUE);
	/* the executor's own view of timeout and interval unless the caller
	 * passed the CIB's values */
	env = svc_setenv_uint(env, "OCF_RESKEY_CRM_meta_timeout", (guint)a->timeout_ms);
	if (a->interval_ms > 0) {
		env = svc_setenv_uint(env, "OCF_RESKEY_CRM_meta_interval", a->interval_ms);
	}
	g_hash_table_iter_init(&it, a->params);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		char *var = g_strconcat("OCF_RESKEY_", (char *)k, NULL);

		env = g_environ_setenv(env, var, v, TRUE);
		g_free(var);
	}
	return env;
}

/* Cluster-glue plugins read their configuration names from the
 * environment (stonith -E). */
static char **svc_plugin_env(const struct svc_action *a, char **env)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, a->params);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		env = g_environ_setenv(env, k, v, TRUE);
	}
	return env;
}

char **svc_build_envp(const struct svc_action *a)
{
	char **env = svc_clean_environ();

	if (a->standard == SVC_STD_OCF) {
		return svc_ocf_env(a, env);
	}
	if (a->standard == SVC_STD_STONITH && svc_stonith_is_plugin(a->type)) {
		return svc_plugin_env(a, env);
	}
	return env;
}

/* Parameters meant for the cluster, not for the device. */
static bool svc_fence_internal(const char *name)
{
	return g_str_has_prefix(name, SVC_META_PREFIX) || g_str_has_prefix(name, "pcmk_");
}

char *svc_build_stdin(const struct svc_action *a)
{
	GString *in;
	GList *names;

	if (a->standard != SVC_STD_STONITH || svc_stonith_is_plugin(a->type)) {
		return NULL;
	}
	in = g_string_new(NULL);
	g_string_append_printf(in, "action=%s\n", a->action);
	/* sorted, so that an agent (and a test) sees a stable order */
	names = g_list_sort(g_hash_table_get_keys(a->params), (GCompareFunc)strcmp);
	for (GList *n = names; n != NULL; n = n->next) {
		if (!svc_fence_internal(n->data)) {
			g_string_append_printf(in, "%s=%s\n", (char *)n->data,
					       svc_param(a, n->data));
		}
	}
	g_list_free(names);
	return g_string_free(in, FALSE);
}
