/*
 * corosync-quorumtool: the membership table and the names of its nodes,
 * as corosync 3.1.7's tool prints them.
 */
#include <limits.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "quorumtool.h"
#include "tool_util.h"

struct member {
	uint32_t nodeid;
	char *name;
	struct votequorum_info info;
};

void quorumtool_print_padded(const char *text)
{
	printf("%10s ", text);
}

void quorumtool_print_padded_u32(uint32_t value)
{
	printf("%10u ", value);
}

/* The "name" of the nodelist entry whose nodeid is @nodeid, in @buf (@len
 * bytes; "" if none). */
static void nodelist_name(struct quorumtool *t, uint32_t nodeid, char *buf, size_t len)
{
	cmap_iter_handle_t it;
	char key[CMAP_KEYNAME_MAXLEN + 1], field[CMAP_KEYNAME_MAXLEN + 1];
	unsigned int pos;

	buf[0] = '\0';
	if (cmap_iter_init(t->cmap, "nodelist.node.", &it) != CS_OK) {
		return;
	}
	while (cmap_iter_next(t->cmap, it, key, NULL, NULL) == CS_OK) {
		uint32_t id;
		char *name;
		if (sscanf(key, "nodelist.node.%u.%255s", &pos, field) != 2 ||
		    strcmp(field, "nodeid") != 0 || cmap_get_uint32(t->cmap, key, &id) != CS_OK ||
		    id != nodeid) {
			continue;
		}
		snprintf(key, sizeof(key), "nodelist.node.%u.name", pos);
		if (cmap_get_string(t->cmap, key, &name) != CS_OK) {
			continue;
		}
		snprintf(buf, len, "%s", name);
		free(name);
		break;
	}
	cmap_iter_finalize(t->cmap, it);
}

/* Append the name (or with -i the number) of @addr to @buf at *@used. */
static void append_address(const struct quorumtool *t, const corosync_cfg_node_address_t *addr,
			   char *buf, size_t len, size_t *used)
{
	const struct sockaddr *sa = (const struct sockaddr *)addr->address;
	socklen_t salen = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
						    : sizeof(struct sockaddr_in);
	int flags = t->name_format == NAME_IP ? NI_NUMERICHOST : 0;

	if (getnameinfo(sa, salen, buf + *used, len - *used, NULL, 0, flags) == 0) {
		*used += strlen(buf + *used);
	}
}

/* The nodelist name stands for the first address; -a adds the others. */
char *quorumtool_node_name(struct quorumtool *t, uint32_t nodeid)
{
	char buf[(INET6_ADDRSTRLEN + 1) * TOOL_ADDRS_MAX + _POSIX_HOST_NAME_MAX];
	corosync_cfg_node_address_t addrs[TOOL_ADDRS_MAX];
	size_t used = 0;
	int first = 0, n = 0;

	buf[0] = '\0';
	memset(addrs, 0, sizeof(addrs)); /* a daemon may send fewer than asked for */
	if (t->name_format == NAME_RESOLVED) {
		nodelist_name(t, nodeid, buf, _POSIX_HOST_NAME_MAX);
		used = strlen(buf);
		first = used > 0;
	}
	cs_error_t error = corosync_cfg_get_node_addrs(t->cfg, nodeid, TOOL_ADDRS_MAX, &n, addrs);
	if (error != CS_OK) {
		fprintf(stderr, "Unable to get node address for nodeid %u: %s\n", nodeid,
			cs_strerror(error));
		return strdup("");
	}
	if (!t->all_addrs || n > TOOL_ADDRS_MAX) {
		n = t->all_addrs ? TOOL_ADDRS_MAX : 1;
	}
	for (int i = first; i < n; i++) {
		if (((const struct sockaddr *)addrs[i].address)->sa_family == 0) {
			continue;
		}
		if (i) {
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, ", ");
		}
		append_address(t, &addrs[i], buf, sizeof(buf), &used);
	}
	char *name = strdup(buf);
	return name != NULL ? name : strdup("");
}

static int by_nodeid(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	return x->nodeid < y->nodeid ? -1 : x->nodeid > y->nodeid;
}

