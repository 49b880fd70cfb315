/* Internals shared by the files of libstonith. */
#ifndef STONITH_ST_INTERNAL_H
#define STONITH_ST_INTERNAL_H

#include <stdbool.h>
#include <stonith/stonith_plugin.h>

#define ST_EXPORT __attribute__((visibility("default")))

struct stonith {
	char *type;
	void *handle; /* dlopen handle of the plugin */
	const struct stonith_plugin *ops;
	void *dev; /* the plugin's device state */
	stonith_log_fn log;
	void *log_arg;
	char *config_error; /* parameter the last configuration failed on */
	bool configured;
};

/* st_load.c: the plugin directory ($STONITH_PLUGIN_DIR or the built-in one). */
const char *st_plugin_dir(void);

/* st_load.c: load the plugin of TYPE into S (handle, ops, dev); 0 or -errno. */
int st_load(Stonith *s, const char *type);

/* st_load.c: unload what st_load() loaded. */
void st_unload(Stonith *s);

#endif /* STONITH_ST_INTERNAL_H */
