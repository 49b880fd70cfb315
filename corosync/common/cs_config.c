/*
 * cs_config: the corosync.conf parser.  A line is classified the way
 * corosync does it ('{' first, then ':', then '}'), so odd lines mean the
 * same here as there.  Sections that are numbered, keyed by one of their
 * items or checked specially are described by blocks[]; value types and
 * allowed values by keys[].  The text is parsed into scratch maps that are
 * copied out only when the whole file is good.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs_config.h"

#define KEY_BUF (CS_MAP_KEY_MAX + 1)

/* A key path of 255 characters holds at most 128 nested sections. */
#define DEPTH_MAX ((CS_MAP_KEY_MAX + 1) / 2)

/* ---- value table ---- */

static const char *const v_transport[] = { "udpu", "udp", "knet", NULL };
static const char *const v_cipher[] = { "none", "aes256", "aes192", "aes128", NULL };
static const char *const v_hash[] = { "none", "md5", "sha1", "sha256", "sha384", "sha512", NULL };
static const char *const v_crypto_model[] = { "nss", "openssl", NULL };
static const char *const v_on_off[] = { "on", "off", NULL };
static const char *const v_yes_no[] = { "yes", "no", NULL };
static const char *const v_yes_no_on_off[] = { "yes", "no", "on", "off", NULL };
static const char *const v_ip_version[] = { "ipv4", "ipv6", "ipv4-6", "ipv6-4", NULL };
static const char *const v_link_mode[] = { "passive", "active", "rr", NULL };
static const char *const v_knet_transport[] = { "udp", "sctp", NULL };
static const char *const v_debug[] = { "off", "on", "trace", NULL };
static const char *const v_timestamp[] = { "off", "on", "hires", NULL };
static const char *const v_ipc_type[] = { "native", "shm", "socket", NULL };
static const char *const v_cgroup[] = { "yes", "no", "auto", NULL };
/* What libqb's syslog name tables accept, which is what corosync checks. */
static const char *const v_facility[] = {
	"daemon", "local0", "local1", "local2",   "local3", "local4", "local5",
	"local6", "local7", "auth",   "authpriv", "cron",   "ftp",    "kern",
	"lpr",    "mail",   "news",   "syslog",   "user",   "uucp",   NULL,
};
static const char *const v_priority[] = { "emerg",   "alert",  "crit", "err",   "error",
					  "warning", "notice", "info", "debug", NULL };

struct key_spec {
	const char *path; /* as written (no node or link numbers); '*' is one component */
	enum cs_map_type type;
	const char *const *values; /* allowed strings, or NULL for any */
};

