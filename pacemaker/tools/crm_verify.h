/*
 * crm_verify: check a CIB (a file, a string, standard input or the live
 * cluster's) for well-formedness, schema conformance and the scheduler's
 * configuration checks, with pacemaker 2.1's flags, messages and exit codes.
 */
#ifndef CRM_VERIFY_H
#define CRM_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

struct verify_opts {
	const char *xml_file;  /* -x */
	const char *xml_text;  /* -X */
	bool xml_pipe;         /* -p */
	bool live;             /* -L */
	const char *save_xml;  /* -S */
	const char *output_as; /* --output-as: "text" or "xml" */
	const char *output_to; /* --output-to */
	int verbose;           /* -V count */
	bool help;
	bool version;
};

/* Parse the command line into @o (which points into @argv).  Returns 0, or
 * -1 after printing what is wrong to stderr (exit 64). */
int verify_opts_parse(int argc, char **argv, struct verify_opts *o);

/* The usage text of --help. */
void verify_usage(FILE *out);

#endif /* CRM_VERIFY_H */
