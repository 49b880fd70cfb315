/*
 * echo-client: send one XML request to an IPC server and print the reply.
 *   echo-client NAME '<echo><x/></echo>'
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/xml.h>

int main(int argc, char **argv)
{
	struct pcmk_ipc_conn *conn;
	xmlDoc *request = NULL;
	xmlDoc *reply = NULL;
	char *error = NULL;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: echo-client NAME XML\n");
		return 2;
	}
	pcmk_log_init_tool("echo-client", LOG_ERR);
	if (pcmk_xml_parse(argv[2], strlen(argv[2]), &request, &error) < 0) {
		fprintf(stderr, "echo-client: bad request: %s\n", error);
		free(error);
		return 2;
	}
	conn = pcmk_ipc_connect(argv[1], &rc);
	if (conn != NULL) {
		rc = pcmk_ipc_call(conn, xmlDocGetRootElement(request), 5000, &reply);
	}
	if (rc < 0) {
		fprintf(stderr, "echo-client: %s: %s\n", argv[1], strerror(-rc));
	} else {
		char *text = pcmk_xml_to_string(xmlDocGetRootElement(reply), true);
		fputs(text, stdout);
		free(text);
	}
	xmlFreeDoc(reply);
	xmlFreeDoc(request);
	pcmk_ipc_close(conn);
	pcmk_log_fini();
	return rc < 0 ? 1 : 0;
}
