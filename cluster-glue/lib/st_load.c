/*
 * Finding and loading plugins. "TYPE" is the compiled plugin
 * stonith2/TYPE.so; "PLUGIN/NAME" is plugin PLUGIN (in practice "external")
 * driving NAME. Names are checked before they become paths so a type can
 * never reach outside the plugin directory.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_internal.h"

const char *st_plugin_dir(void)
{
	const char *dir = getenv("STONITH_PLUGIN_DIR");

	return (dir != NULL && *dir != '\0') ? dir : STONITH_PLUGIN_DIR;
}

/* A plugin or sub-plugin name: no path separators, no leading dot. */
static bool st_valid_name(const char *name, size_t len)
{
	if (len == 0 || name[0] == '.') {
		return false;
	}
	return memchr(name, '/', len) == NULL;
}

/* Split TYPE into the plugin's name (*PLUGIN, allocated) and *SUBTYPE. */
static int st_split_type(const char *type, char **plugin, const char **subtype)
{
	const char *slash = strchr(type, '/');
	size_t len = slash ? (size_t)(slash - type) : strlen(type);

	if (!st_valid_name(type, len) ||
	    (slash != NULL && !st_valid_name(slash + 1, strlen(slash + 1)))) {
		return -EINVAL;
	}
	*plugin = strndup(type, len);
	if (*plugin == NULL) {
		return -ENOMEM;
	}
	*subtype = slash ? slash + 1 : NULL;
	return 0;
}

static int st_open_plugin(Stonith *s, const char *plugin)
{
	char *path;
	const struct stonith_plugin *ops;

	if (asprintf(&path, "%s/stonith2/%s.so", st_plugin_dir(), plugin) < 0) {
		return -ENOMEM;
	}
	s->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	free(path);
	if (s->handle == NULL) {
		return -ENOENT;
	}
	ops = dlsym(s->handle, STONITH_PLUGIN_SYMBOL);
	if (ops == NULL || ops->abi != STONITH_PLUGIN_ABI) {
		dlclose(s->handle);
		s->handle = NULL;
		return -ELIBBAD;
	}
	s->ops = ops;
	return 0;
}

int st_load(Stonith *s, const char *type)
{
	char *plugin;
	const char *subtype;
	int rc = st_split_type(type, &plugin, &subtype);

	if (rc < 0) {
		return rc == -EINVAL ? -ENOENT : rc;
	}
	rc = st_open_plugin(s, plugin);
	free(plugin);
	if (rc < 0) {
		return rc;
	}
	errno = 0;
	s->dev = s->ops->create(s, subtype);
	if (s->dev == NULL) {
		rc = errno ? -errno : -ENOMEM;
		st_unload(s);
	}
	return rc;
}

void st_unload(Stonith *s)
{
	if (s->dev != NULL) {
		s->ops->destroy(s->dev);
		s->dev = NULL;
	}
	if (s->handle != NULL) {
		dlclose(s->handle);
		s->handle = NULL;
	}
}
