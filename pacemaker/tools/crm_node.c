/*
 * crm_node: this node's name and id, the known nodes, the partition and
 * quorum, and removing a node from the CIB, with pacemaker 2.1.5's flags,
 * output and exit codes.  Pacemaker asks its controller; ours asks
 * corosync through the cluster layer (crm/cluster.h), which is where the
 * controller's answers come from.  Without corosync the tool fails as
 * pacemaker's does without its controller.
 */
#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/cib.h>
#include <crm/cluster.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "tool_version.h"

#define JOIN_TIMEOUT_MS 5000

struct node_opts {
	char command;    /* i l n p q N R */
	const char *arg; /* -N ID, -R NAME */
	bool force;
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "help-all", no_argument, NULL, 'h' },
	{ "help-commands", no_argument, NULL, 'h' },
	{ "help-additional", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "quiet", no_argument, NULL, 'Q' },
	{ "cluster-id", no_argument, NULL, 'i' },
	{ "list", no_argument, NULL, 'l' },
	{ "name", no_argument, NULL, 'n' },
	{ "partition", no_argument, NULL, 'p' },
	{ "quorum", no_argument, NULL, 'q' },
	{ "name-for-id", required_argument, NULL, 'N' },
	{ "remove", required_argument, NULL, 'R' },
	{ "force", no_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage:\n  crm_node [OPTION?]\n\n"
	      "crm_node - Tool for displaying low-level node information\n\n"
	      "Commands:\n"
	      "  -i, --cluster-id         This node's cluster id\n"
	      "  -l, --list               Every known node: id, name and state\n"
	      "  -n, --name               This node's name in the cluster\n"
	      "  -p, --partition          The members of this partition\n"
	      "  -q, --quorum             1 if this partition has quorum, else 0\n"
	      "  -N, --name-for-id=ID     The name of the node with this id\n"
	      "  -R, --remove=NAME        (Advanced) Forget a node that has left the cluster\n"
	      "                           for good (its CIB entries); needs --force\n\n"
	      "Additional Options:\n"
	      "  -f, --force\n\n"
	      "Application Options:\n"
	      "  -$, --version            Display software version and exit\n"
	      "  -V, --verbose            Increase debug output (may be specified multiple times)\n"
	      "  -Q, --quiet              Be less descriptive in output.\n",
	      out);
}

/* Returns 1 when done (help, version), 0, or -1 (usage, exit 64). */
static int parse(int argc, char **argv, struct node_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h$VQilnpqN:R:f", long_opts, NULL)) != -1) {
		if (c == 'h' || c == '$') {
			if (c == 'h') {
				usage(stdout);
			} else {
				tool_print_version(stdout);
			}
			return 1;
		} else if (c == '?') {
			fprintf(stderr, "crm_node: Unknown option %s\n", argv[optind - 1]);
			return -1;
		} else if (strchr("ilnpqNR", c) != NULL) {
			o->command = (char)c;
			o->arg = optarg;
		} else if (c == 'f') {
			o->force = true;
		}
	}
	if (o->command == 0) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static int no_controller(void)
{
	fputs("error: Could not connect to controller: Connection refused\n", stderr);
	return PCMK_EX_DISCONNECT;
}

static int print_name(uint32_t nodeid)
{
	char *name = NULL;
	int rc = pcmk_cluster_node_name(nodeid, &name);

	if (rc == -ENOTCONN) {
		return no_controller();
	}
	if (rc < 0) {
		fprintf(stderr, "crm_node: Could not find the name of node %u: %s\n", nodeid,
			pcmk_strerror(rc));
		return PCMK_EX_NOSUCH;
	}
	printf("%s\n", name);
	free(name);
	return PCMK_EX_OK;
}

/* Joining our own group tells us when the membership is known. */
static void on_message(struct pcmk_cluster *c, uint32_t from, xmlNode *msg, void *data)
{
	(void)c, (void)from, (void)msg, (void)data;
}

static void on_group(struct pcmk_cluster *c, const struct pcmk_group_member *m, size_t nm,
		     const struct pcmk_group_member *j, size_t nj,
		     const struct pcmk_group_member *l, size_t nl, void *data)
{
	(void)c, (void)m, (void)nm, (void)j, (void)nj, (void)l, (void)nl;
	g_main_loop_quit(data);
}

static gboolean on_timeout(gpointer data)
{
	g_main_loop_quit(data);
	return G_SOURCE_REMOVE;
}

