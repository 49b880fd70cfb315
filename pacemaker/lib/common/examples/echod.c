/*
 * echod: run the example IPC server in the foreground.
 *   echod [NAME]     (default name: echo)
 */
#include <stdio.h>
#include <string.h>

#include <crm/common/log.h>
#include "echo_server.h"

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "echo";
	struct pcmk_log_options opts;

	pcmk_log_options_from_env(&opts, "echod");
	opts.logfile[0] = '\0';
	opts.to_stderr = true;
	pcmk_log_init("echod", &opts);
	int rc = echo_server_run(name);
	if (rc < 0) {
		fprintf(stderr, "echod: cannot serve %s: %s\n", name, strerror(-rc));
	}
	pcmk_log_fini();
	return rc < 0 ? 1 : 0;
}
