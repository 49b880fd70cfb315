/*
 * The pacemaker settings file (/etc/sysconfig/pacemaker, else
 * /etc/default/pacemaker): shell-style assignments that systemd would read
 * as an EnvironmentFile and an init script would source.
 *
 * Accepted per line: blank lines, `# comments`, `KEY=value` with an
 * optional `export ` in front, values unquoted (backslash escapes), in
 * 'single' or "double" quotes, or a mix, and a trailing `# comment` after
 * white space.  Variable expansion, command substitution and multi-line
 * values are refused as bad lines, because a value that means something
 * else to the shell than to us must not pass silently.
 */
#ifndef PCMKD_SYSCONFIG_H
#define PCMKD_SYSCONFIG_H

#include <stdbool.h>

struct pcmkd_sysconfig_ops {
	/* A well-formed assignment (strings valid during the call). */
	void (*setting)(const char *key, const char *value, void *data);
	/* Line @line of @path cannot be used; @problem says why. */
	void (*bad_line)(const char *path, unsigned line, const char *problem, void *data);
};

/* Parse one line (without its newline).  Returns 1 with *key and *value
 * (the caller frees both), 0 for a blank or comment line, or -EINVAL with
 * *problem (a static string) for a bad line. */
int pcmkd_sysconfig_parse_line(const char *line, char **key, char **value, const char **problem);

/* Parse @text, the contents of @path, line by line.  Returns the number of
 * bad lines (each reported through ops->bad_line). */
int pcmkd_sysconfig_parse(const char *text, const char *path, const struct pcmkd_sysconfig_ops *ops,
			  void *data);

/* Read and parse the first of the NULL-terminated @paths that exists;
 * *used is set to it (or NULL).  Returns the number of bad lines, -ENOENT
 * when no file exists, or another -errno when it cannot be read. */
int pcmkd_sysconfig_load(const char *const *paths, const char **used,
			 const struct pcmkd_sysconfig_ops *ops, void *data);

/* Whether @key is a PCMK_* setting pacemaker documents (for warning about
 * a misspelt name; unknown names are still passed on). */
bool pcmkd_sysconfig_known(const char *key);

#endif /* PCMKD_SYSCONFIG_H */
