/*
 * What is installed: standards, OCF providers and the agents of each
 * standard, read from the agent directories.
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "services_private.h"

#define SVC_LIST_TIMEOUT_MS 30000

/* pacemaker's order, which crm_resource --list-standards prints */
static const char *const svc_standards[] = { "ocf", "lsb", "service", "stonith" };

int svc_list_standards(GList **out)
{
	if (out == NULL) {
		return -EINVAL;
	}
	*out = NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(svc_standards); i++) {
		*out = g_list_append(*out, g_strdup(svc_standards[i]));
	}
	return 0;
}

typedef bool (*svc_entry_filter)(const char *dir, const char *name);

/* Insert @name into the sorted list @set unless it is there already. */
static GList *svc_set_add(GList *set, const char *name)
{
	if (g_list_find_custom(set, name, (GCompareFunc)strcmp) != NULL) {
		return set;
	}
	return g_list_insert_sorted(set, g_strdup(name), (GCompareFunc)strcmp);
}

/* Names in @dir that @keep accepts, added to @set; hidden ones never.  A
 * missing directory adds nothing. */
static GList *svc_scan_dir(GList *set, const char *dir, svc_entry_filter keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL) {
		return set;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.' && keep(dir, e->d_name)) {
			set = svc_set_add(set, e->d_name);
		}
	}
	closedir(d);
	return set;
}

static bool svc_is_subdir(const char *dir, const char *name)
{
	char *p = g_build_filename(dir, name, NULL);
	struct stat st;
	bool yes = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

	g_free(p);
	return yes;
}

static bool svc_is_agent(const char *dir, const char *name)
{
	char *p = g_build_filename(dir, name, NULL);
	bool yes = svc_is_executable(p);

	g_free(p);
	return yes;
}

static bool svc_is_fence_agent(const char *dir, const char *name)
{
	return g_str_has_prefix(name, "fence_") && svc_is_agent(dir, name);
}

int svc_list_ocf_providers(GList **out)
{
	char **dirs;

	if (out == NULL) {
		return -EINVAL;
	}
	*out = NULL;
	dirs = svc_ocf_ra_dirs();
	for (char **d = dirs; *d != NULL; d++) {
		*out = svc_scan_dir(*out, *d, svc_is_subdir);
	}
	g_strfreev(dirs);
	return 0;
}

static GList *svc_ocf_agents(const char *provider)
{
	char **dirs = svc_ocf_ra_dirs();
	GList *set = NULL;

	for (char **d = dirs; *d != NULL; d++) {
		GList *provs = provider ? g_list_append(NULL, g_strdup(provider))
					: svc_scan_dir(NULL, *d, svc_is_subdir);

		for (GList *p = provs; p != NULL; p = p->next) {
			char *dir = g_build_filename(*d, p->data, NULL);

			set = svc_scan_dir(set, dir, svc_is_agent);
			g_free(dir);
		}
		g_list_free_full(provs, g_free);
	}
	g_strfreev(dirs);
	return set;
}

/* The cluster-glue plugin types, as the stonith command lists them.  No
 * command (or a failing one) means no plugins, not an error. */
static GList *svc_plugin_types(GList *set)
{
	char *argv[] = { (char *)svc_stonith_tool(), "-L", NULL };
	char *text = NULL;
	char **lines;

	if (svc_run_command(argv, SVC_LIST_TIMEOUT_MS, &text) < 0) {
		return set;
	}
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l != NULL; l++) {
		g_strstrip(*l);
		if (**l != '\0') {
			set = svc_set_add(set, *l);
		}
	}
	g_strfreev(lines);
	g_free(text);
	return set;
}

int svc_list_agents(const char *standard, const char *provider, GList **out)
{
	enum svc_standard std;
	int rc;

	if (out == NULL) {
		return -EINVAL;
	}
	*out = NULL;
	if ((rc = svc_standard_parse(standard, &std)) < 0) {
		return rc;
	}
	if (provider != NULL &&
	    (*provider == '\0' || strchr(provider, '/') != NULL || strcmp(provider, "..") == 0)) {
		return -EINVAL;
	}
	switch (std) {
	case SVC_STD_OCF:
		*out = svc_ocf_agents(provider);
		break;
	case SVC_STD_LSB:
	case SVC_STD_SERVICE:
		*out = svc_scan_dir(NULL, svc_lsb_dir(), svc_is_agent);
		break;
	case SVC_STD_STONITH:
	default:
		*out = svc_plugin_types(svc_scan_dir(NULL, svc_fence_dir(), svc_is_fence_agent));
		break;
	}
	return 0;
}

int svc_list_ocf_providers_of(const char *type, GList **out)
{
	GList *provs = NULL;
	int rc;

	if (out == NULL || type == NULL) {
		return -EINVAL;
	}
	*out = NULL;
	if ((rc = svc_list_ocf_providers(&provs)) < 0) {
		return rc;
	}
	for (GList *p = provs; p != NULL; p = p->next) {
		char *path = NULL;

		if (svc_agent_path("ocf", p->data, type, &path) == 0) {
			*out = g_list_append(*out, g_strdup(p->data));
		}
		g_free(path);
	}
	g_list_free_full(provs, g_free);
	return 0;
}
