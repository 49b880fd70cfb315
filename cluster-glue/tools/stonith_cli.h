/* The stonith command: its parsed command line and its output helpers. */
#ifndef STONITH_CLI_H
#define STONITH_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <stonith/stonith.h>

struct st_cli {
	const char *type;   /* -t */
	const char *params; /* -p */
	const char *file;   /* -F */
	bool use_env;       /* -E */
	bool silent;        /* -s */
	int verbosity;      /* -v: 1, -d: 2 */
	bool help, list_types, list_hosts, status, names, metadata;
	int operation; /* -T: ST_GENERIC_RESET..., 0 for none */
	long count;    /* -c */
	char **pairs;  /* name=value arguments (pointers into argv) */
	size_t npairs;
	const char *node;
};

/* stonith_show.c: the usage text, to OUT. */
void st_show_usage(FILE *out);

/* stonith_show.c: -h: usage and every type's description, or only TYPE's. */
int st_show_help(const char *type);

/* stonith_show.c: -L. */
int st_show_types(void);

/* stonith_show.c: -n, the config names on one line. */
int st_show_names(Stonith *s);

/* stonith_show.c: -m, the meta-data XML of the device's type. */
int st_show_metadata(Stonith *s);

#endif /* STONITH_CLI_H */
