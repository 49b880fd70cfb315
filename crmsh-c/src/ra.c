/*
 * Resource agents on this host, for the ra level and completion: OCF
 * agents under the OCF directories (OCF_RA_PATH, $OCF_ROOT/resource.d,
 * the configured one), LSB init scripts, fence agents and cluster-glue
 * stonith plugins (through the `stonith` tool), and their meta-data.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include <crm/common/xml.h>

#include "crm.h"

static const char *const classes[] = { "lsb", "ocf", "service", "stonith", NULL };

const char *const *ra_classes(void)
{
	return classes;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted, without duplicates, NULL-terminated; frees @names. */
static char **finish(GPtrArray *names)
{
	GPtrArray *out = g_ptr_array_new();

	g_ptr_array_sort(names, cmp_str);
	for (guint i = 0; i < names->len; i++) {
		char *n = g_ptr_array_index(names, i);

		if ((out->len == 0) || (strcmp(g_ptr_array_index(out, out->len - 1), n) != 0)) {
			g_ptr_array_add(out, g_strdup(n));
		}
	}
	g_ptr_array_add(out, NULL);
	g_ptr_array_free(names, TRUE);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* Executable files of @dir (with @prefix when not NULL) into @names. */
static void scan(GPtrArray *names, const char *dir, const char *prefix)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *f = NULL;

	while ((d != NULL) && ((f = g_dir_read_name(d)) != NULL)) {
		char *path = g_build_filename(dir, f, NULL);

		if ((f[0] != '.') && ((prefix == NULL) || g_str_has_prefix(f, prefix)) &&
		    g_file_test(path, G_FILE_TEST_IS_REGULAR) && (access(path, X_OK) == 0)) {
			g_ptr_array_add(names, g_strdup(f));
		}
		g_free(path);
	}
	if (d != NULL) {
		g_dir_close(d);
	}
}

char **ra_providers(const char *type)
{
	GPtrArray *dirs = crmconf_ocf_dirs();
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < dirs->len; i++) {
		GDir *d = g_dir_open(g_ptr_array_index(dirs, i), 0, NULL);
		const char *f = NULL;

		while ((d != NULL) && ((f = g_dir_read_name(d)) != NULL)) {
			char *p = g_build_filename(g_ptr_array_index(dirs, i), f, type, NULL);

			if (g_file_test(p, G_FILE_TEST_IS_DIR | G_FILE_TEST_EXISTS)) {
				g_ptr_array_add(names, g_strdup(f));
			}
			g_free(p);
		}
		if (d != NULL) {
			g_dir_close(d);
		}
	}
	g_ptr_array_free(dirs, TRUE);
	return finish(names);
}

/* The `stonith` tool of this installation, else from PATH. */
static char *stonith_tool(void)
{
	char *path = g_build_filename(HA_SBINDIR, "stonith", NULL);

	if (access(path, X_OK) == 0) {
		return path;
	}
	g_free(path);
	return g_strdup("stonith");
}

static char *run(char **argv)
{
	char *out = NULL;

	if (!g_spawn_sync(NULL, argv, NULL,
			  G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL |
				  G_SPAWN_STDIN_FROM_DEV_NULL,
			  NULL, NULL, &out, NULL, NULL, NULL)) {
		out = NULL;
	}
	return out;
}

static void stonith_types(GPtrArray *names)
{
	char *tool = stonith_tool();
	char *argv[] = { tool, (char *)"-L", NULL };
	char *out = run(argv);
	char **lines = g_strsplit(out ? out : "", "\n", -1);

	for (size_t i = 0; lines[i] != NULL; i++) {
		if (*g_strstrip(lines[i]) != '\0') {
			g_ptr_array_add(names, g_strdup(lines[i]));
		}
	}
	g_strfreev(lines);
	g_free(out);
	g_free(tool);
	scan(names, FENCE_AGENT_DIR, "fence_");
	scan(names, "/usr/sbin", "fence_");
}

char **ra_list(const char *cls, const char *provider)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);

	if (g_strcmp0(cls, "ocf") == 0) {
		GPtrArray *dirs = crmconf_ocf_dirs();
		char **provs = (provider != NULL) ? g_strsplit(provider, ",", 1) : ra_providers("");

		for (guint i = 0; i < dirs->len; i++) {
			for (size_t p = 0; provs[p] != NULL; p++) {
				char *d = g_build_filename(g_ptr_array_index(dirs, i), provs[p],
							   NULL);

				scan(names, d, NULL);
				g_free(d);
			}
		}
		g_strfreev(provs);
		g_ptr_array_free(dirs, TRUE);
	} else if (g_strcmp0(cls, "lsb") == 0) {
		scan(names, LSB_INIT_DIR, NULL);
		scan(names, "/etc/init.d", NULL);
	} else if (g_strcmp0(cls, "stonith") == 0) {
		stonith_types(names);
	}
	return finish(names);
}

