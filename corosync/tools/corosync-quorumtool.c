/*
 * corosync-quorumtool: the quorum state of the cluster (-s, or -m to
 * follow it), its members (-l), and the votequorum commands: expected
 * votes (-e), a node's votes (-v [-n]), unregistering a quorum device
 * (-f).  Texts and exit statuses are those of corosync 3.1.7's tool: -s
 * exits with 0 when quorate, 2 when not, 1 on error.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quorumtool.h"
#include "tool_util.h"

#define EXIT_NOT_QUORATE 2

enum command {
	CMD_SHOWNODES,
	CMD_SHOWSTATUS,
	CMD_SETVOTES,
	CMD_SETEXPECTED,
	CMD_MONITOR,
	CMD_UNREGISTER_QDEVICE
};

static void usage(const char *name)
{
	printf("usage: \n");
	printf("%s <options>\n", name);
	printf("\n");
	printf("  options:\n");
	printf("\n");
	printf("  -s             show quorum status\n");
	printf("  -m             constantly monitor quorum status\n");
	printf("  -l             list nodes\n");
	printf("  -a             show all names or addresses for each node\n");
	printf("  -p             when used with -s or -l, generates machine parsable output\n");
	printf("  -v <votes>     change the number of votes for a node (*)\n");
	printf("  -n <nodeid>    optional nodeid of node for -v\n");
	printf("  -e <expected>  change expected votes for the cluster (*)\n");
	printf("  -H             show nodeids in hexadecimal rather than decimal\n");
	printf("  -i             show node IP addresses instead of the resolved name\n");
	printf("  -o <a|n|i>     order by [a] IP address (default), [n] name, [i] nodeid\n");
	printf("  -f             forcefully unregister a quorum device *DANGEROUS* (*)\n");
	printf("  -h             show this help text\n");
	printf("  -V             show version and exit\n");
	printf("\n");
	printf("  (*) Starred items only work if votequorum is the quorum provider for corosync\n");
	printf("\n");
}

/* The configured quorum provider in @buf (@len bytes).  0, or non-zero
 * when quorum is not configured or the key cannot be read. */
static int quorum_provider(const struct quorumtool *t, char *buf, size_t len)
{
	char *str;

	if (t->quorum_type == QUORUM_FREE) {
		return -1;
	}
	cs_error_t error = cmap_get_string(t->cmap, "quorum.provider", &str);
	if (error != CS_OK) {
		return (int)error;
	}
	snprintf(buf, len, "%s", str);
	free(str);
	return 0;
}

/* 1 when votequorum provides quorum, 0 for another provider, -1 when
 * there is none.  corosync's tool tests this for being non-zero in some
 * places and positive in others, and so does this one. */
static int using_votequorum(const struct quorumtool *t)
{
	char provider[256];

	if (quorum_provider(t, provider, sizeof(provider)) != 0) {
		return -1;
	}
	return strcmp(provider, "corosync_votequorum") == 0;
}

static void on_quorum(quorum_handle_t handle, uint32_t quorate, uint64_t ring_seq, uint32_t n,
		      uint32_t *members)
{
	struct quorumtool *t;

	if (quorum_context_get(handle, (const void **)&t) != CS_OK) {
		return;
	}
	t->quorum_called = 1;
	t->quorate = quorate;
	t->ring_seq = ring_seq;
	free(t->members);
	t->members = malloc((n ? n : 1) * sizeof(*members));
	t->n_members = t->members != NULL ? n : 0;
	if (t->members != NULL) {
		memcpy(t->members, members, n * sizeof(*members));
	}
}

static void on_nodelist(votequorum_handle_t handle, uint64_t context, votequorum_ring_id_t ring,
			uint32_t n, uint32_t nodes[])
{
	struct quorumtool *t;

	if (votequorum_context_get(handle, (void **)&t) == CS_OK) {
		t->ring_nodeid = ring.nodeid;
		t->votequorum_called = 1;
	}
}

static void print_votequorum(const struct quorumtool *t, const struct votequorum_info *info)
{
	static const struct {
		unsigned int flag;
		const char *name;
	} flags[] = {
		{ VOTEQUORUM_INFO_TWONODE, "2Node" },
		{ VOTEQUORUM_INFO_QUORATE, "Quorate" },
		{ VOTEQUORUM_INFO_WAIT_FOR_ALL, "WaitForAll" },
		{ VOTEQUORUM_INFO_LAST_MAN_STANDING, "LastManStanding" },
		{ VOTEQUORUM_INFO_AUTO_TIE_BREAKER, "AutoTieBreaker" },
		{ VOTEQUORUM_INFO_ALLOW_DOWNSCALE, "AllowDownscale" },
		{ VOTEQUORUM_INFO_QDEVICE_REGISTERED, "Qdevice" },
	};

	printf("\nVotequorum information\n");
	printf("----------------------\n");
	printf("Expected votes:   %d\n", info->node_expected_votes);
	printf("Highest expected: %d\n", info->highest_expected);
	printf("Total votes:      %d\n", info->total_votes);
	printf("Quorum:           %d %s\n", info->quorum,
	       info->flags & VOTEQUORUM_INFO_QUORATE ? " " : "Activity blocked");
	printf("Flags:            ");
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (info->flags & flags[i].flag) {
			printf("%s ", flags[i].name);
		}
	}
	printf("\n");
}