/* Keys with a type or a fixed set of values; any other key is a string. */
static const struct key_spec keys[] = {
	{ "totem.version", CS_MAP_UINT32, NULL },
	{ "totem.nodeid", CS_MAP_UINT32, NULL },
	{ "totem.threads", CS_MAP_UINT32, NULL },
	{ "totem.token", CS_MAP_UINT32, NULL },
	{ "totem.token_coefficient", CS_MAP_UINT32, NULL },
	{ "totem.token_retransmit", CS_MAP_UINT32, NULL },
	{ "totem.token_warning", CS_MAP_UINT32, NULL },
	{ "totem.hold", CS_MAP_UINT32, NULL },
	{ "totem.token_retransmits_before_loss_const", CS_MAP_UINT32, NULL },
	{ "totem.join", CS_MAP_UINT32, NULL },
	{ "totem.send_join", CS_MAP_UINT32, NULL },
	{ "totem.consensus", CS_MAP_UINT32, NULL },
	{ "totem.merge", CS_MAP_UINT32, NULL },
	{ "totem.downcheck", CS_MAP_UINT32, NULL },
	{ "totem.fail_recv_const", CS_MAP_UINT32, NULL },
	{ "totem.seqno_unchanged_const", CS_MAP_UINT32, NULL },
	{ "totem.rrp_token_expired_timeout", CS_MAP_UINT32, NULL },
	{ "totem.rrp_problem_count_timeout", CS_MAP_UINT32, NULL },
	{ "totem.rrp_problem_count_threshold", CS_MAP_UINT32, NULL },
	{ "totem.rrp_problem_count_mcast_threshold", CS_MAP_UINT32, NULL },
	{ "totem.rrp_autorecovery_check_timeout", CS_MAP_UINT32, NULL },
	{ "totem.heartbeat_failures_allowed", CS_MAP_UINT32, NULL },
	{ "totem.max_network_delay", CS_MAP_UINT32, NULL },
	{ "totem.window_size", CS_MAP_UINT32, NULL },
	{ "totem.max_messages", CS_MAP_UINT32, NULL },
	{ "totem.miss_count_const", CS_MAP_UINT32, NULL },
	{ "totem.knet_pmtud_interval", CS_MAP_UINT32, NULL },
	{ "totem.knet_mtu", CS_MAP_UINT32, NULL },
	{ "totem.knet_compression_threshold", CS_MAP_UINT32, NULL },
	{ "totem.knet_compression_level", CS_MAP_INT32, NULL },
	{ "totem.netmtu", CS_MAP_UINT32, NULL },
	{ "totem.config_version", CS_MAP_UINT64, NULL },
	{ "totem.transport", CS_MAP_STRING, v_transport },
	{ "totem.crypto_cipher", CS_MAP_STRING, v_cipher },
	{ "totem.crypto_hash", CS_MAP_STRING, v_hash },
	{ "totem.crypto_model", CS_MAP_STRING, v_crypto_model },
	{ "totem.secauth", CS_MAP_STRING, v_on_off },
	{ "totem.ip_version", CS_MAP_STRING, v_ip_version },
	{ "totem.link_mode", CS_MAP_STRING, v_link_mode },
	{ "totem.clear_node_high_bit", CS_MAP_STRING, v_yes_no },
	{ "totem.block_unlisted_ips", CS_MAP_STRING, v_yes_no },
	{ "totem.cancel_token_hold_on_retransmit", CS_MAP_STRING, v_yes_no },
	{ "totem.interface.linknumber", CS_MAP_UINT8, NULL },
	{ "totem.interface.ringnumber", CS_MAP_UINT8, NULL },
	{ "totem.interface.mcastport", CS_MAP_UINT16, NULL },
	{ "totem.interface.ttl", CS_MAP_UINT8, NULL },
	{ "totem.interface.knet_link_priority", CS_MAP_UINT8, NULL },
	{ "totem.interface.knet_ping_interval", CS_MAP_UINT32, NULL },
	{ "totem.interface.knet_ping_timeout", CS_MAP_UINT32, NULL },
	{ "totem.interface.knet_ping_precision", CS_MAP_UINT32, NULL },
	{ "totem.interface.knet_pong_count", CS_MAP_UINT32, NULL },
	{ "totem.interface.knet_transport", CS_MAP_STRING, v_knet_transport },
	{ "totem.interface.broadcast", CS_MAP_STRING, v_yes_no },
	{ "nodelist.node.nodeid", CS_MAP_UINT32, NULL },
	{ "nodelist.node.quorum_votes", CS_MAP_UINT32, NULL },
	{ "quorum.expected_votes", CS_MAP_UINT32, NULL },
	{ "quorum.votes", CS_MAP_UINT32, NULL },
	{ "quorum.last_man_standing_window", CS_MAP_UINT32, NULL },
	{ "quorum.leaving_timeout", CS_MAP_UINT32, NULL },
	{ "quorum.two_node", CS_MAP_UINT8, NULL },
	{ "quorum.expected_votes_tracking", CS_MAP_UINT8, NULL },
	{ "quorum.allow_downscale", CS_MAP_UINT8, NULL },
	{ "quorum.wait_for_all", CS_MAP_UINT8, NULL },
	{ "quorum.auto_tie_breaker", CS_MAP_UINT8, NULL },
	{ "quorum.last_man_standing", CS_MAP_UINT8, NULL },
	{ "quorum.device.timeout", CS_MAP_UINT32, NULL },
	{ "quorum.device.sync_timeout", CS_MAP_UINT32, NULL },
	{ "quorum.device.votes", CS_MAP_UINT32, NULL },
	{ "quorum.device.master_wins", CS_MAP_UINT8, NULL },
	{ "logging.to_stderr", CS_MAP_STRING, v_yes_no_on_off },
	{ "logging.to_logfile", CS_MAP_STRING, v_yes_no_on_off },
	{ "logging.to_syslog", CS_MAP_STRING, v_yes_no_on_off },
	{ "logging.debug", CS_MAP_STRING, v_debug },
	{ "logging.timestamp", CS_MAP_STRING, v_timestamp },
	{ "logging.fileline", CS_MAP_STRING, v_on_off },
	{ "logging.function_name", CS_MAP_STRING, v_on_off },
	{ "logging.blackbox", CS_MAP_STRING, v_on_off },
	{ "logging.syslog_facility", CS_MAP_STRING, v_facility },
	{ "logging.syslog_priority", CS_MAP_STRING, v_priority },
	{ "logging.logfile_priority", CS_MAP_STRING, v_priority },
	{ "logging.logger_subsys.to_stderr", CS_MAP_STRING, v_yes_no_on_off },
	{ "logging.logger_subsys.to_logfile", CS_MAP_STRING, v_yes_no_on_off },
	{ "logging.logger_subsys.to_syslog", CS_MAP_STRING, v_yes_no_on_off },
	{ "logging.logger_subsys.debug", CS_MAP_STRING, v_debug },
	{ "logging.logger_subsys.syslog_facility", CS_MAP_STRING, v_facility },
	{ "logging.logger_subsys.syslog_priority", CS_MAP_STRING, v_priority },
	{ "logging.logger_subsys.logfile_priority", CS_MAP_STRING, v_priority },
	{ "system.qb_ipc_type", CS_MAP_STRING, v_ipc_type },
	{ "system.sched_rr", CS_MAP_STRING, v_yes_no },
	{ "system.move_to_root_cgroup", CS_MAP_STRING, v_cgroup },
	{ "system.allow_knet_handle_fallback", CS_MAP_STRING, v_yes_no },
	{ "resources.watchdog_timeout", CS_MAP_UINT32, NULL },
	{ "resources.system.poll_period", CS_MAP_UINT64, NULL },
	{ "resources.system.*.poll_period", CS_MAP_UINT64, NULL },
	{ "resources.process.poll_period", CS_MAP_UINT64, NULL },
	{ "resources.process.*.poll_period", CS_MAP_UINT64, NULL },
	{ "pload.count", CS_MAP_UINT32, NULL },
	{ "pload.size", CS_MAP_UINT32, NULL },
};

