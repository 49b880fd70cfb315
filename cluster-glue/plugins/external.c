/*
 * The external plugin: type "external/NAME" runs the executable
 * STONITH_PLUGIN_DIR/external/NAME with a sub-command as its first argument:
 *   getconfignames         print the required parameter names
 *   gethosts               print the controlled hosts
 *   reset|on|off NODE      act on NODE
 *   status                 exit 0 when the device is reachable
 *   getinfo-devid|devname|devdescr|devurl|xml   print that information
 * The configuration is passed as environment variables; exit status 0 means
 * success.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "external.h"

/* st_plugin_dir() is the library's; plugins read the same variable. */
static const char *ext_plugin_dir(void)
{
	const char *dir = getenv("STONITH_PLUGIN_DIR");

	return (dir != NULL && *dir != '\0') ? dir : STONITH_PLUGIN_DIR;
}

static void *ext_create(Stonith *s, const char *subtype)
{
	struct ext_dev *dev;

	if (subtype == NULL) {
		errno = ENOENT;
		return NULL;
	}
	dev = calloc(1, sizeof(*dev));
	if (dev == NULL) {
		return NULL;
	}
	dev->s = s;
	dev->name = strdup(subtype);
	if (dev->name == NULL ||
	    asprintf(&dev->path, "%s/external/%s", ext_plugin_dir(), subtype) < 0) {
		free(dev->name);
		free(dev);
		errno = ENOMEM;
		return NULL;
	}
	return dev;
}

static void ext_destroy(void *dev)
{
	struct ext_dev *ed = dev;

	stonith_free_hostlist(ed->confignames);
	stonith_free_NVpair(ed->config);
	free(ed->info);
	free(ed->path);
	free(ed->name);
	free(ed);
}

/* The words of OUT, or an empty list when there are none. */
static char **ext_words(const char *out)
{
	char **words = stonith_words_parse(out);

	return (words == NULL && errno == EINVAL) ? calloc(1, sizeof(char *)) : words;
}

/* Names are asked once: they do not change while the device exists. A
 * script that cannot say has no parameters (as an unknown type has). */
static const char *const *ext_get_confignames(void *dev)
{
	struct ext_dev *ed = dev;
	char *out = NULL;

	if (ed->confignames != NULL) {
		return (const char *const *)ed->confignames;
	}
	if (ext_run(ed, "getconfignames", NULL, &out) != 0) {
		free(out);
		out = NULL;
	}
	ed->confignames = out ? ext_words(out) : calloc(1, sizeof(char *));
	free(out);
	return (const char *const *)ed->confignames;
}

static StonithNVpair *ext_copy_pairs(const StonithNVpair *list)
{
	size_t n = 0;
	StonithNVpair *copy;

	while (list[n].s_name != NULL) {
		n++;
	}
	copy = calloc(n + 1, sizeof(*copy));
	for (size_t i = 0; copy != NULL && i < n; i++) {
		copy[i].s_name = strdup(list[i].s_name);
		copy[i].s_value = strdup(list[i].s_value ? list[i].s_value : "");
		if (copy[i].s_name == NULL || copy[i].s_value == NULL) {
			stonith_free_NVpair(copy);
			return NULL;
		}
	}
	return copy;
}

static int ext_set_config(void *dev, const StonithNVpair *list)
{
	struct ext_dev *ed = dev;
	const char *const *names = ext_get_confignames(ed);
	StonithNVpair *copy;
	int rc;

	if (names == NULL) {
		return S_OOPS;
	}
	rc = stonith_require_values(ed->s, names, list);
	if (rc != S_OK) {
		return rc;
	}
	copy = ext_copy_pairs(list);
	if (copy == NULL) {
		return S_OOPS;
	}
	stonith_free_NVpair(ed->config);
	ed->config = copy;
	return S_OK;
}

/* Sub-command of each ST_* info kind. */
static const char *const ext_info_ops[] = {
	[ST_CONF_XML] = "getinfo-xml",       [ST_DEVICEID] = "getinfo-devid",
	[ST_DEVICENAME] = "getinfo-devname", [ST_DEVICEDESCR] = "getinfo-devdescr",
	[ST_DEVICEURL] = "getinfo-devurl",
};

static const char *ext_get_info(void *dev, int infotype)
{
	struct ext_dev *ed = dev;
	char *out = NULL;

	if (infotype <= 0 || (size_t)infotype >= sizeof(ext_info_ops) / sizeof(ext_info_ops[0])) {
		return NULL;
	}
	if (ext_run(ed, ext_info_ops[infotype], NULL, &out) != 0) {
		free(out);
		out = NULL;
	}
	free(ed->info);
	ed->info = out;
	return out;
}

static int ext_get_status(void *dev)
{
	struct ext_dev *ed = dev;
	int rc = ext_run(ed, "status", NULL, NULL);

	if (rc != 0) {
		stonith_log(ed->s, LOG_WARNING, "'%s status' failed with rc %d", ed->name, rc);
		return rc < 0 ? S_OOPS : S_ACCESS;
	}
	return S_OK;
}

/* Sub-command of each operation of stonith_req_reset(). */
static const char *const ext_reset_ops[] = {
	[ST_GENERIC_RESET] = "reset",
	[ST_POWERON] = "on",
	[ST_POWEROFF] = "off",
};

static int ext_req_reset(void *dev, int operation, const char *node)
{
	struct ext_dev *ed = dev;
	const char *op = ext_reset_ops[operation];
	int rc;

	stonith_log(ed->s, LOG_INFO, "Host external-reset initiating on %s", node);
	rc = ext_run(ed, op, node, NULL);
	if (rc != 0) {
		stonith_log(ed->s, LOG_ERR, "'%s %s' for host %s failed with rc %d", ed->name, op,
			    node, rc);
		return rc < 0 ? S_OOPS : S_RESETFAIL;
	}
	return S_OK;
}

static char **ext_get_hostlist(void *dev)
{
	struct ext_dev *ed = dev;
	char *out = NULL;
	char **hosts = NULL;
	int rc = ext_run(ed, "gethosts", NULL, &out);

	if (rc == 0) {
		hosts = stonith_hostlist_parse(out);
	}
	if (hosts == NULL) {
		stonith_log(ed->s, LOG_ERR, "'%s gethosts' returned %d and %s", ed->name, rc,
			    rc == 0 ? "no host" : "failed");
	}
	free(out);
	return hosts;
}

const struct stonith_plugin stonith_plugin = {
	.abi = STONITH_PLUGIN_ABI,
	.create = ext_create,
	.destroy = ext_destroy,
	.get_confignames = ext_get_confignames,
	.set_config = ext_set_config,
	.get_info = ext_get_info,
	.get_status = ext_get_status,
	.req_reset = ext_req_reset,
	.get_hostlist = ext_get_hostlist,
};
