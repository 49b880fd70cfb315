/*
 * crm_failcount: show or clear a resource's fail count on a node, as
 * pacemaker 2.1.5's crm_failcount does.  Pacemaker 2.1 keeps one
 * transient attribute per operation, fail-count-RSC#OP_INTERVALMS (and
 * last-failure-RSC#OP_INTERVALMS); a query without an operation shows
 * their sum (INFINITY from 1000000 up), or the single fail-count-RSC of
 * older versions when there is no per-operation count.
 *
 * Clearing: pacemaker asks the controller to clean the resource up (its
 * history goes too).  There is no controller in this suite yet, so the
 * fail-count and last-failure attributes are removed from the status
 * section through libcib, which is what the cleanup ends with.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib.h>
#include <crm/common/duration.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "crm_attribute.h"
#include "tool_version.h"

#define FAIL_INFINITY 1000000LL

struct fc_opts {
	char command; /* 'G' or 'D' */
	const char *rsc, *node, *op, *interval;
	bool quiet;
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "query", no_argument, NULL, 'G' },
	{ "get-value", no_argument, NULL, 'G' },
	{ "delete", no_argument, NULL, 'D' },
	{ "delete-attr", no_argument, NULL, 'D' },
	{ "resource", required_argument, NULL, 'r' },
	{ "resource-id", required_argument, NULL, 'r' },
	{ "node", required_argument, NULL, 'N' },
	{ "uname", required_argument, NULL, 'N' },
	{ "operation", required_argument, NULL, 'n' },
	{ "interval", required_argument, NULL, 'I' },
	{ "attr-value", required_argument, NULL, 'v' },
	{ "attr-id", required_argument, NULL, 'i' },
	{ "lifetime", required_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage: crm_failcount <command> [<options>]\n\n"
	      "Show or clear how often a resource has failed on a node.\n\n"
	      "Commands:\n"
	      " -G, --query            Show the fail count\n"
	      " -D, --delete           Clear the recorded failures\n\n"
	      "Options:\n"
	      " -r, --resource=value   The resource (required)\n"
	      " -n, --operation=value  One operation only (default: all of them)\n"
	      " -I, --interval=value   The interval of that operation (e.g. 10s)\n"
	      " -N, --node=value       The node (default: this one)\n"
	      " -q, --quiet            Print only the number\n"
	      " -V, --verbose          More debug output\n"
	      " --help, --version\n",
	      out);
}

static int usage_error(const char *why)
{
	if (why != NULL) {
		fprintf(stderr, "error: %s\n", why);
	}
	putchar('\n');
	usage(stdout);
	return PCMK_EX_USAGE;
}

/* The deprecated options: -v 0 means delete, the rest is ignored. */
static void deprecated(struct fc_opts *o, int c, char **argv)
{
	if (c == 'v' && strcmp(optarg, "0") == 0) {
		o->command = 'D';
	} else if (c == 'v') {
		fprintf(stderr, "warning: ignoring deprecated option '%s' with nonzero value\n",
			argv[optind - 2]);
	} else {
		fprintf(stderr, "warning: ignoring deprecated option '%s'\n", argv[optind - 2]);
	}
}

/* Returns 1 (done, success), 0, or an exit code > 1. */
static int parse(int argc, char **argv, struct fc_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, "qDGQVN:U:v:i:l:r:n:I:", long_opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 1;
		} else if (c == '$') {
			tool_print_version(stdout);
			return 1;
		} else if (c == '?') {
			return usage_error(NULL);
		} else if (c == 'G' || c == 'D') {
			o->command = (char)c;
		} else if (c == 'q' || c == 'Q') {
			o->quiet = true;
		} else if (c == 'r') {
			o->rsc = optarg;
		} else if (c == 'N' || c == 'U') {
			o->node = optarg;
		} else if (c == 'n') {
			o->op = optarg;
		} else if (c == 'I') {
			o->interval = optarg;
		} else if (c == 'v' || c == 'i' || c == 'l') {
			deprecated(o, c, argv);
		}
	}
	return 0;
}

struct failcount {
	const struct fc_opts *o;
	struct cib *cib;
	xmlDoc *doc;
	struct attr_target t;
	char *op_name; /* fail-count-RSC#OP_MS, when -n was given */
};

/* Sum of the values of the matches (INFINITY wins). */
static long long sum(const struct attr_match *m, int n)
{
	long long total = 0;

	for (int i = 0; i < n; i++) {
		long long v = 0;

		if (m[i].value != NULL && strcmp(m[i].value, "INFINITY") == 0) {
			return FAIL_INFINITY;
		}
		if (m[i].value != NULL) {
			v = strtoll(m[i].value, NULL, 10);
		}
		total += v > 0 ? v : 0;
		if (total >= FAIL_INFINITY) {
			return FAIL_INFINITY;
		}
	}
	return total;
}

static long long count_of(struct failcount *f, const char *name, const char *pattern)
{
	struct attr_match *m = NULL;
	int n;

	f->t.name = name;
	f->t.pattern = pattern;
	long long total;

	n = attr_find(f->doc, &f->t, &m);
	total = n > 0 ? sum(m, n) : 0;
	free(m);
	return total;
}

/* An extended regular expression for the names starting with @prefix. */
static char *prefix_pattern(const char *prefix)
{
	char *re = malloc(strlen(prefix) * 2 + 2);
	char *p = re;

	if (re == NULL) {
		return NULL;
	}
	*p++ = '^';
	for (const char *s = prefix; *s != '\0'; s++) {
		if (strchr("\\^$.[]|()*+?{}", *s) != NULL) {
			*p++ = '\\';
		}
		*p++ = *s;
	}
	*p = '\0';
	return re;
}