struct int_range {
	long long min;
	unsigned long long max;
	size_t size;
};

static const struct int_range ranges[] = {
	[CS_MAP_UINT8] = { 0, UINT8_MAX, 1 },         [CS_MAP_UINT16] = { 0, UINT16_MAX, 2 },
	[CS_MAP_INT32] = { INT32_MIN, INT32_MAX, 4 }, [CS_MAP_UINT32] = { 0, UINT32_MAX, 4 },
	[CS_MAP_UINT64] = { 0, UINT64_MAX, 8 },
};

/* ---- parser state ---- */

/* An item of a block whose key prefix is known only at its '}'. */
struct pending {
	char *key; /* below the block */
	char *value;
	const struct key_spec *spec;
	unsigned line;
};

struct frame {
	const struct block *block; /* special handling, or NULL */
	char path[KEY_BUF];        /* as written: "totem.interface" */
	char prefix[KEY_BUF];      /* key prefix of our items, unless collected */
	struct frame *collector;   /* the block holding our items, or NULL */
	char rel[KEY_BUF];         /* our path below the collector */
	unsigned line;             /* of the opening line */
	int link;                  /* interface: linknumber, or -1 */
	int ring;                  /* interface: ringnumber, or -1 */
	unsigned members;          /* interface: member {} blocks seen */
	char *name;                /* logger_subsys: subsys; service: name */
	struct pending *items;
	size_t n_items;
	size_t cap_items;
};

struct parser {
	const char *file;
	struct cs_map *map; /* scratch maps, copied out when all went well */
	struct cs_map *lines;
	char *error;
	cs_config_warn_fn warn;
	void *warn_data;
	unsigned line;
	unsigned nodes; /* node {} blocks numbered so far */
	int depth;
	struct frame stack[DEPTH_MAX];
};

struct block {
	const char *path;
	bool collects;    /* items wait for the '}', which fixes their prefix */
	bool no_sections; /* may not contain sections */
	int (*open)(struct parser *p, struct frame *f);
	/* >0: store the item as usual, 0: consumed, <0: error */
	int (*item)(struct parser *p, struct frame *f, const char *key, const char *value);
	int (*close)(struct parser *p, struct frame *f);
};

static int fail(struct parser *p, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, unsigned line, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0) {
		msg = NULL;
	}
	va_end(ap);
	if (msg != NULL && p->error == NULL &&
	    asprintf(&p->error, "%s:%u: %s", p->file, line, msg) < 0) {
		p->error = NULL;
	}
	free(msg);
	return -EINVAL;
}

static void note(struct parser *p, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void note(struct parser *p, unsigned line, const char *fmt, ...)
{
	char msg[512];
	char full[1024];
	va_list ap;

	if (p->warn == NULL) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "%s:%u: %s", p->file, line, msg);
	p->warn(full, p->warn_data);
}

/* "a" + "b" -> "a.b"; false when it does not fit a key. */
static bool join(char *out, const char *a, const char *b)
{
	size_t la = strlen(a);
	size_t lb = strlen(b);

	if (la + (la > 0) + lb > CS_MAP_KEY_MAX) {
		return false;
	}
	memcpy(out, a, la);
	if (la > 0) {
		out[la++] = '.';
	}
	memcpy(out + la, b, lb);
	out[la + lb] = '\0';
	return true;
}

static bool name_chars_valid(const char *name)
{
	return strspn(name, CS_MAP_KEY_CHARS) == strlen(name);
}

/* A path component at a time, '*' matching any one component. */
static bool path_matches(const char *pattern, const char *path)
{
	while (*pattern != '\0' && *path != '\0') {
		size_t plen = strcspn(pattern, ".");
		size_t len = strcspn(path, ".");

		if (!(plen == 1 && pattern[0] == '*') &&
		    (plen != len || strncmp(pattern, path, len) != 0)) {
			return false;
		}
		pattern += plen;
		path += len;
		if (*pattern != *path) {
			return false;
		}
		if (*pattern == '.') {
			pattern++;
			path++;
		}
	}
	return *pattern == '\0' && *path == '\0';
}

