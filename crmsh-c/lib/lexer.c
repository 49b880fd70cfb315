/*
 * Splitting one command line into tokens as a POSIX shell would split
 * words: blanks separate, single and double quotes group (and are
 * removed), a backslash outside single quotes takes the next character
 * literally.  Each token remembers where it started, for error messages.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crmconf_int.h"

/* Read one token starting at @s (not a blank) into @out; returns the
 * position after it, or NULL when a quote is not closed. */
static const char *lex_word(const char *s, GString *out)
{
	char quote = 0;

	for (; *s != '\0'; s++) {
		if (quote != 0) {
			if (*s == quote) {
				quote = 0;
			} else if ((quote == '"') && (*s == '\\') && (s[1] != '\0')) {
				g_string_append_c(out, *++s);
			} else {
				g_string_append_c(out, *s);
			}
		} else if ((*s == ' ') || (*s == '\t')) {
			break;
		} else if ((*s == '"') || (*s == '\'')) {
			quote = *s;
		} else if ((*s == '\\') && (s[1] != '\0')) {
			g_string_append_c(out, *++s);
		} else {
			g_string_append_c(out, *s);
		}
	}
	return (quote != 0) ? NULL : s;
}

int lex_line(const char *line, struct tok **toks, size_t *n)
{
	GArray *arr = g_array_new(FALSE, FALSE, sizeof(struct tok));
	const char *s = line;

	while (*s != '\0') {
		GString *word = NULL;
		struct tok t;

		if ((*s == ' ') || (*s == '\t') || (*s == '\n') || (*s == '\r')) {
			s++;
			continue;
		}
		word = g_string_new(NULL);
		t.pos = (size_t)(s - line);
		s = lex_word(s, word);
		t.text = g_string_free(word, FALSE);
		g_array_append_val(arr, t);
		if (s == NULL) {
			*n = arr->len;
			*toks = (struct tok *)(void *)g_array_free(arr, FALSE);
			return -EINVAL;
		}
	}
	*n = arr->len;
	*toks = (struct tok *)(void *)g_array_free(arr, FALSE);
	return 0;
}

void lex_free(struct tok *toks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(toks[i].text);
	}
	g_free(toks);
}