static int query(struct failcount *f, const char *legacy)
{
	char prefix[600];
	const char *shown = f->op_name;
	long long total;

	if (f->op_name != NULL) {
		total = count_of(f, f->op_name, NULL);
	} else {
		char *re;

		snprintf(prefix, sizeof(prefix), "%.580s#", legacy);
		re = prefix_pattern(prefix);
		total = re != NULL ? count_of(f, NULL, re) : 0;
		free(re);
		shown = legacy;
	}
	if (total == 0 && count_of(f, legacy, NULL) > 0) {
		total = count_of(f, legacy, NULL); /* set by pacemaker before 1.1.17 */
		shown = legacy;
	}
	if (total >= FAIL_INFINITY) {
		snprintf(prefix, sizeof(prefix), "INFINITY");
	} else {
		snprintf(prefix, sizeof(prefix), "%lld", total);
	}
	if (f->o->quiet) {
		printf("%s\n", prefix);
	} else {
		printf("scope=status  name=%s value=%s\n", shown, prefix);
	}
	return PCMK_EX_OK;
}

/* Remove every attribute whose name starts with @prefix (or is @exact). */
static int clear_matching(struct failcount *f, const char *exact, const char *prefix)
{
	struct attr_match *m = NULL;
	char *re = prefix != NULL ? prefix_pattern(prefix) : NULL;
	int n, rc = 0;

	f->t.name = exact;
	f->t.pattern = re;
	n = attr_find(f->doc, &f->t, &m);
	for (int i = 0; rc == 0 && i < n; i++) {
		rc = attr_delete(f->cib, &f->t, m[i].id, NULL);
	}
	free(m);
	free(re);
	return n < 0 ? n : rc;
}

static int clear(struct failcount *f)
{
	static const char *const kinds[] = { "fail-count-", "last-failure-" };
	char name[512];
	int rc = 0;

	for (size_t k = 0; rc == 0 && k < 2; k++) {
		const char *op = f->op_name != NULL ? strchr(f->op_name, '#') : NULL;

		if (op != NULL) {
			snprintf(name, sizeof(name), "%s%s%s", kinds[k], f->o->rsc, op);
			rc = clear_matching(f, name, NULL);
		} else {
			snprintf(name, sizeof(name), "%s%s#", kinds[k], f->o->rsc);
			rc = clear_matching(f, NULL, name);
			name[strlen(name) - 1] = '\0';
			rc = rc == 0 ? clear_matching(f, name, NULL) : rc;
		}
	}
	if (rc < 0) {
		fprintf(stderr, "crm_failcount: Could not clear the failures of %s on %s: %s\n",
			f->o->rsc, f->t.node, pcmk_strerror(rc));
	}
	return rc < 0 ? pcmk_result_to_exit(rc) : PCMK_EX_OK;
}

static int with_cib(struct failcount *f)
{
	char legacy[512];
	int rc = attr_open("crm_failcount", &f->cib, &f->doc);
	int code;

	if (rc < 0) {
		fprintf(stderr, "crm_failcount: Could not connect to the CIB: %s\n",
			pcmk_strerror(rc));
		return pcmk_result_to_exit(rc);
	}
	f->t.scope = "status";
	f->t.node_uuid = attr_node_uuid(f->doc, f->t.node);
	snprintf(legacy, sizeof(legacy), "fail-count-%s", f->o->rsc);
	if (f->t.node_uuid == NULL) {
		fprintf(stderr, "crm_attribute: Could not map name=%s to a UUID\n", f->t.node);
		code = PCMK_EX_NOSUCH;
	} else {
		code = f->o->command == 'G' ? query(f, legacy) : clear(f);
	}
	free(f->t.node_uuid);
	xmlFreeDoc(f->doc);
	cib_close(f->cib);
	return code;
}

/* fail-count-RSC#OP_MS for -n OP [-I INTERVAL]; an interval that does not
 * read counts as 0, with pacemaker's warning. */
static char *op_attr_name(const struct fc_opts *o)
{
	long long ms = 0;
	char *name;

	if (o->op == NULL) {
		return NULL;
	}
	if (o->interval != NULL && pcmk_parse_ms(o->interval, &ms) != 0) {
		fputs("warning: Unrecognized interval, using 0\n", stderr);
		ms = 0;
	}
	name = malloc(strlen(o->rsc) + strlen(o->op) + 48);
	if (name != NULL) {
		sprintf(name, "fail-count-%s#%s_%lld", o->rsc, o->op, ms);
	}
	return name;
}

int main(int argc, char **argv)
{
	struct fc_opts o;
	struct failcount f = { .o = &o };
	char *node = NULL;
	int rc = parse(argc, argv, &o);

	if (rc != 0) {
		return rc == 1 ? PCMK_EX_OK : rc;
	}
	if (o.command == 0) {
		return usage_error("must specify a command");
	}
	if (o.rsc == NULL) {
		return usage_error("resource name required");
	}
	node = o.node != NULL ? strdup(o.node) : attr_local_node();
	f.t.node = node;
	f.op_name = op_attr_name(&o);
	rc = node == NULL ? PCMK_EX_OSERR : with_cib(&f);
	free(f.op_name);
	free(node);
	return rc;
}
