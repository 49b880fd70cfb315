/*
 * The messages a command produces for the user, and syntax errors.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crmconf_int.h"

static void msg_free(gpointer data)
{
	struct crmconf_msg *m = data;

	g_free(m->text);
	g_free(m);
}

struct crmconf_msgs *crmconf_msgs_new(void)
{
	struct crmconf_msgs *msgs = g_new0(struct crmconf_msgs, 1);

	msgs->list = g_ptr_array_new_with_free_func(msg_free);
	return msgs;
}

void crmconf_msgs_free(struct crmconf_msgs *msgs)
{
	if (msgs != NULL) {
		g_ptr_array_free(msgs->list, TRUE);
		g_free(msgs);
	}
}

void crmconf_msgs_add(struct crmconf_msgs *msgs, enum crmconf_level level, const char *fmt, ...)
{
	struct crmconf_msg *m = NULL;
	va_list ap;

	if (msgs == NULL) {
		return;
	}
	m = g_new0(struct crmconf_msg, 1);
	m->level = level;
	va_start(ap, fmt);
	m->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(msgs->list, m);
	if (level == CRMCONF_ERROR) {
		msgs->errors++;
	}
}

void crmconf_msgs_take(struct crmconf_msgs *to, struct crmconf_msgs *from)
{
	for (guint i = 0; i < from->list->len; i++) {
		struct crmconf_msg *m = g_ptr_array_index(from->list, i);

		crmconf_msgs_add(to, m->level, "%s", m->text);
	}
	g_ptr_array_set_size(from->list, 0);
	from->errors = 0;
}

const char *crmconf_level_name(enum crmconf_level level)
{
	static const char *const names[] = { "INFO", "WARNING", "ERROR" };

	return names[level];
}

char *crmconf_error_text(const struct crmconf_error *err)
{
	return g_strdup_printf("syntax in %s: %s near <%s> parsing '%s'", err->command,
			       err->expected, err->token, err->line);
}

void crmconf_error_clear(struct crmconf_error *err)
{
	if (err != NULL) {
		g_free(err->command);
		g_free(err->token);
		g_free(err->expected);
		g_free(err->line);
		memset(err, 0, sizeof(*err));
	}
}
