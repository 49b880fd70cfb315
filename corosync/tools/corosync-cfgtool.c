/*
 * corosync-cfgtool: the local node's links and the nodes it reaches
 * (-s, -b, -n), its addresses (-a), and the administrative commands:
 * reload corosync.conf (-R), reopen the log files (-L), kill a node (-k),
 * shut the daemon down (-H [--force]).  Options, texts and exit statuses
 * are those of corosync 3.1.7's tool (-i and -r are accepted and do
 * nothing, as there).
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <corosync/cfg.h>
#include <corosync/cmap.h>
#include <corosync/corodefs.h>

#include "tool_util.h"

/* try_shutdown is asked again, once a second, while the daemon is busy. */
#define SHUTDOWN_TRIES 30

enum action {
	ACTION_NONE,
	ACTION_LINK_STATUS,
	ACTION_NODE_STATUS,
	ACTION_RELOAD,
	ACTION_REOPEN_LOGS,
	ACTION_SHUTDOWN,
	ACTION_SHOW_ADDRS,
	ACTION_KILL_NODE,
};

struct cfgtool {
	enum action action;
	unsigned int nodeid;
	int brief;
	int force;
};

static void usage(void)
{
	printf("corosync-cfgtool [[-i <interface ip>] [-b] -s] [-R] [-L] [-k nodeid] [-a nodeid] "
	       "[-h] [-H]\n\n");
	printf("A tool for displaying and configuring active parameters within corosync.\n");
	printf("options:\n");
	printf("\t-i\tFinds only information about the specified interface IP address or link id "
	       "when used with -s..\n");
	printf("\t-s\tDisplays the status of the current links on this node.\n");
	printf("\t-n\tDisplays the status of the connected nodes and their links.\n");
	printf("\t-b\tDisplays the brief status of the current links on this node when used with "
	       "-s.\n");
	printf("\t-R\tTell all instances of corosync in this cluster to reload corosync.conf.\n");
	printf("\t-L\tTell corosync to reopen all logging files.\n");
	printf("\t-k\tKill a node identified by node id.\n");
	printf("\t-a\tDisplay the IP address(es) of a node\n");
	printf("\t-h\tPrint basic usage.\n");
	printf("\t-H\tShutdown corosync cleanly on this node.\n");
	printf("\t\t--force will shut down corosync regardless of daemon vetos\n");
}

/* Connect to cfg or exit(1) with corosync's message (@as_text: the error
 * by name, as -R and -L print it). */
static corosync_cfg_handle_t cfg_connect(int as_text)
{
	corosync_cfg_handle_t h;
	cs_error_t error = corosync_cfg_initialize(&h, NULL);

	if (error != CS_OK) {
		if (as_text) {
			fprintf(stderr,
				"Could not initialize corosync configuration API error %s\n",
				cs_strerror(error));
		} else {
			fprintf(stderr,
				"Could not initialize corosync configuration API error %d\n",
				error);
		}
		exit(EXIT_FAILURE);
	}
	return h;
}

static cmap_handle_t cmap_connect(void)
{
	cmap_handle_t h;
	cs_error_t error = cmap_initialize(&h);

	if (error != CS_OK) {
		fprintf(stderr, "Could not initialize corosync cmap API error %d\n", error);
		exit(EXIT_FAILURE);
	}
	return h;
}

/* What -s and -n show besides the node status: the transport, the node
 * ids of the nodelist (sorted) and each link's knet transport. */
struct cluster_view {
	char *transport;
	int knet;
	uint32_t nodes[PROCESSOR_COUNT_MAX];
	int n_nodes;
	char *link_transport[CFG_MAX_LINKS];
};

static void view_free(struct cluster_view *v)
{
	free(v->transport);
	for (int i = 0; i < CFG_MAX_LINKS; i++) {
		free(v->link_transport[i]);
	}
}

