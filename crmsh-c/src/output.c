/*
 * Printing messages: "LEVEL: text", the level word coloured as crmsh
 * colours it (also on a pipe) unless -D plain.
 */
#include <stdarg.h>
#include <stdio.h>

#include <glib.h>

#include "crm.h"

static bool plain_output;

void out_set_plain(bool plain)
{
	plain_output = plain;
}

void out_msg(enum crmconf_level level, const char *text)
{
	static const char *const colour[] = { "\033[32m", "\033[33m", "\033[31m" };
	FILE *to = (level == CRMCONF_ERROR) ? stderr : stdout;

	fflush(stdout);
	if (plain_output) {
		fprintf(to, "%s: %s\n", crmconf_level_name(level), text);
	} else {
		fprintf(to, "%s%s\033[0m: %s\n", colour[level], crmconf_level_name(level), text);
	}
	fflush(to);
}

void out_msgs(struct crmconf_msgs *msgs)
{
	for (guint i = 0; i < msgs->list->len; i++) {
		struct crmconf_msg *m = g_ptr_array_index(msgs->list, i);

		out_msg(m->level, m->text);
	}
	g_ptr_array_set_size(msgs->list, 0);
	msgs->errors = 0;
}

void out_msgf(enum crmconf_level level, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	out_msg(level, text);
	g_free(text);
}