static void print_peer(const struct pcmk_peer *p, void *data)
{
	const char *command = data;

	if (*command == 'l') {
		printf("%u %s %s\n", p->nodeid, p->name,
		       p->state == PCMK_PEER_MEMBER ? "member" : "lost");
	} else if (p->state == PCMK_PEER_MEMBER) {
		printf("%s%s", command[1] ? " " : "", p->name);
		((char *)data)[1] = 1; /* a name was printed */
	}
}

static int report(struct pcmk_cluster *c, char command)
{
	char state[2] = { command, 0 };

	switch (command) {
	case 'i':
		printf("%u\n", pcmk_cluster_local_nodeid(c));
		return PCMK_EX_OK;
	case 'q':
		printf("%d\n", pcmk_cluster_quorate(c) ? 1 : 0);
		return pcmk_cluster_quorate(c) ? PCMK_EX_OK : PCMK_EX_QUORUM;
	case 'p':
		pcmk_cluster_foreach_peer(c, print_peer, state);
		putchar('\n');
		return PCMK_EX_OK;
	default:
		pcmk_cluster_foreach_peer(c, print_peer, state);
		return PCMK_EX_OK;
	}
}

static int ask_membership(char command)
{
	const struct pcmk_cluster_ops ops = { .message = on_message, .group_change = on_group };
	GMainLoop *loop = g_main_loop_new(NULL, FALSE);
	char group[64];
	struct pcmk_cluster *c;
	int rc, code;

	snprintf(group, sizeof(group), "crm_node-%ld", (long)getpid());
	c = pcmk_cluster_connect(group, &ops, loop, &rc);
	if (c == NULL) {
		g_main_loop_unref(loop);
		return rc == -ENOTCONN || rc == -ECONNREFUSED ? no_controller()
							      : (int)pcmk_result_to_exit(rc);
	}
	g_timeout_add(JOIN_TIMEOUT_MS, on_timeout, loop);
	g_main_loop_run(loop);
	code = report(c, command);
	pcmk_cluster_disconnect(c);
	g_main_loop_unref(loop);
	return code;
}

static int delete_xpath(struct cib *cib, const char *xpath)
{
	struct cib_op_request req = {
		.op = CIB_OP_DELETE,
		.xpath = xpath,
		.options = CIB_OPT_XPATH | CIB_OPT_MULTIPLE,
		.client = "crm_node",
	};

	return cib_request(cib, &req, 0, NULL, NULL);
}

/* -R: the node's entries in the nodes and status sections go. */
static int remove_node(const struct node_opts *o)
{
	char xpath[512];
	struct cib *cib = NULL;
	int rc;

	if (!o->force) {
		fputs("The supplied command is considered dangerous.  To prevent accidental "
		      "destruction of the cluster, the --force flag is required in order to "
		      "proceed.\n",
		      stderr);
		return PCMK_EX_USAGE;
	}
	if (strchr(o->arg, '\'') != NULL || strlen(o->arg) > 256) {
		fprintf(stderr, "crm_node: '%s' is not a node name\n", o->arg);
		return PCMK_EX_USAGE;
	}
	rc = cib_open("crm_node", false, &cib);
	if (rc == 0) {
		snprintf(xpath, sizeof(xpath), "/cib/configuration/nodes/node[@uname='%s']",
			 o->arg);
		rc = delete_xpath(cib, xpath);
	}
	if (rc == 0) {
		snprintf(xpath, sizeof(xpath), "/cib/status/node_state[@uname='%s']", o->arg);
		rc = delete_xpath(cib, xpath);
	}
	cib_close(cib);
	if (rc < 0) {
		fprintf(stderr, "error: Could not remove node %s from the CIB: %s\n", o->arg,
			pcmk_strerror(rc));
		return pcmk_result_to_exit(rc);
	}
	return PCMK_EX_OK;
}

int main(int argc, char **argv)
{
	struct node_opts o;
	int rc = parse(argc, argv, &o);
	char *end = NULL;
	unsigned long id;

	if (rc != 0) {
		return rc > 0 ? PCMK_EX_OK : PCMK_EX_USAGE;
	}
	switch (o.command) {
	case 'n':
		return print_name(0);
	case 'N':
		id = strtoul(o.arg, &end, 10);
		if (*o.arg == '\0' || *end != '\0' || id == 0 || id > UINT32_MAX) {
			fprintf(stderr, "crm_node: Invalid node id: %s\n", o.arg);
			return PCMK_EX_USAGE;
		}
		return print_name((uint32_t)id);
	case 'R':
		return remove_node(&o);
	default:
		return ask_membership(o.command);
	}
}
