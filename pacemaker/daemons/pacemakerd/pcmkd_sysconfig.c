/*
 * The pacemaker settings file (see pcmkd_sysconfig.h): a small lexer for
 * the subset of shell assignments that means the same to systemd, to a
 * sourcing init script and to us.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "pcmkd_sysconfig.h"

/* The PCMK_* variables of pacemaker's settings file, plus the ones its
 * daemons read without the file documenting them. */
static const char *const known_keys[] = {
	"PCMK_authkey_location", "PCMK_blackbox",       "PCMK_callgrind_enabled",
	"PCMK_cluster_type",     "PCMK_debug",          "PCMK_dh_max_bits",
	"PCMK_dh_min_bits",      "PCMK_fail_fast",      "PCMK_ipc_buffer",
	"PCMK_ipc_type",         "PCMK_logfacility",    "PCMK_logfile",
	"PCMK_logfile_mode",     "PCMK_logpriority",    "PCMK_node_start_state",
	"PCMK_panic_action",     "PCMK_remote_address", "PCMK_remote_port",
	"PCMK_schema_directory", "PCMK_stderr",         "PCMK_tls_priorities",
	"PCMK_trace_blackbox",   "PCMK_trace_files",    "PCMK_trace_formats",
	"PCMK_trace_functions",  "PCMK_trace_tags",     "PCMK_valgrind_enabled",
};

bool pcmkd_sysconfig_known(const char *key)
{
	for (size_t i = 0; i < G_N_ELEMENTS(known_keys); i++) {
		if (strcmp(known_keys[i], key) == 0) {
			return true;
		}
	}
	return false;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *p)
{
	while (is_blank(*p)) {
		p++;
	}
	return p;
}

/* Characters after '$' that make the shell expand something. */
static bool starts_expansion(char c)
{
	return c != '\0' && (isalnum((unsigned char)c) || strchr("_{(@*#?$!-", c) != NULL);
}

/* A '$' or '`' at @p that the shell would expand: the problem, else NULL. */
static const char *expansion_problem(const char *p)
{
	if (*p == '`') {
		return "command substitution (`...`) is not supported";
	}
	if (*p == '$' && starts_expansion(p[1])) {
		return "variable expansion ($...) is not supported";
	}
	return NULL;
}

/* The body of '...' after the opening quote; returns the closing quote. */
static const char *lex_single(const char *p, GString *out, const char **problem)
{
	const char *end = strchr(p, '\'');

	if (end == NULL) {
		*problem = "unterminated single quote (values cannot span lines)";
		return NULL;
	}
	g_string_append_len(out, p, end - p);
	return end;
}

/* The body of "..." after the opening quote; returns the closing quote. */
static const char *lex_double(const char *p, GString *out, const char **problem)
{
	for (; *p != '"'; p++) {
		if (*p == '\0') {
			*problem = "unterminated double quote (values cannot span lines)";
			return NULL;
		}
		if ((*problem = expansion_problem(p)) != NULL) {
			return NULL;
		}
		if (*p == '\\' && p[1] != '\0' && strchr("$`\"\\", p[1]) != NULL) {
			p++;
		}
		g_string_append_c(out, *p);
	}
	return p;
}

/* One unquoted character at @p; returns the last character consumed. */
static const char *lex_plain(const char *p, GString *out, const char **problem)
{
	if ((*problem = expansion_problem(p)) != NULL) {
		return NULL;
	}
	if (strchr(";&|<>()", *p) != NULL) {
		*problem = "shell operators are not supported (quote the value)";
		return NULL;
	}
	if (*p == '\\') {
		if (p[1] == '\0') {
			*problem = "a backslash at the end of the line (values cannot span lines)";
			return NULL;
		}
		p++;
	}
	g_string_append_c(out, *p);
	return p;
}

/* The value starting at @p, up to white space or the end of the line.
 * Returns where it ends, or NULL with *problem. */
