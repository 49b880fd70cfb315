/*
 * Settings corosync reads once, at start-up: clients may not change them
 * (cmap refuses the write) and a reload leaves them as they are until
 * corosync restarts.  Prefixes of cmap keys.
 */
#ifndef CS_STARTUP_KEYS_H
#define CS_STARTUP_KEYS_H

#include <stddef.h>

/* clang-format off */
static const char *const cs_startup_keys[] = {
	"nodelist.local_node_pos",
	"qb.",
	"system.",
	"totem.clear_node_high_bit",
	"totem.cluster_name",
	"totem.crypto_",
	"totem.ip_version",
	"totem.key",
	"totem.link_mode",
	"totem.netmtu",
	"totem.nodeid",
	"totem.rrp_mode",
	"totem.secauth",
	"totem.threads",
	"totem.transport",
	"totem.version",
};
/* clang-format on */

#define CS_N_STARTUP_KEYS (sizeof(cs_startup_keys) / sizeof(cs_startup_keys[0]))

#endif /* CS_STARTUP_KEYS_H */