/* The -s block.  A cs_error_t: that of the local node's votequorum info. */
static cs_error_t print_status(struct quorumtool *t, int quorate)
{
	char provider[256] = "";
	struct votequorum_info info;
	time_t now = time(NULL);

	printf("Quorum information\n");
	printf("------------------\n");
	printf("Date:             %s", ctime(&now));
	if (quorum_provider(t, provider, sizeof(provider)) != 0) {
		snprintf(provider, sizeof(provider), "Not configured");
	}
	printf("Quorum provider:  %s\n", provider);
	printf("Nodes:            %d\n", (int)t->n_members);
	if (t->nodeid_format == NODEID_DECIMAL) {
		printf("Node ID:          %u\n", t->our_nodeid);
	} else {
		printf("Node ID:          0x%08x\n", t->our_nodeid);
	}
	if (t->votequorum) {
		printf("Ring ID:          " CS_PRI_RING_ID "\n", t->ring_nodeid, t->ring_seq);
	} else {
		printf("Ring ID:          " CS_PRI_RING_ID_SEQ "\n", t->ring_seq);
	}
	printf("Quorate:          %s\n", quorate ? "Yes" : "No");
	if (!t->votequorum) {
		return CS_OK;
	}
	memset(&info, 0, sizeof(info));
	cs_error_t error = votequorum_getinfo(t->votequorum, t->our_nodeid, &info);
	if (error == CS_OK || error == CS_ERR_NOT_EXIST) {
		print_votequorum(t, &info);
	} else {
		fprintf(stderr, "Unable to get node info: %s\n", cs_strerror(error));
	}
	quorumtool_print_members(t);
	return error;
}

/* Dispatch quorum events until the notification came.  A cs_error_t. */
static cs_error_t wait_quorum(struct quorumtool *t)
{
	cs_error_t error = CS_OK;

	t->quorum_called = 0;
	while (!t->quorum_called && error == CS_OK) {
		error = quorum_dispatch(t->quorum, CS_DISPATCH_ONE);
		if (error != CS_OK) {
			fprintf(stderr, "Unable to dispatch quorum status: %s\n",
				cs_strerror(error));
		}
	}
	return error;
}

static cs_error_t wait_votequorum(struct quorumtool *t)
{
	cs_error_t error = CS_OK;

	t->votequorum_called = 0;
	while (!t->votequorum_called && error == CS_OK) {
		error = votequorum_dispatch(t->votequorum, CS_DISPATCH_ONE);
		if (error != CS_OK) {
			fprintf(stderr, "Unable to dispatch votequorum status: %s\n",
				cs_strerror(error));
		}
	}
	return error;
}

/* The current quorum state, from both services. */
static cs_error_t read_state(struct quorumtool *t)
{
	cs_error_t error = quorum_trackstart(t->quorum, CS_TRACK_CURRENT);

	if (error != CS_OK) {
		fprintf(stderr, "Unable to start quorum status tracking: %s\n", cs_strerror(error));
		return error;
	}
	error = wait_quorum(t);
	if (quorum_trackstop(t->quorum) != CS_OK) {
		fprintf(stderr, "Unable to stop quorum status tracking: %s\n", cs_strerror(error));
	}
	if (error != CS_OK || !using_votequorum(t)) {
		return error;
	}
	error = votequorum_trackstart(t->votequorum, 0, CS_TRACK_CURRENT);
	if (error != CS_OK) {
		fprintf(stderr, "Unable to start votequorum status tracking: %s\n",
			cs_strerror(error));
		return error;
	}
	return wait_votequorum(t);
}

static int show_status(struct quorumtool *t)
{
	int quorate;
	cs_error_t error = quorum_getquorate(t->quorum, &quorate);

	if (error != CS_OK) {
		fprintf(stderr, "Unable to get cluster quorate status: %s\n", cs_strerror(error));
		return EXIT_FAILURE;
	}
	if (read_state(t) != CS_OK || print_status(t, quorate) != CS_OK) {
		return EXIT_FAILURE;
	}
	return quorate ? EXIT_SUCCESS : EXIT_NOT_QUORATE;
}

