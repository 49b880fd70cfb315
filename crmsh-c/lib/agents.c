/*
 * Resource agent meta-data, as the crm shell reads it to check a
 * primitive: OCF agents run "meta-data" from the OCF directories
 * (OCF_RA_PATH, $OCF_ROOT/resource.d, the configured OCF_RA_DIR), fence
 * agents "-o metadata"; LSB scripts and cluster-glue plugins only have to
 * exist.  Results are cached for the life of the process.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

struct agent_meta {
	bool exists;
	bool has_xml;
	GHashTable *params;  /* name -> "" */
	GPtrArray *required; /* char *, NULL-terminated */
	GHashTable *actions; /* name -> advised timeout text ("" when none) */
	GPtrArray *monitors; /* struct monitor_advice *, in meta-data order */
};

/* One of the monitor actions of the meta-data (there is one per role or
 * depth); NULL for what the action does not say. */
struct monitor_advice {
	char *role;
	char *timeout;
};

static void monitor_advice_free(gpointer data)
{
	struct monitor_advice *a = data;

	g_free(a->role);
	g_free(a->timeout);
	g_free(a);
}

static GHashTable *cache; /* spec -> struct agent_meta * */

char *agent_spec(const char *cls, const char *provider, const char *type)
{
	if (provider != NULL) {
		return g_strdup_printf("%s:%s:%s", cls ? cls : "", provider, type ? type : "");
	}
	return g_strdup_printf("%s:%s", cls ? cls : "", type ? type : "");
}

static void meta_free(gpointer data)
{
	struct agent_meta *m = data;

	g_hash_table_destroy(m->params);
	g_ptr_array_free(m->required, TRUE);
	g_hash_table_destroy(m->actions);
	g_ptr_array_free(m->monitors, TRUE);
	g_free(m);
}

void crmconf_agents_cleanup(void)
{
	if (cache != NULL) {
		g_hash_table_destroy(cache);
		cache = NULL;
	}
}

/* Run @argv (with OCF_ROOT=@ocf_root when not NULL) and return its
 * standard output, or NULL. */
static char *run_agent(char **argv, const char *ocf_root)
{
	char **env = g_get_environ();
	char *out = NULL;
	gint status = 0;

	if (ocf_root != NULL) {
		env = g_environ_setenv(env, "OCF_ROOT", ocf_root, TRUE);
	}
	if (!g_spawn_sync(NULL, argv, env, G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_STDIN_FROM_DEV_NULL,
			  NULL, NULL, &out, NULL, &status, NULL)) {
		out = NULL;
	}
	g_strfreev(env);
	return out;
}

