/*
 * crm's command line: options first, then an optional command (the words
 * left over), e.g. `crm -w configure property stonith-enabled=false`.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "crm.h"

/* -o NAME=VALUE: the preferences the batch mode honours. */
static bool set_option(struct crm_opts *o, const char *kv, char **error)
{
	if ((strcmp(kv, "core.ignore_missing_metadata=yes") == 0) ||
	    (strcmp(kv, "core.ignore_missing_metadata=true") == 0)) {
		o->ignore_missing_metadata = true;
		return true;
	}
	if (strchr(kv, '=') == NULL) {
		*error = g_strdup_printf("Expected NAME=VALUE, got %s", kv);
		return false;
	}
	return true; /* other preferences do not change batch behaviour */
}

/* An option with an argument: -xARG, -x ARG, --long=ARG or --long ARG. */
static const char *option_arg(int argc, char **argv, int *i, const char *s, const char *lng)
{
	size_t l = strlen(lng);

	if ((s[1] != '-') && (s[2] != '\0')) {
		return s + 2;
	}
	if ((s[1] == '-') && (strncmp(s + 2, lng, l) == 0) && (s[2 + l] == '=')) {
		return s + 3 + l;
	}
	return (*i + 1 < argc) ? argv[++*i] : NULL;
}

static const struct {
	char s;
	const char *l;
	bool arg;
} table[] = {
	{ 'f', "file", true },    { 'F', "force", false },   { 'w', "wait", false },
	{ 'D', "display", true }, { 'o', "opt", true },      { 'c', "cib", true },
	{ 'h', "help", false },   { 'V', "version", false }, { 'R', "regression-tests", false },
	{ 'd', "debug", false },
};

static int find(const char *s)
{
	for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
		if (((s[1] != '-') && (s[1] == table[i].s)) ||
		    ((s[1] == '-') && (strncmp(s + 2, table[i].l, strlen(table[i].l)) == 0) &&
		     ((s[2 + strlen(table[i].l)] == '\0') || (s[2 + strlen(table[i].l)] == '=')))) {
			return (int)i;
		}
	}
	return -1;
}

static enum crm_opts_result apply(struct crm_opts *o, char c, const char *arg, char **error)
{
	switch (c) {
	case 'f':
		o->file = arg;
		break;
	case 'F':
		o->force = true;
		break;
	case 'w':
		o->wait = true;
		break;
	case 'D':
		o->plain = (strcmp(arg, "plain") == 0);
		break;
	case 'c':
		g_setenv("CIB_shadow", arg, TRUE);
		break;
	case 'h':
		return CRM_OPTS_HELP;
	case 'V':
		return CRM_OPTS_VERSION;
	case 'o':
		return set_option(o, arg, error) ? CRM_OPTS_RUN : CRM_OPTS_BAD;
	default:
		break;
	}
	return CRM_OPTS_RUN;
}

enum crm_opts_result crm_opts_parse(int argc, char **argv, struct crm_opts *o, char **error)
{
	int i = 1;

	for (; (i < argc) && (argv[i][0] == '-') && (argv[i][1] != '\0'); i++) {
		int t = find(argv[i]);
		const char *arg = NULL;
		enum crm_opts_result r;

		if (t < 0) {
			*error = g_strdup_printf("unknown option %s", argv[i]);
			return CRM_OPTS_BAD;
		}
		if (table[t].arg &&
		    ((arg = option_arg(argc, argv, &i, argv[i], table[t].l)) == NULL)) {
			*error = g_strdup_printf("option %s needs an argument", argv[i]);
			return CRM_OPTS_BAD;
		}
		r = apply(o, table[t].s, arg, error);
		if (r != CRM_OPTS_RUN) {
			return r;
		}
	}
	o->commands = argv + i;
	o->ncommands = argc - i;
	return CRM_OPTS_RUN;
}
