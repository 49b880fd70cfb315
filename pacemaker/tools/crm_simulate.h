/*
 * crm_simulate: run the scheduler on a CIB, show what it would do, and
 * simulate doing it.
 */
#ifndef CRM_SIMULATE_H
#define CRM_SIMULATE_H

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>

struct simulate_opts {
	const char *xml_file;   /* -x */
	const char *xml_text;   /* -X */
	bool xml_pipe;          /* -p */
	bool live;              /* -L */
	bool simulate;          /* -S */
	bool run;               /* -R */
	bool scores;            /* -s */
	bool utilization;       /* -U */
	bool quiet;             /* -Q */
	bool show_attrs;        /* -A */
	bool show_failcounts;   /* -c */
	const char *graph;      /* -G */
	const char *dot;        /* -D */
	const char *output;     /* -O */
	const char *save_input; /* -I */
	const char *date;       /* -t */
	const char *quorum;     /* -q */
	GPtrArray *node_up;     /* -u */
	GPtrArray *node_down;   /* -d */
	GPtrArray *node_fail;   /* -f */
	GPtrArray *op_inject;   /* -i */
	GList *op_fail;         /* -F */
	int verbose;
	bool help;
	bool version;
};

/* Parse argv into @opts (lists allocated; free with simulate_opts_free()).
 * Returns 0, or a negative value after printing the error. */
int simulate_opts_parse(int argc, char **argv, struct simulate_opts *opts);
void simulate_opts_free(struct simulate_opts *opts);
void simulate_usage(FILE *out);

/* Write the dot rendering of transition graph @graph_xml to @path. */
int simulate_write_dot(const char *path, void *graph_xml);

#endif /* CRM_SIMULATE_H */