static const char *lex_value(const char *p, GString *out, const char **problem)
{
	while (p != NULL && *p != '\0' && !is_blank(*p)) {
		if (*p == '\'') {
			p = lex_single(p + 1, out, problem);
		} else if (*p == '"') {
			p = lex_double(p + 1, out, problem);
		} else {
			p = lex_plain(p, out, problem);
		}
		if (p != NULL) {
			p++;
		}
	}
	return p;
}

/* "export" and the blanks after it, if the line starts with them. */
static const char *skip_export(const char *p)
{
	if (strncmp(p, "export", 6) == 0 && is_blank(p[6])) {
		return skip_blanks(p + 6);
	}
	return p;
}

/* The KEY of KEY=; returns the '=' or NULL with *problem. */
static const char *lex_key(const char *p, char **key, const char **problem)
{
	const char *start = p;

	if (isalpha((unsigned char)*p) || *p == '_') {
		while (isalnum((unsigned char)*p) || *p == '_') {
			p++;
		}
	}
	if (p == start || *p != '=') {
		if (p != start && *skip_blanks(p) == '=') {
			*problem = "no spaces are allowed around '='";
		} else {
			*problem = "expected KEY=value with KEY a shell variable name";
		}
		return NULL;
	}
	*key = g_strndup(start, p - start);
	return p;
}

int pcmkd_sysconfig_parse_line(const char *line, char **key, char **value, const char **problem)
{
	const char *p = skip_blanks(line);
	GString *out;

	*key = NULL;
	*value = NULL;
	if (*p == '\0' || *p == '#') {
		return 0;
	}
	p = lex_key(skip_export(p), key, problem);
	if (p == NULL) {
		return -EINVAL;
	}
	out = g_string_new(NULL);
	p = lex_value(p + 1, out, problem);
	if (p != NULL && *(p = skip_blanks(p)) != '\0' && *p != '#') {
		*problem = "text after the value (quote a value that contains spaces)";
		p = NULL;
	}
	if (p == NULL) {
		g_free(*key);
		*key = NULL;
		g_string_free(out, TRUE);
		return -EINVAL;
	}
	*value = g_string_free(out, FALSE);
	return 1;
}

int pcmkd_sysconfig_parse(const char *text, const char *path, const struct pcmkd_sysconfig_ops *ops,
			  void *data)
{
	char **lines = g_strsplit(text, "\n", -1);
	int bad = 0;

	for (unsigned i = 0; lines[i] != NULL; i++) {
		char *line = lines[i], *key, *value;
		size_t len = strlen(line);
		const char *problem = NULL;

		if (len > 0 && line[len - 1] == '\r') {
			line[len - 1] = '\0';
		}
		int rc = pcmkd_sysconfig_parse_line(line, &key, &value, &problem);
		if (rc < 0) {
			bad++;
			ops->bad_line(path, i + 1, problem, data);
		} else if (rc > 0) {
			ops->setting(key, value, data);
			g_free(key);
			g_free(value);
		}
	}
	g_strfreev(lines);
	return bad;
}

/* GLib's file errors back to errno values, as the header promises. */
static int file_error_to_errno(const GError *error)
{
	static const struct {
		GFileError code;
		int errnum;
	} map[] = {
		{ G_FILE_ERROR_NOENT, ENOENT },
		{ G_FILE_ERROR_ACCES, EACCES },
		{ G_FILE_ERROR_ISDIR, EISDIR },
		{ G_FILE_ERROR_PERM, EPERM },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
		if (g_error_matches(error, G_FILE_ERROR, map[i].code)) {
			return -map[i].errnum;
		}
	}
	return -EIO;
}

int pcmkd_sysconfig_load(const char *const *paths, const char **used,
			 const struct pcmkd_sysconfig_ops *ops, void *data)
{
	*used = NULL;
	for (; *paths != NULL; paths++) {
		GError *error = NULL;
		char *text = NULL;

		if (!g_file_get_contents(*paths, &text, NULL, &error)) {
			int rc = file_error_to_errno(error);

			g_error_free(error);
			if (rc == -ENOENT) {
				continue;
			}
			*used = *paths;
			return rc;
		}
		*used = *paths;
		int bad = pcmkd_sysconfig_parse(text, *paths, ops, data);
		g_free(text);
		return bad;
	}
	return -ENOENT;
}
