/*
 * corosync-cpgtool: lists the closed process groups of the cluster and
 * their members (pid, node id and the node's addresses), in corosync
 * 3.1.7's formats: a tab-aligned table, or fields separated by the -d
 * character.  Group names are printed with unprintable bytes escaped
 * (\xNN, and \\ for a backslash) unless -e is given.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <corosync/cfg.h>
#include <corosync/cpg.h>

#include "tool_util.h"

struct cpgtool {
	cpg_handle_t cpg;
	corosync_cfg_handle_t cfg;
	char delimiter; /* 0: the table */
	int escape;
};

static void usage(const char *prog)
{
	printf("%s [-d delimiter] [-e] [-n] [-h]\n\n", prog);
	printf("A tool for displaying cpg groups and members.\n");
	printf("options:\n");
	printf("\t-d\tDelimiter between fields.\n");
	printf("\t-e\tDon't escape unprintable characters in group name.\n");
	printf("\t-n\tDisplay only all existing group names.\n");
	printf("\t-h\tDisplay this help.\n");
}

/* The escape of a byte above 0x7e shows it as a sign-extended char
 * (\xFFFFFFFF for 0xff), as corosync's tool does. */
static void print_group(const struct cpgtool *t, const struct cpg_name *group)
{
	for (uint32_t i = 0; i < group->length && i < CPG_MAX_NAME_LENGTH; i++) {
		char c = group->value[i];
		if (!t->escape || (c >= ' ' && c < 0x7f && c != '\\')) {
			putchar(c);
		} else if (c == '\\') {
			printf("\\\\");
		} else {
			printf("\\x%02X", (unsigned int)(int)c);
		}
	}
}

static int same_group(const struct cpg_name *a, const struct cpg_name *b)
{
	return a->length == b->length && memcmp(a->value, b->value, a->length) == 0;
}

/* -n: each group once.  0 on success, 1 on error. */
static int list_names(const struct cpgtool *t)
{
	cpg_iteration_handle_t it;
	struct cpg_iteration_description_t d;

	cs_error_t error = cpg_iteration_initialize(t->cpg, CPG_ITERATION_NAME_ONLY, NULL, &it);
	if (error != CS_OK) {
		fprintf(stderr, "Cannot initialize cpg iterator error %d\n", error);
		return 1;
	}
	while (cpg_iteration_next(it, &d) == CS_OK) {
		print_group(t, &d.group);
		putchar(t->delimiter ? t->delimiter : '\n');
	}
	if (t->delimiter) {
		putchar('\n');
	}
	cpg_iteration_finalize(it);
	return 0;
}

static void print_member(const struct cpgtool *t, const struct cpg_iteration_description_t *d,
			 struct cpg_name *last)
{
	char addrs[TOOL_ADDRS_MAX * 48];

	if (t->delimiter) {
		print_group(t, &d->group);
		printf("%c%u%c%u\n", t->delimiter, d->pid, t->delimiter, d->nodeid);
		return;
	}
	if (!same_group(last, &d->group)) {
		print_group(t, &d->group);
		putchar('\n');
		*last = d->group;
	}
	tool_node_addrs(t->cfg, d->nodeid, addrs, sizeof(addrs));
	printf("\t\t%10u\t%10u (%s)\n", d->pid, d->nodeid, addrs);
}

/* Every member of every group.  0 on success, 1 on error. */
static int list_members(const struct cpgtool *t)
{
	cpg_iteration_handle_t it;
	struct cpg_iteration_description_t d;
	struct cpg_name last = { 0 };

	cs_error_t error = cpg_iteration_initialize(t->cpg, CPG_ITERATION_ALL, NULL, &it);
	if (error != CS_OK) {
		fprintf(stderr, "Cannot initialize cpg iterator error %d\n", error);
		return 1;
	}
	if (t->delimiter) {
		printf("GRP_NAME%cPID%cNODEID\n", t->delimiter, t->delimiter);
	} else {
		printf("Group Name\t%10s\t%10s\n", "PID", "Node ID");
	}
	while ((error = cpg_iteration_next(it, &d)) == CS_OK) {
		print_member(t, &d, &last);
	}
	if (error != CS_ERR_NO_SECTIONS) {
		fprintf(stderr, "cpg iteration error %d\n", error);
		return 1;
	}
	cpg_iteration_finalize(it);
	return 0;
}

int main(int argc, char **argv)
{
	struct cpgtool t = { .escape = 1 };
	int names_only = 0;
	int opt;

	while ((opt = getopt(argc, argv, "hd:ne")) != -1) {
		switch (opt) {
		case 'd':
			t.delimiter = optarg[0];
			break;
		case 'n':
			names_only = 1;
			break;
		case 'e':
			t.escape = 0;
			break;
		case 'h':
			usage(basename(argv[0]));
			return EXIT_SUCCESS;
		default:
			return EXIT_FAILURE;
		}
	}
	cs_error_t error = cpg_initialize(&t.cpg, NULL);
	if (error != CS_OK) {
		fprintf(stderr, "Could not initialize corosync cpg API error %d\n", error);
		return EXIT_FAILURE;
	}
	error = corosync_cfg_initialize(&t.cfg, NULL);
	if (error != CS_OK) {
		fprintf(stderr, "Could not initialize corosync configuration API error %d\n",
			error);
		return EXIT_FAILURE;
	}
	int rc = names_only ? list_names(&t) : list_members(&t);
	cpg_finalize(t.cpg);
	corosync_cfg_finalize(t.cfg);
	return rc;
}
