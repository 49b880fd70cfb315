/*
 * The null device, for tests: it controls the hosts of its hostlist, is
 * always reachable, and every reset, power-on or power-off request succeeds
 * (for any host, as the established null device does) without doing anything.
 */
#include <errno.h>
#include <stdlib.h>
#include <syslog.h>

#include <stonith/stonith_plugin.h>

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
	return stonith_info_entry(null_info, sizeof(null_info) / sizeof(null_info[0]), infotype);
}

static int null_req_reset(void *dev, int operation, const char *node)
{
	(void)operation;
	stonith_log(((struct stonith_hostlist_dev *)dev)->s, LOG_INFO, "Host null-reset: %s", node);
	return S_OK;
}

const struct stonith_plugin stonith_plugin = {
	.abi = STONITH_PLUGIN_ABI,
	.create = stonith_hostlist_dev_create,
	.destroy = stonith_hostlist_dev_destroy,
	.get_confignames = stonith_hostlist_dev_confignames,
	.set_config = stonith_hostlist_dev_set_config,
	.get_info = null_get_info,
	.get_status = stonith_hostlist_dev_status,
	.req_reset = null_req_reset,
	.get_hostlist = stonith_hostlist_dev_hostlist,
};
