/*
 * The CIB schemas: RelaxNG files pacemaker-X.Y.rng (pacemaker-1.0 ...
 * pacemaker-3.x), validation of a CIB against the one its validate-with
 * names, and upgrades of older CIBs by XSLT.
 *
 * Schemas are read from PCMK_SCHEMA_DIR, or from the directory in the
 * PCMK_schema_directory environment variable (tests, uninstalled builds).
 * Loaded schemas are cached for the life of the process.
 */
#ifndef PCMK_COMMON_SCHEMAS_H
#define PCMK_COMMON_SCHEMAS_H

#include <stdbool.h>
#include <libxml/tree.h>

/* Name of the newest schema ("pacemaker-3.9").  Static string. */
const char *pcmk_schema_latest(void);

/* Whether @name is a schema we know ("pacemaker-1.2", "pacemaker-3.9",
 * "pacemaker-next", "none"). */
bool pcmk_schema_known(const char *name);

/* Validate document @cib against the schema its validate-with names (the
 * newest when missing; "none" accepts anything).  Returns 0, or
 * -PCMK_E_SCHEMA with *@error (when not NULL) a malloc'd message naming
 * the element, its line when known and the problem (caller frees);
 * -EINVAL for an unknown schema name; -ENOENT when the schema file cannot
 * be loaded. */
int pcmk_schema_validate(xmlDoc *cib, char **error);

/* As pcmk_schema_validate() against schema @name. */
int pcmk_schema_validate_as(xmlDoc *cib, const char *name, char **error);

/* Upgrade *@cib to the newest schema through the stylesheets, then
 * validate it and set validate-with.  Returns 0 with *@cib replaced (old
 * document freed), -PCMK_E_SCHEMA_UNCHANGED when already the newest,
 * -PCMK_E_TRANSFORM or -PCMK_E_SCHEMA (with *@error) when it cannot be
 * upgraded; *@cib untouched on failure. */
int pcmk_schema_upgrade(xmlDoc **cib, char **error);

/* Free the cached schemas (for leak checkers).  Safe to call twice. */
void pcmk_schema_cleanup(void);

#endif /* PCMK_COMMON_SCHEMAS_H */
