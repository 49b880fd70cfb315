/* The external plugin: runs the script external/NAME for every request. */
#ifndef STONITH_EXTERNAL_H
#define STONITH_EXTERNAL_H

#include <stonith/stonith_plugin.h>

struct ext_dev {
	Stonith *s;
	char *name;            /* NAME of external/NAME */
	char *path;            /* the script */
	char **confignames;    /* cached getconfignames output */
	StonithNVpair *config; /* every pair of the last good configuration */
	char *info;            /* output of the last getinfo-* request */
};

/*
 * Run the script with OP (and NODE when not NULL), the configuration in its
 * environment. Returns its exit status (128 + signal number when killed) or a
 * negative errno when it could not be run. *OUTPUT (when OUTPUT is not NULL)
 * receives its standard output, to be freed by the caller.
 */
int ext_run(struct ext_dev *dev, const char *op, const char *node, char **output);

#endif /* STONITH_EXTERNAL_H */
