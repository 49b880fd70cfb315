/*
 * The null device, for tests: it controls the hosts of its hostlist, is
 * always reachable, and every reset, power-on or power-off request succeeds
 * (for any host, as the established null device does) without doing anything.
 */
#include <errno.h>
#include <stdlib.h>
#include <syslog.h>

#include <stonith/stonith_plugin.h>

struct null_dev {
	Stonith *s;
	char **hosts;
};

static const char *const null_names[] = { "hostlist", NULL };

static void *null_create(Stonith *s, const char *subtype)
{
	struct null_dev *dev;

	if (subtype != NULL) {
		errno = ENOENT;
		return NULL;
	}
	dev = calloc(1, sizeof(*dev));
	if (dev != NULL) {
		dev->s = s;
	}
	return dev;
}

static void null_destroy(void *dev)
{
	struct null_dev *nd = dev;

	stonith_free_hostlist(nd->hosts);
	free(nd);
}

static const char *const *null_get_confignames(void *dev)
{
	(void)dev;
	return null_names;
}

static int null_set_config(void *dev, const StonithNVpair *list)
{
	struct null_dev *nd = dev;

	return stonith_hostlist_configure(nd->s, list, &nd->hosts);
}

/* Indexed by ST_* info kind. */
static const char *const null_info[] = {
	[ST_CONF_XML] = stonith_hostlist_xml,
	[ST_DEVICEID] = "NULL STONITH device",
	[ST_DEVICENAME] = "NULL STONITH device",
	[ST_DEVICEDESCR] =
		"A device that does nothing: every request on it succeeds.\nFor tests only.",
	[ST_DEVICEURL] = NULL,
};

static const char *null_get_info(void *dev, int infotype)
{
	(void)dev;
	if (infotype < 0 || (size_t)infotype >= sizeof(null_info) / sizeof(null_info[0])) {
		return NULL;
	}
	return null_info[infotype];
}

static int null_get_status(void *dev)
{
	(void)dev;
	return S_OK;
}

static int null_req_reset(void *dev, int operation, const char *node)
{
	(void)operation;
	stonith_log(((struct null_dev *)dev)->s, LOG_INFO, "Host null-reset: %s", node);
	return S_OK;
}

static char **null_get_hostlist(void *dev)
{
	return stonith_strv_copy(((struct null_dev *)dev)->hosts);
}

const struct stonith_plugin stonith_plugin = {
	.abi = STONITH_PLUGIN_ABI,
	.create = null_create,
	.destroy = null_destroy,
	.get_confignames = null_get_confignames,
	.set_config = null_set_config,
	.get_info = null_get_info,
	.get_status = null_get_status,
	.req_reset = null_req_reset,
	.get_hostlist = null_get_hostlist,
};
