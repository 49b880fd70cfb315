/*
 * cluster-probe: a process in a CPG group through libcrmcluster that
 * prints every event as one line on stdout and sends messages on the
 * commands it reads from stdin, so that scripts can drive several nodes
 * and compare what each saw.
 *
 *   cluster-probe [-g GROUP] [-V]     join GROUP (default "probe")
 *   cluster-probe -N NODEID           print the node's name, no group
 *
 * Lines out:
 *   local id=1 name=node1 quorate=1
 *   peer id=2 name=node2 state=member group=1
 *   group members=1:100,2:230 joined=2:230 left=
 *   quorum quorate=0
 *   msg from=2 seq=a7 bytes=40 sha1=...
 *   sent to=0 seq=a7 bytes=40 sha1=...      (or send-failed ... rc=...)
 *   lost
 * Commands in:
 *   send TO SEQ | burst TO COUNT PREFIX GAP_MS | big TO BYTES SEQ | peers | quit
 *   leave-on SEQ: disconnect from within the callback of message SEQ
 *   (prints "left"; later sends fail)
 * TO is a node id, 0 for all.  A message is <probe seq="SEQ"/>; a big one
 * carries BYTES of text.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>

#include <crm/cluster.h>
#include <crm/common/log.h>
#include <crm/common/mainloop.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

struct probe {
	struct pcmk_cluster *cluster;
	GMainLoop *loop;
	GString *input;
	char *leave_on; /* disconnect from the callback of this message */
};

static const char *const state_names[] = {
	[PCMK_PEER_UNKNOWN] = "unknown",
	[PCMK_PEER_MEMBER] = "member",
	[PCMK_PEER_LOST] = "lost",
};

/* The one-line text of @msg and its SHA-1, for comparing across nodes. */
static void describe(const xmlNode *msg, size_t *bytes, char **sha1)
{
	char *text = pcmk_xml_to_string(msg, false);

	*bytes = text != NULL ? strlen(text) : 0;
	*sha1 = g_compute_checksum_for_string(G_CHECKSUM_SHA1, text != NULL ? text : "", -1);
	free(text);
}

static void on_message(struct pcmk_cluster *c, uint32_t from, xmlNode *msg, void *data)
{
	struct probe *p = data;
	const char *seq = pcmk_xml_attr(msg, "seq");
	size_t bytes;
	char *sha1;

	describe(msg, &bytes, &sha1);
	printf("msg from=%u seq=%s bytes=%zu sha1=%s\n", from, seq != NULL ? seq : "-", bytes,
	       sha1);
	g_free(sha1);
	if (p->leave_on != NULL && seq != NULL && strcmp(seq, p->leave_on) == 0) {
		/* from inside the callback, as a daemon told to stop would */
		pcmk_cluster_disconnect(c);
		p->cluster = NULL;
		printf("left\n");
	}
}

static void print_members(const char *label, const struct pcmk_group_member *m, size_t n)
{
	printf(" %s=", label);
	for (size_t i = 0; i < n; i++) {
		printf("%s%u:%d", i > 0 ? "," : "", m[i].nodeid, (int)m[i].pid);
	}
}

static void on_group(struct pcmk_cluster *c, const struct pcmk_group_member *members,
		     size_t n_members, const struct pcmk_group_member *joined, size_t n_joined,
		     const struct pcmk_group_member *left, size_t n_left, void *data)
{
	(void)c;
	(void)data;
	printf("group");
	print_members("members", members, n_members);
	print_members("joined", joined, n_joined);
	print_members("left", left, n_left);
	printf("\n");
}

static void print_peer(const struct pcmk_peer *peer, void *data)
{
	(void)data;
	printf("peer id=%u name=%s state=%s group=%d\n", peer->nodeid, peer->name,
	       state_names[peer->state], peer->in_group ? 1 : 0);
}

static void on_peer(struct pcmk_cluster *c, const struct pcmk_peer *peer, void *data)
{
	(void)c;
	print_peer(peer, data);
}

static void on_quorum(struct pcmk_cluster *c, bool quorate, void *data)
{
	(void)c;
	(void)data;
	printf("quorum quorate=%d\n", quorate ? 1 : 0);
}

static void on_lost(struct pcmk_cluster *c, void *data)
{
	struct probe *p = data;

	(void)c;
	printf("lost\n");
	g_main_loop_quit(p->loop);
}