static int by_nodeid(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The node ids of "nodelist.node.N.nodeid" keys, sorted.  Exits when the
 * nodelist cannot be read, as corosync's tool does. */
static void read_nodelist(cmap_handle_t cmap, struct cluster_view *v)
{
	cmap_iter_handle_t it;
	char key[CMAP_KEYNAME_MAXLEN + 1];
	cs_error_t error = cmap_iter_init(cmap, "nodelist.node.", &it);

	if (error != CS_OK) {
		fprintf(stderr, "Could not get nodelist from cmap. error %d\n", error);
		exit(EXIT_FAILURE);
	}
	while (cmap_iter_next(cmap, it, key, NULL, NULL) == CS_OK &&
	       v->n_nodes < PROCESSOR_COUNT_MAX) {
		unsigned int pos;
		int end = 0;
		if (sscanf(key, "nodelist.node.%u.nodeid%n", &pos, &end) != 1 || key[end] != '\0' ||
		    end == 0) {
			continue;
		}
		if (cmap_get_uint32(cmap, key, &v->nodes[v->n_nodes]) == CS_OK) {
			v->n_nodes++;
		}
	}
	cmap_iter_finalize(cmap, it);
	if (v->n_nodes == 0) {
		fprintf(stderr, "No nodes found in nodelist\n");
		exit(EXIT_FAILURE);
	}
	qsort(v->nodes, (size_t)v->n_nodes, sizeof(v->nodes[0]), by_nodeid);
}

/* "totem.interface.N.knet_transport" per link; the rest keep the default
 * (udp with knet, nothing for the other transports). */
static void read_link_transports(cmap_handle_t cmap, struct cluster_view *v)
{
	cmap_iter_handle_t it;
	char key[CMAP_KEYNAME_MAXLEN + 1];

	if (cmap_iter_init(cmap, "totem.interface.", &it) != CS_OK) {
		return;
	}
	while (cmap_iter_next(cmap, it, key, NULL, NULL) == CS_OK) {
		unsigned int link;
		char *value;
		int end = 0;
		if (sscanf(key, "totem.interface.%u.knet_transport%n", &link, &end) != 1 ||
		    key[end] != '\0' || link >= CFG_MAX_LINKS) {
			continue;
		}
		if (cmap_get_string(cmap, key, &value) == CS_OK) {
			free(v->link_transport[link]);
			v->link_transport[link] = value;
		}
	}
	cmap_iter_finalize(cmap, it);
}

static void read_view(struct cluster_view *v)
{
	cmap_handle_t cmap = cmap_connect();
	char *transport;

	memset(v, 0, sizeof(*v));
	v->knet = 1;
	if (cmap_get_string(cmap, "totem.transport", &transport) == CS_OK) {
		v->knet = strcmp(transport, "udpu") != 0 && strcmp(transport, "udp") != 0;
		v->transport = transport;
	} else {
		v->transport = strdup("knet"); /* the default transport */
	}
	read_nodelist(cmap, v);
	read_link_transports(cmap, v);
	cmap_finalize(cmap);
}

/* The transport printed after "LINK ID n". */
static const char *link_transport(const struct cluster_view *v, int link)
{
	if (v->link_transport[link] != NULL) {
		return v->link_transport[link];
	}
	return v->knet ? "udp" : "";
}

/* -n: the nodes reachable from here, with their links. */
static void print_nodes(corosync_cfg_handle_t cfg, const struct cluster_view *v, unsigned int local)
{
	struct corosync_cfg_node_status_v1 st;

	for (int i = 0; i < v->n_nodes; i++) {
		if (corosync_cfg_node_status_get(cfg, v->nodes[i], CFG_NODE_STATUS_V1, &st) !=
			    CS_OK ||
		    !st.reachable || st.nodeid == local) {
			continue;
		}
		/* corosync 3.1.7 as built by Debian prints no knet on-wire
		 * versions here. */
		printf("nodeid: %u reachable%s%s\n", st.nodeid, st.remote ? " remote" : "",
		       st.external ? " external" : "");
		for (int j = 0; j < CFG_MAX_LINKS; j++) {
			const struct corosync_knet_link_status_v1 *l = &st.link_status[j];
			if (!l->enabled) {
				continue;
			}
			printf("   LINK: %d %s (%s%s%s) enabled%s%s mtu: %d\n", j,
			       link_transport(v, j), l->src_ipaddr, v->knet ? "->" : "",
			       l->dst_ipaddr, l->connected ? " connected" : "",
			       l->dynconnected ? " dynconnected" : "", l->mtu);
		}
		printf("\n");
	}
}

/* One link's status per node: a digit (bit 0 enabled, bit 1 connected)
 * with -b, else a line each; the local node is "n" / localhost. */
static void print_link(const struct cluster_view *v, const struct corosync_cfg_node_status_v1 *st,
		       int link, int local_index, int brief)
{
	if (brief) {
		printf("\tstatus\t= ");
		for (int j = 0; j < v->n_nodes; j++) {
			const struct corosync_knet_link_status_v1 *l = &st[j].link_status[link];
			putchar(j == local_index ? 'n' : '0' + (l->enabled | (l->connected << 1)));
		}
		printf("\n");
		return;
	}
	printf("\tstatus:\n");
	for (int j = 0; j < v->n_nodes; j++) {
		printf("\t\tnodeid: %10u:\t", st[j].nodeid);
		if (j == local_index) {
			printf("localhost\n");
		} else {
			printf("%s\n",
			       st[j].link_status[link].connected ? "connected" : "disconnected");
		}
	}
}

/* -s: every link, from the status of a node other than the local one (the
 * local node's own link to itself says nothing about the others). */
static void print_links(corosync_cfg_handle_t cfg, const struct cluster_view *v, unsigned int local,
			int brief)
{
	struct corosync_cfg_node_status_v1 *st = calloc((size_t)v->n_nodes, sizeof(*st));
	int local_index = 0, other_index = 0;

	if (st == NULL) {
		fprintf(stderr, "Out of memory\n");
		exit(EXIT_FAILURE);
	}
	for (int i = 0; i < v->n_nodes; i++) {
		if (v->nodes[i] == local) {
			local_index = i;
		} else {
			other_index = i;
		}
		cs_error_t error =
			corosync_cfg_node_status_get(cfg, v->nodes[i], CFG_NODE_STATUS_V1, &st[i]);
		if (error != CS_OK) {
			fprintf(stderr,
				"Could not get the node status for nodeid %d, the error is: %d\n",
				(int)v->nodes[i], error);
		}
	}
	for (int link = 0; link < CFG_MAX_LINKS; link++) {
		if (!st[other_index].link_status[link].enabled) {
			continue;
		}
		printf("LINK ID %d %s\n", link, link_transport(v, link));
		printf("\taddr\t= %s\n", st[other_index].link_status[link].src_ipaddr);
		print_link(v, st, link, local_index, brief);
	}
	free(st);
}

static int node_status(const struct cfgtool *o)
{
	corosync_cfg_handle_t cfg = cfg_connect(0);
	struct cluster_view v;
	unsigned int local;

	read_view(&v);
	cs_error_t error = corosync_cfg_local_get(cfg, &local);
	if (error != CS_OK) {
		fprintf(stderr, "Could not get the local node id, the error is: %d\n", error);
		view_free(&v);
		corosync_cfg_finalize(cfg);
		return EXIT_FAILURE;
	}
	printf("Local node ID %u, transport %s\n", local, v.transport);
	if (o->action == ACTION_NODE_STATUS) {
		print_nodes(cfg, &v, local);
	} else {
		print_links(cfg, &v, local, o->brief);
	}
	view_free(&v);
	corosync_cfg_finalize(cfg);
	return EXIT_SUCCESS;
}

/* A failed reload leaves its reason in cmap.  1 if there is one. */
static int reload_errors(void)
{
	cmap_handle_t cmap = cmap_connect();
	char *msg;
	int rc = 0;

	if (cmap_get_string(cmap, "config.reload_error_message", &msg) == CS_OK) {
		printf("ERROR from reload: %s - see syslog for more information\n", msg);
		free(msg);
		rc = 1;
	}
	cmap_finalize(cmap);
	return rc;
}

/* The status is that of the reload error check alone, as corosync's tool
 * has it, even when the request itself failed. */
static int reload_config(void)
{
	printf("Reloading corosync.conf...\n");
	corosync_cfg_handle_t cfg = cfg_connect(1);
	cs_error_t error = corosync_cfg_reload_config(cfg);
	if (error != CS_OK) {
		fprintf(stderr, "Could not reload configuration. Error %s\n", cs_strerror(error));
	} else {
		printf("Done\n");
	}
	corosync_cfg_finalize(cfg);
	int rc = reload_errors();
	if (rc != 0) {
		fprintf(stderr, "Errors in appying config, corosync.conf might not match the "
				"running system\n");
	}
	return rc;
}

static int reopen_logs(void)
{
	corosync_cfg_handle_t cfg = cfg_connect(1);
	cs_error_t error = corosync_cfg_reopen_log_files(cfg);
	int rc = EXIT_SUCCESS;

	if (error != CS_OK) {
		fprintf(stderr, "Could not reopen corosync logging files. Error %s\n",
			cs_strerror(error));
		rc = (int)error;
	}
	corosync_cfg_finalize(cfg);
	return rc;
}

/* A refused shutdown is reported, but the status stays 0, as corosync's. */
static int shutdown_daemon(int force)
{
	corosync_cfg_handle_t cfg = cfg_connect(0);
	corosync_cfg_shutdown_flags_t flag =
		force ? COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS : COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST;
	cs_error_t error;

	printf("Shutting down corosync\n");
	for (int tries = 0;; tries++) {
		error = corosync_cfg_try_shutdown(cfg, flag);
		if (error != CS_ERR_TRY_AGAIN || tries + 1 >= SHUTDOWN_TRIES) {
			break;
		}
		sleep(1);
	}
	if (error != CS_OK) {
		fprintf(stderr, "Could not shutdown (error = %d)\n", error);
	}
	corosync_cfg_finalize(cfg);
	return EXIT_SUCCESS;
}

static int show_addrs(unsigned int nodeid)
{
	corosync_cfg_handle_t cfg = cfg_connect(0);
	char buf[TOOL_ADDRS_MAX * 48];
	int rc = EXIT_SUCCESS;

	if (tool_node_addrs(cfg, nodeid, buf, sizeof(buf)) == CS_OK) {
		printf("%s\n", buf);
	} else {
		fprintf(stderr, "Could not get node address for nodeid %d\n", (int)nodeid);
		rc = EXIT_FAILURE;
	}
	corosync_cfg_finalize(cfg);
	return rc;
}

static int kill_node(unsigned int nodeid)
{
	printf("Killing node %u\n", nodeid);
	corosync_cfg_handle_t cfg = cfg_connect(0);
	cs_error_t error = corosync_cfg_kill_node(cfg, nodeid, "Killed by corosync-cfgtool");
	if (error != CS_OK) {
		fprintf(stderr, "Could not kill node (error = %s)\n", cs_strerror(error));
		exit(EXIT_FAILURE);
	}
	corosync_cfg_finalize(cfg);
	return EXIT_SUCCESS;
}

/* A node id argument of -k or -a, or exit(1). */
static unsigned int nodeid_arg(const char *arg)
{
	long long v;

	if (tool_strtonum(arg, 1, UINT_MAX, &v) < 0) {
		fprintf(stderr, "The nodeid was not valid, try a positive number\n");
		exit(EXIT_FAILURE);
	}
	return (unsigned int)v;
}

/* The last action given wins, as with corosync's tool. */
static int parse_options(int argc, char **argv, struct cfgtool *o)
{
	static const struct option long_options[] = {
		{ "if", required_argument, NULL, 'i' },
		{ "status", no_argument, NULL, 's' },
		{ "nodes", no_argument, NULL, 'n' },
		{ "brief", no_argument, NULL, 'b' },
		{ "reload", no_argument, NULL, 'R' },
		{ "reopen", no_argument, NULL, 'L' },
		{ "kill", required_argument, NULL, 'k' },
		{ "address", required_argument, NULL, 'a' },
		{ "shutdown", no_argument, NULL, 'H' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "i:snbrRLk:a:hH", long_options, NULL)) != -1) {
		switch (opt) {
		case 'F':
			o->force = 1;
			break;
		case 's':
			o->action = ACTION_LINK_STATUS;
			break;
		case 'n':
			o->action = ACTION_NODE_STATUS;
			break;
		case 'b':
			o->brief = 1;
			break;
		case 'R':
			o->action = ACTION_RELOAD;
			break;
		case 'L':
			o->action = ACTION_REOPEN_LOGS;
			break;
		case 'k':
			o->nodeid = nodeid_arg(optarg);
			o->action = ACTION_KILL_NODE;
			break;
		case 'a':
			o->nodeid = nodeid_arg(optarg);
			o->action = ACTION_SHOW_ADDRS;
			break;
		case 'H':
			o->action = ACTION_SHUTDOWN;
			break;
		case '?':
			return -1;
		default: /* -i, -r, -h */
			break;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cfgtool o = { .action = ACTION_NONE };

	if (parse_options(argc, argv, &o) < 0) {
		return EXIT_FAILURE;
	}
	switch (o.action) {
	case ACTION_LINK_STATUS:
	case ACTION_NODE_STATUS:
		return node_status(&o);
	case ACTION_RELOAD:
		return reload_config();
	case ACTION_REOPEN_LOGS:
		return reopen_logs();
	case ACTION_KILL_NODE:
		return kill_node(o.nodeid);
	case ACTION_SHUTDOWN:
		return shutdown_daemon(o.force);
	case ACTION_SHOW_ADDRS:
		return show_addrs(o.nodeid);
	default:
		usage();
		return EXIT_SUCCESS;
	}
}