static const struct key_spec *find_spec(const char *path)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (path_matches(keys[i].path, path)) {
			return &keys[i];
		}
	}
	return NULL;
}

/* ---- values ---- */

static void store_bits(unsigned char *out, size_t size, uint64_t v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	if (size == 1) {
		memcpy(out, &u8, size);
	} else if (size == 2) {
		memcpy(out, &u16, size);
	} else if (size == 4) {
		memcpy(out, &u32, size);
	} else {
		memcpy(out, &v, size);
	}
}

/* Decimal only, as corosync: "0x10" and "5 5" are not numbers.  Returns 0,
 * -EINVAL (not a number) or -ERANGE. */
static int parse_number(const char *text, enum cs_map_type type, unsigned char *out)
{
	const struct int_range *r = &ranges[type];
	bool sign = text[0] == '-' || text[0] == '+';
	char *end;

	if (!isdigit((unsigned char)text[sign ? 1 : 0])) {
		return -EINVAL;
	}
	errno = 0;
	if (text[0] == '-') {
		long long v = strtoll(text, &end, 10);

		if (*end != '\0') {
			return -EINVAL;
		}
		if (errno == ERANGE || v < r->min) {
			return -ERANGE;
		}
		store_bits(out, r->size, (uint64_t)v);
	} else {
		unsigned long long v = strtoull(text, &end, 10);

		if (*end != '\0') {
			return -EINVAL;
		}
		if (errno == ERANGE || v > r->max) {
			return -ERANGE;
		}
		store_bits(out, r->size, v);
	}
	return 0;
}

static bool in_list(const char *const *values, const char *value)
{
	for (; *values != NULL; values++) {
		if (strcmp(*values, value) == 0) {
			return true;
		}
	}
	return false;
}

static void list_values(char *out, size_t size, const char *const *values)
{
	size_t used = 0;

	out[0] = '\0';
	for (; *values != NULL && used < size; values++) {
		int n = snprintf(out + used, size - used, "%s%s", used > 0 ? ", " : "", *values);

		used += n > 0 ? (size_t)n : 0;
	}
}

/* Check @value for @spec; @name is the key as the message shows it. */
static int check_value(struct parser *p, const struct key_spec *spec, const char *name,
		       const char *value, unsigned line)
{
	unsigned char num[sizeof(uint64_t)];
	char list[256];
	int rc;

	if (spec == NULL) {
		return 0;
	}
	if (spec->type == CS_MAP_STRING) {
		if (spec->values == NULL || in_list(spec->values, value)) {
			return 0;
		}
		list_values(list, sizeof(list), spec->values);
		return fail(p, line, "%s: '%s' is not one of: %s", name, value, list);
	}
	rc = parse_number(value, spec->type, num);
	if (rc == -EINVAL) {
		return fail(p, line, "%s: '%s' is not a number", name, value);
	}
	if (rc == -ERANGE) {
		return fail(p, line, "%s: '%s' is out of range (%lld..%llu)", name, value,
			    ranges[spec->type].min, ranges[spec->type].max);
	}
	return 0;
}

static int record_line(struct parser *p, const char *key, unsigned line)
{
	if (p->lines == NULL || !cs_map_key_valid(key)) {
		return 0;
	}
	return cs_map_set_u32(p->lines, key, line);
}

/* Store an item whose value was checked already. */
static int store(struct parser *p, const char *key, const struct key_spec *spec, const char *value,
		 unsigned line)
{
	unsigned char num[sizeof(uint64_t)];
	int rc;

	if (!cs_map_key_valid(key)) {
		return fail(p, line,
			    "'%s' is not a valid key name (%d to %d characters of A-Z a-z 0-9 _ . "
			    "/ : -)",
			    key, CS_MAP_KEY_MIN, CS_MAP_KEY_MAX);
	}
	if (spec != NULL && spec->type != CS_MAP_STRING) {
		rc = parse_number(value, spec->type, num);
		if (rc == 0) {
			rc = cs_map_set(p->map, key, num, ranges[spec->type].size, spec->type);
		}
	} else {
		rc = cs_map_set_string(p->map, key, value);
	}
	if (rc == 0) {
		rc = record_line(p, key, line);
	}
	return rc == -EINVAL ? fail(p, line, "%s: cannot store '%s'", key, value) : rc;
}

static int defer(struct parser *p, struct frame *collector, const char *key, const char *value,
		 const struct key_spec *spec)
{
	struct pending *item;

	if (collector->n_items == collector->cap_items) {
		size_t cap = collector->cap_items ? collector->cap_items * 2 : 8;
		struct pending *items = realloc(collector->items, cap * sizeof(*items));

		if (items == NULL) {
			return -ENOMEM;
		}
		collector->items = items;
		collector->cap_items = cap;
	}
	item = &collector->items[collector->n_items];
	item->key = strdup(key);
	item->value = strdup(value);
	item->spec = spec;
	item->line = p->line;
	if (item->key == NULL || item->value == NULL) {
		free(item->key);
		free(item->value);
		return -ENOMEM;
	}
	collector->n_items++;
	return 0;
}