static void read_xml(struct agent_meta *m, const char *text)
{
	xmlDoc *doc = NULL;
	xmlNode *root = NULL;

	/* agents' meta-data name a DTD, which the strict pcmk_xml_parse()
	 * refuses; it is neither loaded nor used here */
	if (text != NULL) {
		doc = xmlReadMemory(text, (int)strlen(text), "meta-data", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	}
	if (doc == NULL) {
		return;
	}
	root = xmlDocGetRootElement(doc);
	m->has_xml = true;
	for (xmlNode *p =
		     pcmk_xml_first_child(pcmk_xml_first_child(root, "parameters"), "parameter");
	     p != NULL; p = pcmk_xml_next(p, true)) {
		const char *name = pcmk_xml_attr(p, "name");

		g_hash_table_add(m->params, g_strdup(name));
		if (g_strcmp0(pcmk_xml_attr(p, "required"), "1") == 0) {
			g_ptr_array_insert(m->required, (gint)m->required->len - 1, g_strdup(name));
		}
	}
	for (xmlNode *a = pcmk_xml_first_child(pcmk_xml_first_child(root, "actions"), "action");
	     a != NULL; a = pcmk_xml_next(a, true)) {
		const char *t = pcmk_xml_attr(a, "timeout");

		if (g_strcmp0(pcmk_xml_attr(a, "name"), "monitor") == 0) {
			struct monitor_advice *adv = g_new0(struct monitor_advice, 1);

			adv->role = g_strdup(pcmk_xml_attr(a, "role"));
			adv->timeout = g_strdup(t);
			g_ptr_array_add(m->monitors, adv);
			continue;
		}
		g_hash_table_insert(m->actions, g_strdup(pcmk_xml_attr(a, "name")),
				    g_strdup(t ? t : ""));
	}
	xmlFreeDoc(doc);
}

GPtrArray *crmconf_ocf_dirs(void)
{
	GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
	const char *path = getenv("OCF_RA_PATH");
	const char *root = getenv("OCF_ROOT");

	if (path != NULL) {
		char **parts = g_strsplit(path, ":", -1);

		for (size_t i = 0; parts[i] != NULL; i++) {
			g_ptr_array_add(dirs, g_strdup(parts[i]));
		}
		g_strfreev(parts);
	}
	if (root != NULL) {
		g_ptr_array_add(dirs, g_strdup_printf("%s/resource.d", root));
	}
	g_ptr_array_add(dirs, g_strdup(OCF_RA_DIR));
	return dirs;
}

static void load_ocf(struct agent_meta *m, const char *provider, const char *type)
{
	GPtrArray *dirs = crmconf_ocf_dirs();

	for (guint i = 0; !m->exists && (i < dirs->len); i++) {
		char *path = g_strdup_printf("%s/%s/%s", (char *)g_ptr_array_index(dirs, i),
					     provider ? provider : "heartbeat", type);

		if ((strchr(type, '/') == NULL) && (access(path, X_OK) == 0)) {
			char *root = g_path_get_dirname(g_ptr_array_index(dirs, i));
			char *argv[] = { path, (char *)"meta-data", NULL };
			char *out = run_agent(argv, root);

			m->exists = true;
			read_xml(m, out);
			g_free(out);
			g_free(root);
		}
		g_free(path);
	}
	g_ptr_array_free(dirs, TRUE);
}

static bool exists_in(const char *const *dirs, const char *name, char **found)
{
	for (size_t i = 0; dirs[i] != NULL; i++) {
		char *path = g_strdup_printf("%s/%s", dirs[i], name);

		if (access(path, X_OK) == 0) {
			*found = path;
			return true;
		}
		g_free(path);
	}
	return false;
}

static void load_stonith(struct agent_meta *m, const char *type)
{
	static const char *const fence_dirs[] = { FENCE_AGENT_DIR, "/usr/sbin", NULL };
	static const char *const plugin_dirs[] = { STONITH_PLUGIN_DIR, "/usr/lib/stonith/plugins",
						   NULL };
	char *path = NULL;

	if (exists_in(fence_dirs, type, &path)) {
		char *argv[] = { path, (char *)"-o", (char *)"metadata", NULL };
		char *out = run_agent(argv, NULL);

		m->exists = true;
		read_xml(m, out);
		g_free(out);
	} else if (exists_in(plugin_dirs, type, &path)) {
		m->exists = true;
	}
	g_free(path);
}

static void load_lsb(struct agent_meta *m, const char *type)
{
	static const char *const dirs[] = { LSB_INIT_DIR, "/etc/init.d", NULL };
	char *path = NULL;

	m->exists = exists_in(dirs, type, &path);
	g_free(path);
}

static struct agent_meta *load(const char *cls, const char *provider, const char *type)
{
	struct agent_meta *m = g_new0(struct agent_meta, 1);

	m->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	m->required = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(m->required, NULL);
	m->actions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	m->monitors = g_ptr_array_new_with_free_func(monitor_advice_free);
	if (g_strcmp0(cls, "ocf") == 0) {
		load_ocf(m, provider, type);
	} else if (g_strcmp0(cls, "stonith") == 0) {
		load_stonith(m, type);
	} else if (g_strcmp0(cls, "lsb") == 0) {
		load_lsb(m, type);
	}
	/* systemd and service meta-data need a running systemd: not here */
	return m;
}

const struct agent_meta *agent_meta_get(const char *cls, const char *provider, const char *type,
					bool *exists)
{
	char *spec = agent_spec(cls, provider, type);
	struct agent_meta *m = NULL;

	if (cache == NULL) {
		cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, meta_free);
	}
	m = g_hash_table_lookup(cache, spec);
	if (m == NULL) {
		m = load(cls, provider, type ? type : "");
		g_hash_table_insert(cache, spec, m);
	} else {
		g_free(spec);
	}
	*exists = m->exists;
	return m->has_xml ? m : NULL;
}

bool agent_meta_has_param(const struct agent_meta *m, const char *name)
{
	return g_hash_table_contains(m->params, name);
}

const char *const *agent_meta_required(const struct agent_meta *m)
{
	return (const char *const *)m->required->pdata;
}

/* crmsh advises for a monitor without a role the first monitor of the
 * meta-data, for one with a role the first monitor of that role; it gives
 * up (no advice) at a monitor that names no role before it finds one. */
static const char *monitor_timeout(const struct agent_meta *m, const char *role)
{
	for (guint i = 0; i < m->monitors->len; i++) {
		const struct monitor_advice *a = g_ptr_array_index(m->monitors, i);

		if ((role != NULL) && (a->role == NULL)) {
			break;
		}
		if ((role == NULL) || (strcmp(a->role, role) == 0)) {
			return a->timeout ? a->timeout : "";
		}
	}
	return "";
}

const char *agent_meta_action_timeout(const struct agent_meta *m, const char *name,
				      const char *role)
{
	if (g_strcmp0(name, "monitor") == 0) {
		return monitor_timeout(m, role);
	}
	return g_hash_table_lookup(m->actions, name);
}
