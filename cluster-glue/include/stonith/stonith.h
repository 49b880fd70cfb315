/*
 * libstonith: drive a fencing (STONITH) device through a plugin.
 *
 * A device is made by type name: "null", "meatware", or "external/NAME"
 * (the executable NAME in the plugin directory's external/ folder).
 * Compiled plugins are shared objects in STONITH_PLUGIN_DIR/stonith2/;
 * the environment variable STONITH_PLUGIN_DIR overrides that directory.
 *
 * Every function returning int returns one of the S_* result codes.
 * The library never prints; plugins report through the log function set
 * with stonith_set_log().
 */
#ifndef STONITH_STONITH_H
#define STONITH_STONITH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes (the values are the stonith command's exit codes). */
#define S_OK 0        /* the request worked */
#define S_BADCONFIG 1 /* a configuration value is unusable */
#define S_ACCESS 2    /* the device cannot be reached */
#define S_INVAL 3     /* a parameter is missing or invalid */
#define S_BADHOST 4   /* the host is not one this device controls */
#define S_RESETFAIL 5 /* the reset (or on/off) failed */
#define S_TIMEOUT 6   /* the request timed out or was interrupted */
#define S_ISOFF 7     /* the host is powered off */
#define S_OOPS 8      /* an internal failure (out of memory, no such plugin) */

/* Operations of stonith_req_reset(). */
#define ST_GENERIC_RESET 1
#define ST_POWERON 2
#define ST_POWEROFF 3

/* Kinds of information of stonith_get_info(). */
#define ST_CONF_XML 1    /* the <parameters> block of the meta-data */
#define ST_DEVICEID 2    /* short identification (meta-data shortdesc) */
#define ST_DEVICENAME 3  /* name of the device model */
#define ST_DEVICEDESCR 4 /* longer description (meta-data longdesc) */
#define ST_DEVICEURL 5   /* where to read more */

/* One configuration parameter; lists end with an entry whose s_name is NULL. */
typedef struct stonith_nvpair {
	char *s_name;
	char *s_value;
} StonithNVpair;

typedef struct stonith Stonith;

/* Log sink for plugin messages; priority is a syslog priority (LOG_ERR...). */
typedef void (*stonith_log_fn)(int priority, const char *msg, void *arg);

/**
 * Create a device of TYPE. Returns NULL when the type is unknown or its
 * plugin cannot be loaded (errno: ENOENT, ENOMEM, ELIBBAD).
 * The caller frees it with stonith_delete().
 */
Stonith *stonith_new(const char *type);

/** Destroy a device made by stonith_new(); NULL is a no-op. */
void stonith_delete(Stonith *s);

/** The type name the device was made with; owned by the device. */
const char *stonith_type(const Stonith *s);

/** Route plugin messages of S to FN (NULL: drop them). */
void stonith_set_log(Stonith *s, stonith_log_fn fn, void *arg);

/**
 * Every known type, sorted: the compiled plugins and "external/NAME" for
 * each executable in the external folder. NULL-terminated; the caller frees
 * it with stonith_free_hostlist(). NULL on failure.
 */
char **stonith_types(void);

/**
 * The names of the device's required parameters, in the order of
 * stonith_set_config_info(). NULL-terminated, owned by the device and valid
 * until it is deleted. NULL on failure.
 */
const char *const *stonith_get_confignames(Stonith *s);

/**
 * Configure from name/value pairs (the caller keeps LIST). Every name of
 * stonith_get_confignames() must be present (S_INVAL otherwise, see
 * stonith_config_error()); a present but unusable value gives S_BADCONFIG.
 */
int stonith_set_config(Stonith *s, const StonithNVpair *list);

/**
 * Configure from a string of values in the order of the config names,
 * separated by white space; the last name takes the rest of the string.
 */
int stonith_set_config_info(Stonith *s, const char *info);

/**
 * Configure from the first line of FILE that is neither empty nor a comment
 * (# in the first column), read as stonith_set_config_info() reads a string.
 * S_BADCONFIG when the file cannot be read or has no such line.
 */
int stonith_set_config_file(Stonith *s, const char *file);

/**
 * The parameter that made the last stonith_set_config*() call fail, or
 * NULL. Owned by the device, valid until the next configuration call.
 */
const char *stonith_config_error(const Stonith *s);

/**
 * Pairs for every config name from the environment variable of the same
 * name. NULL when one is unset (errno ENOENT) or on failure. The caller frees
 * the list with stonith_free_NVpair().
 */
StonithNVpair *stonith_env_to_NVpair(Stonith *s);

/** Free a list made by stonith_env_to_NVpair(); NULL is a no-op. */
void stonith_free_NVpair(StonithNVpair *list);

/** Whether the device answers (S_OK) or not (S_ACCESS, S_BADCONFIG...). */
int stonith_get_status(Stonith *s);

/**
 * The hosts the device controls, lower case, NULL-terminated. The caller
 * frees it with stonith_free_hostlist(). NULL on failure or when empty.
 */
char **stonith_get_hostlist(Stonith *s);

/** Free a NULL-terminated string list of this library; NULL is a no-op. */
void stonith_free_hostlist(char **hlist);

/**
 * Reset, power on or power off NODE (ST_GENERIC_RESET, ST_POWERON,
 * ST_POWEROFF). The node name is compared in lower case.
 */
int stonith_req_reset(Stonith *s, int operation, const char *node);

/**
 * Information of kind INFOTYPE (ST_*), or NULL when the device has none.
 * Owned by the device, valid until the next stonith_get_info() call on it.
 */
const char *stonith_get_info(Stonith *s, int infotype);

/** The name of a result code ("S_OK", "S_BADCONFIG"...), "S_unknown" else. */
const char *stonith_result_name(int rc);

/** A short English explanation of a result code. */
const char *stonith_result_text(int rc);

/**
 * Meatware: where a pending reset of NODE waits for its confirmation.
 * Directory HA_RUNDIR, or $STONITH_MEATWARE_DIR when set. The caller frees
 * the path. NULL on failure.
 */
char *stonith_meatware_path(const char *node);

/**
 * Meatware: confirm that an operator has reset NODE, waking the waiting
 * reset request. Returns 0, -ENOENT when no reset of NODE is waiting, or
 * another negative errno.
 */
int stonith_meatware_confirm(const char *node);

#ifdef __cplusplus
}
#endif
#endif /* STONITH_STONITH_H */