static void send_msg(struct probe *p, uint32_t to, xmlNode *msg)
{
	const char *seq = pcmk_xml_attr(msg, "seq");
	int rc = pcmk_cluster_send(p->cluster, to, msg);
	size_t bytes;
	char *sha1;

	describe(msg, &bytes, &sha1);
	if (rc == 0) {
		printf("sent to=%u seq=%s bytes=%zu sha1=%s\n", to, seq, bytes, sha1);
	} else {
		printf("send-failed to=%u seq=%s rc=%d (%s)\n", to, seq, rc, strerror(-rc));
	}
	g_free(sha1);
}

/* <probe seq="@seq"/>, or NULL (said on stdout) when @seq cannot be an
 * attribute or memory runs out. */
static xmlNode *new_msg(const char *seq)
{
	xmlNode *msg = pcmk_xml_new_root("probe");

	if (msg == NULL || pcmk_xml_set_attr(msg, "seq", seq) < 0) {
		printf("bad-message seq=%s\n", seq);
		pcmk_xml_free(msg);
		return NULL;
	}
	return msg;
}

static int cmd_send(struct probe *p, char **argv)
{
	xmlNode *msg = new_msg(argv[2]);

	if (msg == NULL) {
		return -EINVAL;
	}
	send_msg(p, (uint32_t)strtoul(argv[1], NULL, 10), msg);
	pcmk_xml_free(msg);
	return 0;
}

/* A burst in progress: one message per tick of its timer. */
struct burst {
	struct probe *p;
	uint32_t to;
	unsigned long next, count;
	char *prefix;
};

/* Send the burst's next message.  Returns false when the burst is over
 * (and freed). */
static bool burst_step(struct burst *b)
{
	char seq[64];
	xmlNode *msg;

	if (b->next < b->count) {
		snprintf(seq, sizeof(seq), "%s%lu", b->prefix, b->next++);
		msg = new_msg(seq);
		if (msg != NULL) {
			send_msg(b->p, b->to, msg);
			pcmk_xml_free(msg);
		}
	}
	if (b->next < b->count) {
		return true;
	}
	g_free(b->prefix);
	g_free(b);
	return false;
}

static gboolean on_burst_tick(gpointer data)
{
	return burst_step(data) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* burst TO COUNT PREFIX GAP_MS: COUNT messages PREFIX0.., GAP_MS apart
 * (0: all at once), so that bursts from several nodes overlap in time. */
static int cmd_burst(struct probe *p, char **argv)
{
	struct burst *b = g_new0(struct burst, 1);
	unsigned int gap = (unsigned int)strtoul(argv[4], NULL, 10);

	b->p = p;
	b->to = (uint32_t)strtoul(argv[1], NULL, 10);
	b->count = strtoul(argv[2], NULL, 10);
	b->prefix = g_strdup(argv[3]);
	if (gap > 0) {
		g_timeout_add(gap, on_burst_tick, b);
		return 0;
	}
	while (burst_step(b)) {
		/* all at once */
	}
	return 0;
}

/* @bytes of text in lines that differ, so the message is not trivial. */
static char *filler(size_t bytes)
{
	GString *s = g_string_sized_new(bytes + 64);

	for (unsigned int line = 0; s->len < bytes; line++) {
		g_string_append_printf(s, "line %u of the filler, value %u\n", line,
				       line * 2654435761U);
	}
	g_string_truncate(s, bytes);
	return g_string_free(s, FALSE);
}

static int cmd_big(struct probe *p, char **argv)
{
	xmlNode *msg = new_msg(argv[3]);
	xmlNode *data = msg != NULL ? pcmk_xml_add_child(msg, "data") : NULL;
	char *text;

	if (data == NULL) {
		pcmk_xml_free(msg);
		return -ENOMEM;
	}
	text = filler(strtoul(argv[2], NULL, 10));
	xmlNodeAddContent(data, BAD_CAST text);
	g_free(text);
	send_msg(p, (uint32_t)strtoul(argv[1], NULL, 10), msg);
	pcmk_xml_free(msg);
	return 0;
}

static int cmd_peers(struct probe *p, char **argv)
{
	(void)argv;
	pcmk_cluster_foreach_peer(p->cluster, print_peer, NULL);
	printf("quorum quorate=%d\n", pcmk_cluster_quorate(p->cluster) ? 1 : 0);
	return 0;
}

static int cmd_leave_on(struct probe *p, char **argv)
{
	g_free(p->leave_on);
	p->leave_on = g_strdup(argv[1]);
	return 0;
}

static int cmd_quit(struct probe *p, char **argv)
{
	(void)argv;
	g_main_loop_quit(p->loop);
	return 0;
}

static const struct command {
	const char *name;
	int argc; /* words, the command included */
	int (*run)(struct probe *p, char **argv);
} commands[] = {
	{ "send", 3, cmd_send },   { "burst", 5, cmd_burst },       { "big", 4, cmd_big },
	{ "peers", 1, cmd_peers }, { "leave-on", 2, cmd_leave_on }, { "quit", 1, cmd_quit },
};

static void run_line(struct probe *p, const char *line)
{
	char **argv = g_strsplit_set(line, " \t", -1);
	int argc = (int)g_strv_length(argv);
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(commands); i++) {
		if (argc > 0 && strcmp(argv[0], commands[i].name) == 0) {
			break;
		}
	}
	if (argc == 0 || argv[0][0] == '\0') {
		/* an empty line: nothing to do */
	} else if (i == G_N_ELEMENTS(commands) || argc != commands[i].argc) {
		printf("bad-command %s\n", line);
	} else {
		commands[i].run(p, argv);
	}
	g_strfreev(argv);
	fflush(stdout);
}

