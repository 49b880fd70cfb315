/*
 * crm: the crm shell in batch form.  Commands come from the command line
 * (`crm configure property stonith-enabled=false`), a file (-f FILE) or
 * standard input; the exit status is 0 when every command succeeded and
 * 1 otherwise, as crmsh's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/common/schemas.h>

#include "crm.h"

#define CRM_COMPAT_VERSION "4.4.0"

static void usage(FILE *out)
{
	fputs("usage: crm [-D display_type] [-f file] [-c cib] [-o name=value] [-w] [-F]\n"
	      "           [-h] [--version] [command ...]\n",
	      out);
}

static void run_stream(struct shell *sh, FILE *in)
{
	char *line = NULL;

	while (!sh->quit && ((line = input_next_line(in)) != NULL)) {
		shell_run_line(sh, line);
		free(line);
	}
}

static int run_file(struct shell *sh, const char *path)
{
	FILE *in = (strcmp(path, "-") == 0) ? stdin : fopen(path, "r");

	if (in == NULL) {
		fprintf(stderr, "ERROR: %s: cannot open\n", path);
		return -1;
	}
	run_stream(sh, in);
	if (in != stdin) {
		fclose(in);
	}
	return 0;
}

static void run(struct shell *sh, const struct crm_opts *o)
{
	if (o->ncommands > 0) {
		char *line = g_strjoinv(" ", o->commands);

		shell_run_line(sh, line);
		g_free(line);
	} else if (o->file != NULL) {
		if (run_file(sh, o->file) < 0) {
			sh->failed = true;
		}
	} else if (isatty(STDIN_FILENO)) {
		ui_set_interactive(true);
		sh->interactive = true;
		interactive_run(sh);
	} else {
		run_stream(sh, stdin);
	}
	shell_finish(sh);
}

int main(int argc, char **argv)
{
	struct crm_opts o = { 0 };
	struct shell sh = { 0 };
	char *error = NULL;

	switch (crm_opts_parse(argc, argv, &o, &error)) {
	case CRM_OPTS_HELP:
		usage(stdout);
		return 0;
	case CRM_OPTS_VERSION:
		printf("crm %s\n", CRM_COMPAT_VERSION);
		return 0;
	case CRM_OPTS_BAD:
		fprintf(stderr, "crm: %s\n", error);
		usage(stderr);
		g_free(error);
		return 1;
	default:
		break;
	}
	out_set_plain(o.plain);
	sh.session.copts.ignore_missing_metadata = o.ignore_missing_metadata;
	sh.session.force = o.force;
	run(&sh, &o);
	options_free(&sh);
	crmconf_agents_cleanup();
	pcmk_schema_cleanup();
	/* an interactive session ends well when the user quits */
	return (sh.failed && !sh.interactive) ? 1 : 0;
}