static int by_name(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void print_nodeid(const struct quorumtool *t, uint32_t nodeid)
{
	if (t->nodeid_format == NODEID_DECIMAL) {
		quorumtool_print_padded_u32(nodeid);
	} else {
		printf("0x%08x ", nodeid);
	}
}

/* The Qdevice column: alive, casting its vote, master wins; NR when no
 * device is registered on that node. */
static void print_qdevice_state(unsigned int flags)
{
	char buf[10];

	if (!(flags & VOTEQUORUM_INFO_QDEVICE_REGISTERED)) {
		quorumtool_print_padded("NR");
		return;
	}
	snprintf(buf, sizeof(buf), "%s,%s,%s", flags & VOTEQUORUM_INFO_QDEVICE_ALIVE ? "A" : "NA",
		 flags & VOTEQUORUM_INFO_QDEVICE_CAST_VOTE ? "V" : "NV",
		 flags & VOTEQUORUM_INFO_QDEVICE_MASTER_WINS ? "MW" : "NMW");
	quorumtool_print_padded(buf);
}

/* The last line of the table when a quorum device is registered: its
 * votes count only while the local node says it casts them. */
static void print_qdevice_line(const struct quorumtool *t, const struct member *m,
			       unsigned int our_flags)
{
	int casting = (our_flags & VOTEQUORUM_INFO_QDEVICE_CAST_VOTE) != 0;

	print_nodeid(t, VOTEQUORUM_QDEVICE_NODEID);
	quorumtool_print_padded_u32(casting ? m->info.qdevice_votes : 0);
	printf("           %s", m->info.qdevice_name);
	if (casting) {
		printf("\n");
	} else {
		printf(" (votes %d)\n", m->info.qdevice_votes);
	}
}

static void print_row(const struct quorumtool *t, const struct member *m, int qdevice_column)
{
	print_nodeid(t, m->nodeid);
	if (t->votequorum) {
		quorumtool_print_padded_u32(m->info.node_votes);
		if (qdevice_column) {
			print_qdevice_state(m->info.flags);
		}
	}
	printf("%s", m->name);
	if (m->nodeid == t->our_nodeid) {
		printf(" (local)");
	}
	printf("\n");
}

void quorumtool_print_members(struct quorumtool *t)
{
	struct member *m = calloc(t->n_members ? t->n_members : 1, sizeof(*m));
	int qdevice = 0;
	unsigned int our_flags = 0;

	if (m == NULL) {
		fprintf(stderr, "Out of memory\n");
		return;
	}
	for (uint32_t i = 0; i < t->n_members; i++) {
		m[i].nodeid = t->members[i];
		if (t->votequorum &&
		    votequorum_getinfo(t->votequorum, m[i].nodeid, &m[i].info) != CS_OK) {
			printf("Unable to get node %u info\n", m[i].nodeid);
		}
		qdevice |= (m[i].info.flags & VOTEQUORUM_INFO_QDEVICE_REGISTERED) != 0;
	}
	for (uint32_t i = 0; i < t->n_members; i++) {
		m[i].name = quorumtool_node_name(t, m[i].nodeid);
	}
	printf("\nMembership information\n");
	printf("----------------------\n");
	quorumtool_print_padded("Nodeid");
	if (t->votequorum) {
		quorumtool_print_padded("Votes");
		if (qdevice || t->machine_parsable) {
			quorumtool_print_padded("Qdevice");
		}
	}
	printf("Name\n");
	/* The daemon lists the nodes by address already. */
	if (t->sort == SORT_NODEID) {
		qsort(m, t->n_members, sizeof(*m), by_nodeid);
	} else if (t->sort == SORT_NAME) {
		qsort(m, t->n_members, sizeof(*m), by_name);
	}
	for (uint32_t i = 0; i < t->n_members; i++) {
		print_row(t, &m[i], qdevice || t->machine_parsable);
		if (m[i].nodeid == t->our_nodeid) {
			our_flags = m[i].info.flags;
		}
	}
	if (qdevice) {
		print_qdevice_line(t, &m[0], our_flags);
	}
	for (uint32_t i = 0; i < t->n_members; i++) {
		free(m[i].name);
	}
	free(m);
}