static gboolean on_stdin(gint fd, GIOCondition cond, gpointer data)
{
	struct probe *p = data;
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));
	char *nl;

	(void)cond;
	if (n <= 0) {
		g_main_loop_quit(p->loop);
		return G_SOURCE_REMOVE;
	}
	g_string_append_len(p->input, buf, n);
	while ((nl = memchr(p->input->str, '\n', p->input->len)) != NULL) {
		*nl = '\0';
		run_line(p, p->input->str);
		g_string_erase(p->input, 0, nl - p->input->str + 1);
	}
	return G_SOURCE_CONTINUE;
}

static int print_name(const char *arg)
{
	char *name = NULL;
	int rc = pcmk_cluster_node_name((uint32_t)strtoul(arg, NULL, 10), &name);

	if (rc < 0) {
		printf("name-failed id=%s rc=%d (%s)\n", arg, rc, strerror(-rc));
		return PCMK_EX_ERROR;
	}
	printf("name id=%s name=%s\n", arg, name);
	free(name);
	return PCMK_EX_OK;
}

static int run(const char *group)
{
	static const struct pcmk_cluster_ops ops = {
		.message = on_message,
		.group_change = on_group,
		.peer_change = on_peer,
		.quorum = on_quorum,
		.lost = on_lost,
	};
	struct probe p = { .loop = g_main_loop_new(NULL, FALSE), .input = g_string_new(NULL) };
	int rc;

	p.cluster = pcmk_cluster_connect(group, &ops, &p, &rc);
	if (p.cluster == NULL) {
		printf("connect-failed rc=%d (%s)\n", rc, strerror(-rc));
		return PCMK_EX_UNAVAILABLE;
	}
	printf("local id=%u name=%s quorate=%d\n", pcmk_cluster_local_nodeid(p.cluster),
	       pcmk_cluster_local_name(p.cluster), pcmk_cluster_quorate(p.cluster) ? 1 : 0);
	g_unix_fd_add(0, G_IO_IN | G_IO_HUP, on_stdin, &p);
	pcmk_mainloop_quit_on_signals(p.loop);
	g_main_loop_run(p.loop);
	pcmk_cluster_disconnect(p.cluster);
	g_main_loop_unref(p.loop);
	g_string_free(p.input, TRUE);
	g_free(p.leave_on);
	return PCMK_EX_OK;
}

int main(int argc, char **argv)
{
	const char *group = "probe", *name_of = NULL;
	int level = LOG_WARNING, opt;

	while ((opt = getopt(argc, argv, "g:N:V")) != -1) {
		if (opt == 'g') {
			group = optarg;
		} else if (opt == 'N') {
			name_of = optarg;
		} else if (opt == 'V') {
			level = LOG_DEBUG;
		} else {
			fprintf(stderr, "usage: cluster-probe [-g GROUP] [-V] | -N NODEID\n");
			return PCMK_EX_USAGE;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	pcmk_log_init_tool("cluster-probe", level);
	int rc = name_of != NULL ? print_name(name_of) : run(group);

	pcmk_log_fini();
	return rc;
}