/* Store the collected items of @f under @prefix. */
static int flush(struct parser *p, struct frame *f, const char *prefix)
{
	char key[KEY_BUF];
	int rc = record_line(p, prefix, f->line);

	for (size_t i = 0; rc == 0 && i < f->n_items; i++) {
		const struct pending *item = &f->items[i];

		if (!join(key, prefix, item->key)) {
			return fail(p, item->line, "key '%s.%s' is longer than %d characters",
				    prefix, item->key, CS_MAP_KEY_MAX);
		}
		rc = store(p, key, item->spec, item->value, item->line);
	}
	return rc;
}

/* ---- special sections ---- */

static int interface_open(struct parser *p, struct frame *f)
{
	f->link = -1;
	f->ring = -1;
	return 0;
}

/* linknumber (or corosync 2's ringnumber) says which link the block is. */
static int interface_item(struct parser *p, struct frame *f, const char *key, const char *value)
{
	unsigned char n;
	char name[KEY_BUF];
	int *slot = strcmp(key, "linknumber") == 0   ? &f->link
		    : strcmp(key, "ringnumber") == 0 ? &f->ring
						     : NULL;
	int rc;

	if (slot == NULL) {
		return 1;
	}
	join(name, f->path, key);
	rc = check_value(p, find_spec(name), name, value, p->line);
	if (rc == 0) {
		parse_number(value, CS_MAP_UINT8, &n);
		*slot = n;
	}
	return rc;
}

static int interface_close(struct parser *p, struct frame *f)
{
	char prefix[KEY_BUF];
	int n = f->link >= 0 ? f->link : f->ring >= 0 ? f->ring : 0;

	snprintf(prefix, sizeof(prefix), "totem.interface.%d", n);
	return flush(p, f, prefix);
}

/* corosync 1's udpu members: interface { member { memberaddr: A } } */
static int member_item(struct parser *p, struct frame *f, const char *key, const char *value)
{
	struct frame *iface = f->collector;
	char rel[KEY_BUF];

	if (strcmp(key, "memberaddr") != 0) {
		return fail(p, p->line, "only memberaddr may be set in a member section, not '%s'",
			    key);
	}
	snprintf(rel, sizeof(rel), "member.%u", iface->members++);
	return defer(p, iface, rel, value, NULL);
}

static int subsys_item(struct parser *p, struct frame *f, const char *key, const char *value)
{
	if (strcmp(key, "subsys") == 0) {
		free(f->name);
		f->name = strdup(value);
		if (f->name == NULL) {
			return -ENOMEM;
		}
	}
	return 1;
}

static int subsys_close(struct parser *p, struct frame *f)
{
	char prefix[KEY_BUF];

	if (f->name == NULL) {
		return fail(p, p->line,
			    "logger_subsys section opened at line %u has no subsys item", f->line);
	}
	if (!name_chars_valid(f->name) || !join(prefix, "logging.logger_subsys", f->name)) {
		return fail(p, p->line, "logger_subsys: '%s' is not a valid subsystem name",
			    f->name);
	}
	return flush(p, f, prefix);
}

static int node_open(struct parser *p, struct frame *f)
{
	snprintf(f->prefix, sizeof(f->prefix), "nodelist.node.%u", p->nodes++);
	return 0;
}

/* A user or group name, or a number as corosync also takes. */
static int lookup_id(const char *name, bool group, unsigned long *id)
{
	long size = sysconf(group ? _SC_GETGR_R_SIZE_MAX : _SC_GETPW_R_SIZE_MAX);
	char *buf = NULL;
	char *end;
	int rc;

	errno = 0;
	*id = strtoul(name, &end, 10);
	if (isdigit((unsigned char)name[0]) && *end == '\0' && errno == 0 && *id <= UINT_MAX) {
		return 0;
	}
	for (size = size > 0 ? size : 1024;; size *= 2) {
		struct passwd pw, *pwp = NULL;
		struct group gr, *grp = NULL;
		char *bigger = realloc(buf, (size_t)size);

		if (bigger == NULL) {
			rc = ENOMEM;
			break;
		}
		buf = bigger;
		if (group) {
			rc = getgrnam_r(name, &gr, buf, (size_t)size, &grp);
			*id = grp != NULL ? grp->gr_gid : 0;
			rc = rc == 0 && grp == NULL ? ENOENT : rc;
		} else {
			rc = getpwnam_r(name, &pw, buf, (size_t)size, &pwp);
			*id = pwp != NULL ? pwp->pw_uid : 0;
			rc = rc == 0 && pwp == NULL ? ENOENT : rc;
		}
		if (rc != ERANGE || size > 1024 * 1024) {
			break;
		}
	}
	free(buf);
	return -rc;
}

