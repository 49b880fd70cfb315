/*
 * meatclient -c NODE [-w]: tell a waiting meatware reset that an operator
 * has power-cycled NODE. -w waits (printing a dot a second) until a reset of
 * NODE is waiting. Exit codes as cluster-glue's meatclient: 0 confirmed,
 * 3 usage or cancelled, 4 no reset of NODE is waiting (or it cannot be told).
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stonith/stonith.h>

#define MC_EXIT_USAGE 3
#define MC_EXIT_IPC 4

static int mc_usage(const char *prog)
{
	fprintf(stderr, "usage: %s -c node [-w]\n", prog);
	return MC_EXIT_USAGE;
}

static void mc_wait_for_request(const char *path)
{
	struct stat st;

	while (stat(path, &st) < 0) {
		putchar('.');
		fflush(stdout);
		sleep(1);
	}
	putchar('\n');
}

/* The operator's answer: only y or Y (first non-blank character) confirms. */
static bool mc_confirmed(const char *node)
{
	char answer[16] = "";

	printf("\nWARNING!\n\n"
	       "Confirm only if node \"%s\" has really been power-cycled, or cut off\n"
	       "from all shared storage and networks: otherwise shared data can be\n"
	       "corrupted and the services moved off it may not work.\n"
	       "Check that this is the name of the node you have just reset.\n\n"
	       "PROCEED? [yN] ",
	       node);
	fflush(stdout);
	if (scanf("%15s", answer) != 1) {
		return false;
	}
	return answer[0] == 'y' || answer[0] == 'Y';
}

static int mc_confirm(const char *node, bool wait)
{
	char *path = stonith_meatware_path(node);
	struct stat st;
	int rc;

	if (path == NULL) {
		fprintf(stderr, "meatclient: invalid node name \"%s\"\n", node);
		return MC_EXIT_USAGE;
	}
	if (wait) {
		mc_wait_for_request(path);
	}
	if (stat(path, &st) < 0) {
		fprintf(stderr, "Meatware_IPC failed: %s: %s\n", path, strerror(errno));
		free(path);
		return MC_EXIT_IPC;
	}
	if (!mc_confirmed(node)) {
		printf("Meatware_client: operation canceled.\n");
		free(path);
		return MC_EXIT_USAGE;
	}
	rc = stonith_meatware_confirm(node);
	if (rc < 0) {
		fprintf(stderr, "Meatware_IPC failed: %s: %s\n", path, strerror(-rc));
	} else {
		printf("Meatware_client: reset confirmed.\n");
	}
	free(path);
	return rc < 0 ? MC_EXIT_IPC : 0;
}

int main(int argc, char **argv)
{
	const char *prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	const char *node = NULL;
	bool wait = false;
	int opt;

	while ((opt = getopt(argc, argv, "c:w")) != -1) {
		if (opt == 'c') {
			node = optarg;
		} else if (opt == 'w') {
			wait = true;
		} else {
			return mc_usage(prog);
		}
	}
	if (node == NULL || optind != argc) {
		return mc_usage(prog);
	}
	return mc_confirm(node, wait);
}