static void add_specs(GPtrArray *all, const char *prefix, char **names)
{
	for (size_t i = 0; names[i] != NULL; i++) {
		g_ptr_array_add(all, g_strdup_printf("%s%s", prefix, names[i]));
	}
	g_strfreev(names);
}

char **ra_all_specs(void)
{
	GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
	char **provs = ra_providers("");

	for (size_t p = 0; provs[p] != NULL; p++) {
		char *prefix = g_strdup_printf("ocf:%s:", provs[p]);

		add_specs(all, prefix, ra_list("ocf", provs[p]));
		g_free(prefix);
	}
	g_strfreev(provs);
	add_specs(all, "lsb:", ra_list("lsb", NULL));
	add_specs(all, "stonith:", ra_list("stonith", NULL));
	return finish(all);
}

/* The path of OCF agent @provider/@type and its OCF_ROOT, or NULL. */
static char *ocf_path(const char *provider, const char *type, char **root)
{
	GPtrArray *dirs = crmconf_ocf_dirs();
	char *found = NULL;

	for (guint i = 0; (found == NULL) && (i < dirs->len); i++) {
		char *p = g_build_filename(g_ptr_array_index(dirs, i), provider, type, NULL);

		if ((strchr(type, '/') == NULL) && (access(p, X_OK) == 0)) {
			found = p;
			*root = g_path_get_dirname(g_ptr_array_index(dirs, i));
		} else {
			g_free(p);
		}
	}
	g_ptr_array_free(dirs, TRUE);
	return found;
}

static char *ocf_metadata(const char *provider, const char *type)
{
	char *root = NULL;
	char *path = ocf_path(provider, type, &root);
	char *out = NULL;

	if (path != NULL) {
		char *argv[] = { path, (char *)"meta-data", NULL };
		char *old = g_strdup(getenv("OCF_ROOT"));

		g_setenv("OCF_ROOT", root, TRUE);
		out = run(argv);
		if (old != NULL) {
			g_setenv("OCF_ROOT", old, TRUE);
		} else {
			g_unsetenv("OCF_ROOT");
		}
		g_free(old);
	}
	g_free(path);
	g_free(root);
	return out;
}

static char *stonith_metadata(const char *type)
{
	char *fence = g_build_filename(FENCE_AGENT_DIR, type, NULL);
	char *out = NULL;

	if (g_str_has_prefix(type, "fence_")) {
		char *argv[] = { fence, (char *)"-o", (char *)"metadata", NULL };

		if (access(fence, X_OK) < 0) {
			g_free(fence);
			fence = g_build_filename("/usr/sbin", type, NULL);
			argv[0] = fence;
		}
		out = run(argv);
	} else {
		char *tool = stonith_tool();
		char *argv[] = { tool, (char *)"-t", (char *)type, (char *)"-m", NULL };

		out = run(argv);
		g_free(tool);
	}
	g_free(fence);
	return out;
}

xmlDoc *ra_metadata(const char *spec)
{
	char **parts = g_strsplit(spec, ":", 3);
	guint n = g_strv_length(parts);
	char *text = NULL;
	xmlDoc *doc = NULL;

	if (n == 1) {
		text = ocf_metadata("heartbeat", parts[0]);
	} else if ((n == 3) && (strcmp(parts[0], "ocf") == 0)) {
		text = ocf_metadata(parts[1], parts[2]);
	} else if ((n >= 2) && (strcmp(parts[0], "stonith") == 0)) {
		char *type = strchr(spec, ':') + 1;

		text = stonith_metadata(type);
	}
	if ((text != NULL) && (*text != '\0')) {
		/* agents name a DTD; it is neither loaded nor needed */
		doc = xmlReadMemory(text, (int)strlen(text), "meta-data", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					    XML_PARSE_NOBLANKS);
	}
	g_free(text);
	g_strfreev(parts);
	return doc;
}

char **ra_param_names(const char *spec)
{
	xmlDoc *doc = ra_metadata(spec);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	xmlNode *params = pcmk_xml_first_child(xmlDocGetRootElement(doc), "parameters");

	for (xmlNode *p = pcmk_xml_first_child(params, "parameter"); p != NULL;
	     p = pcmk_xml_next(p, true)) {
		g_ptr_array_add(names, g_strdup(pcmk_xml_attr(p, "name")));
	}
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
	return finish(names);
}