static int uidgid_item(struct parser *p, struct frame *f, const char *key, const char *value)
{
	static const struct key_spec flag = { "uidgid.config", CS_MAP_UINT8, NULL };
	bool group = strcmp(key, "gid") == 0;
	const char *what = group ? "group" : "user";
	char name[KEY_BUF];
	unsigned long id;
	int rc;

	if (!group && strcmp(key, "uid") != 0) {
		return fail(p, p->line, "uidgid: only uid and gid may be set, not '%s'", key);
	}
	rc = lookup_id(value, group, &id);
	if (rc == -ENOENT) {
		return fail(p, p->line, "uidgid: %s '%s' does not exist", what, value);
	}
	if (rc < 0) {
		return fail(p, p->line, "uidgid: cannot look up %s '%s': %s", what, value,
			    strerror(-rc));
	}
	snprintf(name, sizeof(name), "uidgid.config.%s.%lu", key, id);
	rc = store(p, name, &flag, "1", p->line);
	return rc < 0 ? rc : 0;
}

static int service_item(struct parser *p, struct frame *f, const char *key, const char *value)
{
	if (strcmp(key, "name") == 0) {
		free(f->name);
		f->name = strdup(value);
		if (f->name == NULL) {
			return -ENOMEM;
		}
	}
	return 1;
}

static int service_close(struct parser *p, struct frame *f)
{
	if (f->name != NULL && strcmp(f->name, "pacemaker") == 0) {
		note(p, f->line,
		     "service { name: pacemaker } is the corosync 1 plugin form and is ignored: "
		     "pacemaker runs as its own service; start it with 'pacemakerd' or "
		     "'systemctl start pacemaker' once corosync is running");
	} else if (f->name != NULL) {
		note(p, f->line,
		     "service { name: %s } is ignored: corosync starts its own services "
		     "(cmap, cfg, cpg, quorum, votequorum)",
		     f->name);
	} else {
		note(p, f->line, "service {} without a name is ignored");
	}
	return 0;
}

static int aisexec_open(struct parser *p, struct frame *f)
{
	note(p, f->line,
	     "aisexec {} is obsolete and ignored: corosync runs as root; let other users in "
	     "with uidgid { uid: NAME gid: NAME } instead");
	return 0;
}

static int amf_open(struct parser *p, struct frame *f)
{
	note(p, f->line, "amf {} is obsolete and ignored: there is no AMF service any more");
	return 0;
}

static const struct block blocks[] = {
	{ "totem.interface", true, false, interface_open, interface_item, interface_close },
	{ "totem.interface.member", false, true, NULL, member_item, NULL },
	{ "logging.logger_subsys", true, false, NULL, subsys_item, subsys_close },
	{ "nodelist.node", false, false, node_open, NULL, NULL },
	{ "uidgid", false, true, NULL, uidgid_item, NULL },
	{ "service", false, false, NULL, service_item, service_close },
	{ "aisexec", false, false, aisexec_open, NULL, NULL },
	{ "amf", false, false, amf_open, NULL, NULL },
};

static const struct block *find_block(const char *path)
{
	for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		if (strcmp(blocks[i].path, path) == 0) {
			return &blocks[i];
		}
	}
	return NULL;
}

/* ---- lines ---- */

static struct frame *top(struct parser *p)
{
	return p->depth > 0 ? &p->stack[p->depth - 1] : NULL;
}

static void frame_clear(struct frame *f)
{
	for (size_t i = 0; i < f->n_items; i++) {
		free(f->items[i].key);
		free(f->items[i].value);
	}
	free(f->items);
	free(f->name);
	memset(f, 0, sizeof(*f));
}

/* Strip blanks around @s; for section names also the ':' and '{' that
 * corosync drops from their end ("totem: {"). */
static char *trim(char *s, bool section)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			 (section && (s[n - 1] == ':' || s[n - 1] == '{')))) {
		s[--n] = '\0';
	}
	return s;
}

/* Where the items of a new section go: into the nearest collecting block,
 * or under a key prefix of their own. */
static int place_frame(struct parser *p, struct frame *f, const struct frame *parent,
		       const char *name)
{
	bool ok = true;

	if (f->block != NULL && f->block->collects) {
		f->collector = f;
	} else if (parent != NULL && parent->collector != NULL) {
		f->collector = parent->collector;
		ok = join(f->rel, parent->rel, name);
	} else {
		ok = join(f->prefix, parent != NULL ? parent->prefix : "", name);
	}
	if (!ok) {
		return fail(p, p->line, "section path '%s' is longer than %d characters", f->path,
			    CS_MAP_KEY_MAX);
	}
	return 0;
}

