/*
 * Reading batch input: a line ending in a backslash continues on the
 * next; "#" lines and blank lines are skipped.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "crm.h"

static char *read_raw(FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, in);

	if (n < 0) {
		free(line);
		return NULL;
	}
	while ((n > 0) && ((line[n - 1] == '\n') || (line[n - 1] == '\r'))) {
		line[--n] = '\0';
	}
	return line;
}

static bool blank_or_comment(const char *line)
{
	const char *s = line + strspn(line, " \t");

	return (*s == '\0') || (*s == '#');
}

char *input_next_line(FILE *in)
{
	GString *out = NULL;
	char *raw = NULL;

	while ((raw = read_raw(in)) != NULL) {
		size_t n = strlen(raw);
		bool more = (n > 0) && (raw[n - 1] == '\\');

		if ((out == NULL) && blank_or_comment(raw)) {
			free(raw);
			continue;
		}
		if (out == NULL) {
			out = g_string_new(NULL);
		}
		g_string_append_len(out, raw, more ? (gssize)n - 1 : (gssize)n);
		free(raw);
		if (!more) {
			break;
		}
		g_string_append_c(out, ' ');
	}
	if (out == NULL) {
		return NULL;
	}
	{
		char *line = g_string_free(out, FALSE);
		char *copy = strdup(line);

		g_free(line);
		return copy;
	}
}
