/*
 * Where agents live, and which names may be looked up there.  Names come
 * from the CIB and from command lines: they must not reach outside their
 * directory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "services_private.h"

static const char *svc_env_or(const char *var, const char *fallback)
{
	const char *v = getenv(var);

	return (v != NULL && *v != '\0') ? v : fallback;
}

char **svc_ocf_ra_dirs(void)
{
	const char *path = getenv("OCF_RA_PATH");
	const char *root = getenv("OCF_ROOT");
	char *one;
	char **dirs;

	if (path != NULL && *path != '\0') {
		return g_strsplit(path, ":", -1);
	}
	one = (root != NULL && *root != '\0') ? g_build_filename(root, "resource.d", NULL)
					      : g_strdup(OCF_RA_DIR);
	dirs = g_new0(char *, 2);
	dirs[0] = one;
	return dirs;
}

const char *svc_ocf_root(void)
{
	return svc_env_or("OCF_ROOT", OCF_ROOT_DIR);
}

const char *svc_lsb_dir(void)
{
	return svc_env_or("PCMK_LSB_INIT_DIR", LSB_INIT_DIR);
}

const char *svc_fence_dir(void)
{
	return svc_env_or("PCMK_FENCE_AGENT_DIR", FENCE_AGENT_DIR);
}

const char *svc_stonith_tool(void)
{
	return svc_env_or("PCMK_STONITH_TOOL", HA_SBINDIR "/stonith");
}

bool svc_is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* One path component: not empty, no '/', not "." or "..". */
static bool svc_plain_name(const char *name)
{
	return name != NULL && *name != '\0' && strchr(name, '/') == NULL &&
	       strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* A cluster-glue plugin type: "NAME" or "external/NAME", plain parts. */
static bool svc_plugin_name(const char *type)
{
	const char *slash = strchr(type, '/');

	if (slash == NULL) {
		return svc_plain_name(type);
	}
	return strncmp(type, "external/", 9) == 0 && svc_plain_name(slash + 1);
}

static int svc_ocf_path(const char *provider, const char *type, char **path)
{
	char **dirs;
	int rc = -ENOENT;

	if (!svc_plain_name(provider) || !svc_plain_name(type)) {
		return -EINVAL;
	}
	dirs = svc_ocf_ra_dirs();
	for (char **d = dirs; *d != NULL && rc != 0; d++) {
		char *p = g_build_filename(*d, provider, type, NULL);

		if (svc_is_executable(p)) {
			*path = p;
			rc = 0;
		} else {
			g_free(p);
		}
	}
	g_strfreev(dirs);
	return rc;
}

static int svc_path_in(const char *dir, const char *type, char **path)
{
	char *p;

	if (!svc_plain_name(type)) {
		return -EINVAL;
	}
	p = g_build_filename(dir, type, NULL);
	if (!svc_is_executable(p)) {
		g_free(p);
		return -ENOENT;
	}
	*path = p;
	return 0;
}

static int svc_stonith_path(const char *type, char **path)
{
	if (!svc_stonith_is_plugin(type)) {
		return svc_path_in(svc_fence_dir(), type, path);
	}
	if (!svc_plugin_name(type)) {
		return -EINVAL;
	}
	/* the plugin itself is checked when the command runs: a type the
	 * command does not know fails there with its own message */
	if (!svc_is_executable(svc_stonith_tool())) {
		return -ENOENT;
	}
	*path = g_strdup(svc_stonith_tool());
	return 0;
}

int svc_agent_path(const char *standard, const char *provider, const char *type, char **path)
{
	enum svc_standard std;
	int rc = svc_standard_parse(standard, &std);

	if (rc < 0) {
		return rc;
	}
	if (type == NULL || path == NULL) {
		return -EINVAL;
	}
	switch (std) {
	case SVC_STD_OCF:
		return svc_ocf_path(provider, type, path);
	case SVC_STD_LSB:
	case SVC_STD_SERVICE:
		return svc_path_in(svc_lsb_dir(), type, path);
	case SVC_STD_STONITH:
	default:
		return svc_stonith_path(type, path);
	}
}
