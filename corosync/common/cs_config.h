/*
 * The corosync.conf reader.  It turns the file into cs_map keys the way
 * corosync does: the section path joined with dots (totem.token), repeated
 * node {} blocks numbered (nodelist.node.0.ring0_addr), interface {} blocks
 * keyed by their link number (totem.interface.0.mcastport), logger_subsys
 * {} by their subsys (logging.logger_subsys.QUORUM.debug) and uidgid {}
 * entries as uidgid.config.uid.<uid>.  Known numeric keys are stored as
 * numbers and enumerated values are checked; everything else is a string.
 *
 * Grammar: one item per line.  Blank lines and lines whose first non-blank
 * character is '#' are skipped; "name {" opens a section, "}" closes it,
 * "key: value" is split at the first colon.  Leading and trailing blanks
 * and a final CR are dropped.  Lines are at most 510 characters long.
 */
#ifndef CS_CONFIG_H
#define CS_CONFIG_H

#include <stddef.h>

#include "cs_map.h"

/* corosync reads lines into a 512-byte buffer: 510 characters, a newline
 * and the terminating NUL. */
#define CS_CONFIG_LINE_MAX 510

/* Largest file read, far above any real configuration. */
#define CS_CONFIG_FILE_MAX (16 * 1024 * 1024)

/* Key of the lines map that holds the name of the parsed file (a string). */
#define CS_CONFIG_LINES_FILE_KEY "cs_config.file"

/* Receives notes about obsolete but accepted input ("FILE:LINE: text"); the
 * message is valid during the call only. */
typedef void (*cs_config_warn_fn)(const char *message, void *data);

/* Parse the configuration file @path into @map.  When @lines is not NULL
 * it receives, for every key stored and every section opened (under the
 * section's key prefix, e.g. "totem" or "nodelist.node.1"), the line it
 * came from as a UINT32, plus the file name under CS_CONFIG_LINES_FILE_KEY.
 * Keys are added or replaced, never removed; a later item of the same key
 * wins.  On error neither map is changed and *@error is a malloc'd message
 * "FILE:LINE: what is wrong" (caller frees).  @warn may be NULL.
 * Returns 0, -EINVAL (the text is wrong), -ENOENT (no such file),
 * another -errno from reading the file, or -ENOMEM. */
int cs_config_parse_file(const char *path, struct cs_map *map, struct cs_map *lines, char **error,
			 cs_config_warn_fn warn, void *warn_data);

/* The same for @len bytes of configuration text at @text (NUL bytes are
 * refused); @name is what messages call the file. */
int cs_config_parse_buffer(const char *name, const char *text, size_t len, struct cs_map *map,
			   struct cs_map *lines, char **error, cs_config_warn_fn warn,
			   void *warn_data);

/* Read every file of @dir (corosync's uidgid.d; hidden files and names
 * ending in '~' are skipped) in name order, each in corosync.conf's
 * grammar holding uidgid {} sections only, into @map.  A missing @dir is
 * no error.  Returns 0, or -errno with *@error a malloc'd message naming
 * the file (and line) when a file cannot be read, does not parse, names
 * an unknown user or group, or holds other sections (-EINVAL). */
int cs_config_parse_uidgid_dir(const char *dir, struct cs_map *map, char **error,
			       cs_config_warn_fn warn, void *warn_data);

/* For checks made after parsing: set *@error to a malloc'd
 * "FILE:LINE: KEY: message" (just "KEY: message" when @lines is NULL or has
 * no line for @key) and return -EINVAL; -ENOMEM if it cannot be built. */
int cs_config_error(char **error, const struct cs_map *lines, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* CS_CONFIG_H */
