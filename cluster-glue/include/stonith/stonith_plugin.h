/*
 * The interface between libstonith and its plugins.
 *
 * A plugin is a shared object in STONITH_PLUGIN_DIR/stonith2/ exporting one
 * table, `stonith_plugin`, of the operations below. The library checks the
 * table's abi field, makes one device state per Stonith object through
 * create(), and calls the other operations with that state. The helpers
 * declared after the table are exported by libstonith for plugins.
 */
#ifndef STONITH_STONITH_PLUGIN_H
#define STONITH_STONITH_PLUGIN_H

#include <stdbool.h>
#include <stonith/stonith.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STONITH_PLUGIN_ABI 1
#define STONITH_PLUGIN_SYMBOL "stonith_plugin"

struct stonith_plugin {
	unsigned int abi; /* STONITH_PLUGIN_ABI */
	/* New device state for S. SUBTYPE is NAME of "PLUGIN/NAME", else NULL.
	 * NULL on failure, with errno set. */
	void *(*create)(Stonith *s, const char *subtype);
	void (*destroy)(void *dev);
	/* Owned by the device state (see stonith_get_confignames()). */
	const char *const *(*get_confignames)(void *dev);
	int (*set_config)(void *dev, const StonithNVpair *list);
	/* Owned by the device state (see stonith_get_info()). */
	const char *(*get_info)(void *dev, int infotype);
	int (*get_status)(void *dev);
	/* NODE is already in lower case. */
	int (*req_reset)(void *dev, int operation, const char *node);
	/* Newly allocated, freed by the library with stonith_free_hostlist(). */
	char **(*get_hostlist)(void *dev);
};

/* The table every plugin exports. */
extern const struct stonith_plugin stonith_plugin;

/** Pass a message to the log function of S (no-op without one). */
void stonith_log(Stonith *s, int priority, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Value of NAME in LIST, or NULL. Owned by LIST. */
const char *stonith_nv_get(const StonithNVpair *list, const char *name);

/** Record NAME as the parameter a configuration call failed on. */
void stonith_set_config_error(Stonith *s, const char *name);

/** S_OK when LIST has every one of NAMES, else S_INVAL naming the first missing. */
int stonith_require_values(Stonith *s, const char *const *names, const StonithNVpair *list);

/**
 * Split TEXT at white space and commas into lower-case names. NULL-terminated,
 * freed with stonith_free_hostlist(). NULL when TEXT has no name (errno
 * EINVAL) or on failure (ENOMEM).
 */
char **stonith_hostlist_parse(const char *text);

/** Like stonith_hostlist_parse(), but split at white space only, keeping case. */
char **stonith_words_parse(const char *text);

/** Copy of a NULL-terminated list (NULL on failure); freed with stonith_free_hostlist(). */
char **stonith_strv_copy(char *const *list);

/** Number of entries of a NULL-terminated list. */
size_t stonith_strv_len(char *const *list);

/*
 * Devices configured by nothing but a "hostlist" parameter (null,
 * meatware) use this state and these operations in their table.
 */
struct stonith_hostlist_dev {
	Stonith *s;
	char **hosts; /* lower case, NULL-terminated; NULL until configured */
};

/** create(): a struct stonith_hostlist_dev; ENOENT for a SUBTYPE. */
void *stonith_hostlist_dev_create(Stonith *s, const char *subtype);
void stonith_hostlist_dev_destroy(void *dev);
/** get_confignames(): just "hostlist". */
const char *const *stonith_hostlist_dev_confignames(void *dev);
/**
 * set_config(): take hostlist from LIST (replacing the hosts there were).
 * S_INVAL when missing, S_BADCONFIG when it names no host, S_OOPS when out
 * of memory.
 */
int stonith_hostlist_dev_set_config(void *dev, const StonithNVpair *list);
/** get_hostlist(): a copy of the hosts. */
char **stonith_hostlist_dev_hostlist(void *dev);
/** get_status(): S_OK, these devices are always reachable. */
int stonith_hostlist_dev_status(void *dev);

/** Entry INFOTYPE (an ST_* info kind) of TABLE of N entries, NULL when out
 * of range: the body of a get_info() that answers from a table. */
const char *stonith_info_entry(const char *const *table, size_t n, int infotype);

/** The <parameters> block describing the single "hostlist" parameter. */
extern const char stonith_hostlist_xml[];

#ifdef __cplusplus
}
#endif
#endif /* STONITH_STONITH_PLUGIN_H */