/* -m: the status block again after each change, until an error. */
static int monitor_status(struct quorumtool *t)
{
	if (t->quorum_type == QUORUM_FREE) {
		printf("\nQuorum is not configured - cannot monitor\n");
		return show_status(t);
	}
	cs_error_t error = quorum_trackstart(t->quorum, CS_TRACK_CHANGES);
	if (error != CS_OK) {
		fprintf(stderr, "Unable to start quorum status tracking: %s\n", cs_strerror(error));
		return EXIT_FAILURE;
	}
	if (using_votequorum(t)) {
		error = votequorum_trackstart(t->votequorum, 0, CS_TRACK_CHANGES);
		if (error != CS_OK) {
			fprintf(stderr, "Unable to start votequorum status tracking: %s\n",
				cs_strerror(error));
			return EXIT_FAILURE;
		}
	}
	for (;;) {
		error = quorum_dispatch(t->quorum, CS_DISPATCH_ONE);
		if (error != CS_OK) {
			fprintf(stderr, "Unable to dispatch quorum status: %s\n",
				cs_strerror(error));
			return EXIT_FAILURE;
		}
		if (using_votequorum(t) && wait_votequorum(t) != CS_OK) {
			return EXIT_FAILURE;
		}
		error = print_status(t, (int)t->quorate);
		printf("\n");
		fflush(stdout);
		if (error != CS_OK) {
			fprintf(stderr, "Unable to display quorum data: %s\n", cs_strerror(error));
			return EXIT_FAILURE;
		}
	}
}

static int show_nodes(struct quorumtool *t)
{
	cs_error_t error = quorum_trackstart(t->quorum, CS_TRACK_CURRENT);

	if (error != CS_OK) {
		fprintf(stderr, "Unable to start quorum status tracking: %s\n", cs_strerror(error));
		return EXIT_FAILURE;
	}
	if (wait_quorum(t) != CS_OK) {
		return EXIT_FAILURE;
	}
	quorumtool_print_members(t);
	return EXIT_SUCCESS;
}