static int open_section(struct parser *p, char *line, char *brace)
{
	struct frame *parent = top(p);
	struct frame *f;
	char *after = trim(brace + 1, false);
	char *name;
	int rc;

	*brace = '\0';
	name = trim(line, true);
	if (name[0] == '\0') {
		return fail(p, p->line, "section name missing before '{'");
	}
	if (after[0] != '\0') {
		return fail(p, p->line,
			    "text after '{': '%s' (each item goes on a line of its own)", after);
	}
	if (!name_chars_valid(name)) {
		return fail(p, p->line,
			    "'%s' is not a valid section name (use A-Z a-z 0-9 _ . / : -)", name);
	}
	if (parent != NULL && parent->block != NULL && parent->block->no_sections) {
		return fail(p, p->line, "no section may be opened inside %s {}", parent->path);
	}
	if (p->depth == DEPTH_MAX) {
		return fail(p, p->line, "sections are nested too deeply");
	}
	f = &p->stack[p->depth];
	if (!join(f->path, parent != NULL ? parent->path : "", name)) {
		return fail(p, p->line, "section path is longer than %d characters",
			    CS_MAP_KEY_MAX);
	}
	f->block = find_block(f->path);
	f->line = p->line;
	p->depth++;
	rc = place_frame(p, f, parent, name);
	if (rc == 0 && f->block != NULL && f->block->open != NULL) {
		rc = f->block->open(p, f);
	}
	if (rc == 0 && f->collector == NULL) {
		rc = record_line(p, f->prefix, f->line);
	}
	return rc;
}

static int add_item(struct parser *p, char *line, char *colon)
{
	struct frame *f = top(p);
	const struct key_spec *spec;
	char written[KEY_BUF];
	char full[KEY_BUF];
	char *key;
	char *value = trim(colon + 1, false);
	int rc;

	*colon = '\0';
	key = trim(line, false);
	if (key[0] == '\0') {
		return fail(p, p->line, "key name missing before ':'");
	}
	if (!name_chars_valid(key)) {
		return fail(p, p->line, "'%s' is not a valid key name (use A-Z a-z 0-9 _ . / : -)",
			    key);
	}
	if (!join(written, f != NULL ? f->path : "", key)) {
		return fail(p, p->line, "key path is longer than %d characters", CS_MAP_KEY_MAX);
	}
	spec = find_spec(written);
	if (f != NULL && f->block != NULL && f->block->item != NULL) {
		rc = f->block->item(p, f, key, value);
		if (rc <= 0) {
			return rc;
		}
	}
	if (f != NULL && f->collector != NULL) {
		/* rel is the end of the written path, so this fits as well */
		join(full, f->rel, key);
		rc = check_value(p, spec, written, value, p->line);
		return rc == 0 ? defer(p, f->collector, full, value, spec) : rc;
	}
	if (!join(full, f != NULL ? f->prefix : "", key)) {
		return fail(p, p->line, "key path is longer than %d characters", CS_MAP_KEY_MAX);
	}
	rc = check_value(p, spec, full, value, p->line);
	return rc == 0 ? store(p, full, spec, value, p->line) : rc;
}

static int close_section(struct parser *p, char *line)
{
	struct frame *f = top(p);
	int rc = 0;

	if (strcmp(trim(line, false), "}") != 0) {
		return fail(p, p->line, "text before or after '}'");
	}
	if (f == NULL) {
		return fail(p, p->line, "unexpected '}': no section is open");
	}
	if (f->block != NULL && f->block->close != NULL) {
		rc = f->block->close(p, f);
	}
	frame_clear(f);
	p->depth--;
	return rc;
}

static int parse_line(struct parser *p, char *line)
{
	size_t n = strlen(line);
	char *s;
	char *mark;

	if (n > 0 && line[n - 1] == '\r') {
		line[--n] = '\0';
	}
	s = trim(line, false);
	if (s[0] == '\0' || s[0] == '#') {
		return 0;
	}
	/* The order matters: "a: b {" opens a section, as in corosync. */
	if ((mark = strchr(s, '{')) != NULL) {
		return open_section(p, s, mark);
	}
	if ((mark = strchr(s, ':')) != NULL) {
		return add_item(p, s, mark);
	}
	if (strchr(s, '}') != NULL) {
		return close_section(p, s);
	}
	return fail(p, p->line, "line has no ':' or '{': '%s'", s);
}

static int parse_text(struct parser *p, const char *text, size_t len)
{
	const char *pos = text;
	const char *end = len > 0 ? text + len : text;
	char buf[CS_CONFIG_LINE_MAX + 1];
	int rc = 0;

	while (rc == 0 && pos < end) {
		const char *nl = memchr(pos, '\n', (size_t)(end - pos));
		size_t n = (size_t)((nl != NULL ? nl : end) - pos);

		p->line++;
		if (n > CS_CONFIG_LINE_MAX) {
			return fail(p, p->line, "line too long (more than %d characters)",
				    CS_CONFIG_LINE_MAX);
		}
		if (memchr(pos, '\0', n) != NULL) {
			return fail(p, p->line, "line contains a NUL byte");
		}
		memcpy(buf, pos, n);
		buf[n] = '\0';
		rc = parse_line(p, buf);
		pos = nl != NULL ? nl + 1 : end;
	}
	if (rc == 0 && p->depth > 0) {
		const struct frame *f = top(p);

		rc = fail(p, p->line, "missing closing brace for section '%s' opened at line %u",
			  f->path, f->line);
	}
	return rc;
}

