/*
 * The logging {} section of corosync.conf as cs_log settings.
 */
#ifndef CS_LOG_CONFIG_H
#define CS_LOG_CONFIG_H

#include "../common/cs_log.h"
#include "../common/cs_map.h"

/* Fill @s from the logging.* keys of @map (corosync's defaults for what is
 * absent).  Returns 0, or -EINVAL with *error naming the key (caller
 * frees). */
int cs_log_config_read(const struct cs_map *map, struct cs_log_settings *s, char **error);

#endif