static int set_votes(struct quorumtool *t, uint32_t nodeid, int votes)
{
	cs_error_t error = votequorum_setvotes(t->votequorum, nodeid, (unsigned int)votes);

	if (error != CS_OK) {
		fprintf(stderr, "Unable to set votes %d for nodeid: %u: %s\n", votes, nodeid,
			cs_strerror(error));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

static int set_expected(struct quorumtool *t, int expected)
{
	cs_error_t error = votequorum_setexpected(t->votequorum, (unsigned int)expected);

	if (error != CS_OK) {
		fprintf(stderr, "Unable to set expected votes: %s\n", cs_strerror(error));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

static int unregister_qdevice(struct quorumtool *t)
{
	struct votequorum_info info;
	cs_error_t error = votequorum_getinfo(t->votequorum, t->our_nodeid, &info);

	if (error != CS_OK) {
		fprintf(stderr, "Unable to get quorum device info: %s\n", cs_strerror(error));
		return EXIT_FAILURE;
	}
	if (!(info.flags & VOTEQUORUM_INFO_QDEVICE_REGISTERED)) {
		return EXIT_SUCCESS;
	}
	error = votequorum_qdevice_unregister(t->votequorum, info.qdevice_name);
	if (error != CS_OK) {
		fprintf(stderr, "Unable to unregister quorum device: %s\n", cs_strerror(error));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

/* Connect to every service the tool needs.  0, or -1 after a message. */
static int connect_all(struct quorumtool *t)
{
	quorum_callbacks_t qcb = { .quorum_notify_fn = on_quorum };
	votequorum_callbacks_t vcb = { .votequorum_nodelist_notify_fn = on_nodelist };

	if (cmap_initialize(&t->cmap) != CS_OK) {
		fprintf(stderr, "Cannot initialize CMAP service\n");
		t->cmap = 0;
		return -1;
	}
	if (quorum_initialize(&t->quorum, &qcb, &t->quorum_type) != CS_OK) {
		fprintf(stderr, "Cannot initialize QUORUM service\n");
		t->quorum = 0;
		return -1;
	}
	quorum_context_set(t->quorum, t);
	if (corosync_cfg_initialize(&t->cfg, NULL) != CS_OK) {
		fprintf(stderr, "Cannot initialise CFG service\n");
		t->cfg = 0;
		return -1;
	}
	if (using_votequorum(t) <= 0) {
		return 0;
	}
	if (votequorum_initialize(&t->votequorum, &vcb) != CS_OK) {
		fprintf(stderr, "Cannot initialise VOTEQUORUM service\n");
		t->votequorum = 0;
		return -1;
	}
	votequorum_context_set(t->votequorum, t);
	if (cmap_get_uint32(t->cmap, "runtime.votequorum.this_node_id", &t->our_nodeid) != CS_OK) {
		fprintf(stderr, "Unable to retrieve this_node_id\n");
		return -1;
	}
	return 0;
}

static void disconnect_all(struct quorumtool *t)
{
	if (t->cmap) {
		cmap_finalize(t->cmap);
	}
	if (t->quorum) {
		quorum_finalize(t->quorum);
	}
	if (t->cfg) {
		corosync_cfg_finalize(t->cfg);
	}
	if (t->votequorum) {
		votequorum_finalize(t->votequorum);
	}
	free(t->members);
}

struct options {
	enum command command;
	int votes;
	uint32_t nodeid;
	int nodeid_set;
};

/* A number argument in [@min, @max], or exit(1) with @complaint. */
static long long number_arg(const char *arg, long long min, long long max, const char *complaint)
{
	long long v;

	if (tool_strtonum(arg, min, max, &v) < 0) {
		fprintf(stderr, "%s\n", complaint);
		exit(EXIT_FAILURE);
	}
	return v;
}

static void parse_sort(struct quorumtool *t, const char *arg)
{
	static const struct {
		const char *name;
		enum sort_order sort;
	} orders[] = { { "a", SORT_ADDR }, { "i", SORT_NODEID }, { "n", SORT_NAME } };

	for (size_t i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
		if (strcmp(arg, orders[i].name) == 0) {
			t->sort = orders[i].sort;
			return;
		}
	}
	fprintf(stderr, "Invalid ordering option. valid orders are a(address), i(node ID) or "
			"n(name)\n");
	exit(EXIT_FAILURE);
}

static void parse_options(int argc, char **argv, struct quorumtool *t, struct options *o)
{
	int opt;

	while ((opt = getopt(argc, argv, "VHaslpmfe:v:hin:o:")) != -1) {
		switch (opt) {
		case 'f':
			o->command = CMD_UNREGISTER_QDEVICE;
			break;
		case 's':
			o->command = CMD_SHOWSTATUS;
			break;
		case 'a':
			t->all_addrs = 1;
			break;
		case 'm':
			o->command = CMD_MONITOR;
			break;
		case 'i':
			t->name_format = NAME_IP;
			break;
		case 'H':
			t->nodeid_format = NODEID_HEX;
			break;
		case 'l':
			o->command = CMD_SHOWNODES;
			break;
		case 'p':
			t->machine_parsable = 1;
			break;
		case 'e':
			o->votes = (int)number_arg(optarg, 1, INT_MAX,
						   "New expected votes value was not valid, try a "
						   "positive number");
			o->command = CMD_SETEXPECTED;
			break;
		case 'n':
			o->nodeid = (uint32_t)number_arg(optarg, 1, UINT_MAX,
							 "The nodeid was not valid, try a positive "
							 "number");
			o->nodeid_set = 1;
			break;
		case 'v':
			o->votes = (int)number_arg(optarg, 0, INT_MAX,
						   "New votes value was not valid, try a positive "
						   "number or zero");
			o->command = CMD_SETVOTES;
			break;
		case 'o':
			parse_sort(t, optarg);
			break;
		case 'V':
			printf("corosync-quorumtool version: %s\n", COROSYNC_API_VERSION);
			exit(EXIT_SUCCESS);
		case 'h':
			usage(argv[0]);
			exit(EXIT_SUCCESS);
		default:
			usage(argv[0]);
			exit(EXIT_FAILURE);
		}
	}
}

static int run(struct quorumtool *t, const struct options *o)
{
	const char *why = NULL;

	switch (o->command) {
	case CMD_SHOWNODES:
		return show_nodes(t);
	case CMD_SHOWSTATUS:
		return show_status(t);
	case CMD_MONITOR:
		return monitor_status(t);
	case CMD_SETVOTES:
		if (using_votequorum(t) > 0) {
			return set_votes(t, o->nodeid_set ? o->nodeid : t->our_nodeid, o->votes);
		}
		why = "You cannot change node votes, corosync is not using votequorum";
		break;
	case CMD_SETEXPECTED:
		if (using_votequorum(t) > 0) {
			return set_expected(t, o->votes);
		}
		why = "You cannot change expected votes, corosync is not using votequorum";
		break;
	case CMD_UNREGISTER_QDEVICE:
		if (using_votequorum(t) > 0) {
			return unregister_qdevice(t);
		}
		why = "You cannot unregister quorum device, corosync is not using votequorum";
		break;
	}
	fprintf(stderr, "%s\n", why);
	return EXIT_FAILURE;
}

int main(int argc, char **argv)
{
	struct quorumtool t = { .nodeid_format = NODEID_DECIMAL,
				.name_format = NAME_RESOLVED,
				.sort = SORT_ADDR };
	struct options o = { .command = CMD_SHOWSTATUS };

	parse_options(argc, argv, &t, &o);
	if (connect_all(&t) < 0) {
		disconnect_all(&t);
		return EXIT_FAILURE;
	}
	int rc = run(&t, &o);
	disconnect_all(&t);
	return rc;
}