/* ---- entry points ---- */

static int commit(struct parser *p, struct cs_map *map, struct cs_map *lines)
{
	enum cs_map_type type;
	int rc = cs_map_copy(map, p->map, NULL);

	if (rc == 0 && lines != NULL) {
		rc = cs_map_copy(lines, p->lines, NULL);
	}
	/* A line number already there means a config key of that name. */
	if (rc == 0 && lines != NULL &&
	    (cs_map_get(lines, CS_CONFIG_LINES_FILE_KEY, NULL, NULL, &type) != 0 ||
	     type == CS_MAP_STRING)) {
		rc = cs_map_set_string(lines, CS_CONFIG_LINES_FILE_KEY, p->file);
	}
	return rc;
}

static void parser_free(struct parser *p)
{
	while (p->depth > 0) {
		frame_clear(&p->stack[--p->depth]);
	}
	cs_map_free(p->map);
	cs_map_free(p->lines);
	free(p->error);
	free(p);
}

int cs_config_parse_buffer(const char *name, const char *text, size_t len, struct cs_map *map,
			   struct cs_map *lines, char **error, cs_config_warn_fn warn,
			   void *warn_data)
{
	struct parser *p;
	int rc = -ENOMEM;

	if (error != NULL) {
		*error = NULL;
	}
	if (name == NULL || (text == NULL && len > 0) || map == NULL) {
		return -EINVAL;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		return -ENOMEM;
	}
	p->file = name;
	p->warn = warn;
	p->warn_data = warn_data;
	p->map = cs_map_new();
	p->lines = lines != NULL ? cs_map_new() : NULL;
	if (p->map != NULL && (lines == NULL || p->lines != NULL)) {
		rc = parse_text(p, text, len);
	}
	if (rc == 0) {
		rc = commit(p, map, lines);
	}
	if (rc == -EINVAL && p->error == NULL) {
		rc = -ENOMEM; /* the message could not be built */
	}
	if (rc == -EINVAL && error != NULL) {
		*error = p->error;
		p->error = NULL;
	}
	parser_free(p);
	return rc;
}

static int read_error(char **error, int rc, const char *what, const char *path)
{
	if (error != NULL && asprintf(error, "cannot %s %s: %s", what, path, strerror(-rc)) < 0) {
		*error = NULL;
	}
	return rc;
}

/* The whole file in a malloc'd buffer. */
static int read_file(const char *path, char **text, size_t *len, char **error)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 8192;
	size_t used = 0;
	char *buf = NULL;
	int rc = 0;

	if (fd < 0) {
		return read_error(error, -errno, "open", path);
	}
	while (rc == 0) {
		ssize_t n;

		if (buf == NULL || used == cap) {
			char *bigger = used < CS_CONFIG_FILE_MAX ? realloc(buf, cap *= 2) : NULL;

			if (bigger == NULL) {
				rc = used < CS_CONFIG_FILE_MAX ? -ENOMEM : -EFBIG;
				break;
			}
			buf = bigger;
		}
		n = read(fd, buf + used, cap - used);
		if (n < 0 && errno != EINTR) {
			rc = -errno;
		} else if (n == 0) {
			break;
		} else if (n > 0) {
			used += (size_t)n;
		}
	}
	close(fd);
	if (rc < 0) {
		free(buf);
		return rc == -ENOMEM ? rc : read_error(error, rc, "read", path);
	}
	*text = buf;
	*len = used;
	return 0;
}

int cs_config_parse_file(const char *path, struct cs_map *map, struct cs_map *lines, char **error,
			 cs_config_warn_fn warn, void *warn_data)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (error != NULL) {
		*error = NULL;
	}
	if (path == NULL || map == NULL) {
		return -EINVAL;
	}
	rc = read_file(path, &text, &len, error);
	if (rc < 0) {
		return rc;
	}
	rc = cs_config_parse_buffer(path, text, len, map, lines, error, warn, warn_data);
	free(text);
	return rc;
}

int cs_config_error(char **error, const struct cs_map *lines, const char *key, const char *fmt, ...)
{
	char *msg = NULL;
	char *file = NULL;
	char where[64] = "";
	uint32_t line;
	va_list ap;
	int n;

	*error = NULL;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return -ENOMEM;
	}
	if (lines != NULL) {
		cs_map_get_string(lines, CS_CONFIG_LINES_FILE_KEY, &file);
		if (key != NULL && cs_map_get_u32(lines, key, &line) == 0) {
			snprintf(where, sizeof(where), "%s%u: ", file != NULL ? ":" : "line ",
				 line);
		} else if (file != NULL) {
			snprintf(where, sizeof(where), ": ");
		}
	}
	n = asprintf(error, "%s%s%s%s%s", file != NULL ? file : "", where, key != NULL ? key : "",
		     key != NULL ? ": " : "", msg);
	free(file);
	free(msg);
	if (n < 0) {
		*error = NULL;
		return -ENOMEM;
	}
	return -EINVAL;
}
