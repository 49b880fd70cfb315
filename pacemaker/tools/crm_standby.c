/*
 * crm_standby: query, set or clear the "standby" attribute of a node, as
 * pacemaker 2.1.5's crm_standby does (it is crm_attribute with the name
 * fixed): without -l a query shows the permanent value if there is one,
 * else the reboot one (default "off"); an update is permanent; a delete
 * clears both.  Messages about the CIB are worded as crm_attribute's,
 * which is what pacemaker's crm_standby runs.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "crm_attribute.h"
#include "tool_version.h"

struct standby_opts {
	char command; /* 'G', 'v', 'D' */
	const char *value, *node, *lifetime, *attr_id;
	bool quiet;
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "query", no_argument, NULL, 'G' },
	{ "get-value", no_argument, NULL, 'G' },
	{ "update", required_argument, NULL, 'v' },
	{ "attr-value", required_argument, NULL, 'v' },
	{ "delete", no_argument, NULL, 'D' },
	{ "delete-attr", no_argument, NULL, 'D' },
	{ "node", required_argument, NULL, 'N' },
	{ "uname", required_argument, NULL, 'N' },
	{ "lifetime", required_argument, NULL, 'l' },
	{ "id", required_argument, NULL, 'i' },
	{ "attr-id", required_argument, NULL, 'i' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage: crm_standby <command> [options]\n\n"
	      "Show or change whether a node is in standby (may host no resources).\n\n"
	      "Commands:\n"
	      " -G, --query            Show the node's standby mode (on/off); the default\n"
	      " -v, --update=VALUE     Set standby mode: on or off\n"
	      " -D, --delete           Remove the setting (the node is then not in standby)\n\n"
	      "Options:\n"
	      " -N, --node=NODE        The node (default: this one)\n"
	      " -l, --lifetime=VALUE   reboot (until the node restarts) or forever\n"
	      " -i, --id=VALUE         (Advanced) XML id of the standby nvpair\n"
	      " -q, --quiet            Print only the value when querying\n"
	      " -V, --verbose          More debug output\n"
	      " --help, --version\n",
	      out);
}

/* Returns 1 to stop with success (--help, --version), 0, or -1 (usage). */
static int parse(int argc, char **argv, struct standby_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 1;
	while ((c = getopt_long(argc, argv, "VqQGv:DN:U:l:i:", long_opts, NULL)) != -1) {
		if (c == 'h' || c == '$') {
			if (c == 'h') {
				usage(stdout);
			} else {
				tool_print_version(stdout);
			}
			return 1;
		}
		if (c == '?') {
			return -1;
		}
		if (c == 'G' || c == 'D' || c == 'v') {
			o->command = (char)c;
			o->value = c == 'v' ? optarg : o->value;
		} else if (c == 'N' || c == 'U') {
			o->node = optarg;
		} else if (c == 'l') {
			o->lifetime = optarg;
		} else if (c == 'i') {
			o->attr_id = optarg;
		} else if (c == 'q' || c == 'Q') {
			o->quiet = true;
		}
	}
	return 0;
}

/* "reboot" -> status, "forever" -> nodes; anything else is not a lifetime
 * (pacemaker's crm_attribute then fails with "No message of desired type"). */
static const char *scope_of(const char *lifetime)
{
	if (strcasecmp(lifetime, "reboot") == 0) {
		return "status";
	}
	return strcasecmp(lifetime, "forever") == 0 ? "nodes" : lifetime;
}

static int fail(int rc)
{
	fprintf(stderr, "crm_attribute: Error performing operation: %s\n", pcmk_strerror(rc));
	return pcmk_result_to_exit(rc);
}

struct standby {
	const struct standby_opts *o;
	struct cib *cib;
	xmlDoc *doc;
	struct attr_target t;
};

static int query(struct standby *s, const char *scope, const char *dflt)
{
	struct attr_match *m = NULL;
	int n;

	s->t.scope = scope;
	n = attr_find(s->doc, &s->t, &m);
	if (n < 0) {
		return fail(n);
	}
	for (int i = 0; i < n || (n == 0 && dflt != NULL && i == 0); i++) {
		const char *value = n > 0 ? m[i].value : dflt;

		if (s->o->quiet) {
			printf("%s\n", value ? value : "");
		} else {
			printf("scope=%s  name=standby value=%s\n", scope, value ? value : "");
		}
	}
	free(m);
	return n == 0 && dflt == NULL ? fail(-ENXIO) : PCMK_EX_OK;
}

static bool has_value(struct standby *s, const char *scope)
{
	struct attr_match *m = NULL;
	int n;

	s->t.scope = scope;
	n = attr_find(s->doc, &s->t, &m);
	free(m);
	return n > 0;
}

static int update(struct standby *s, const char *scope)
{
	char *set = NULL;
	int rc;

	s->t.scope = scope;
	rc = attr_update(s->cib, s->doc, &s->t, s->o->value, &set, NULL);
	if (rc < 0 && rc != -ENOTUNIQ) {
		fprintf(stderr, "Error setting standby=%s (section=%s, set=%s): %s\n", s->o->value,
			scope, set ? set : "", pcmk_strerror(rc));
	}
	free(set);
	return rc < 0 ? fail(rc) : PCMK_EX_OK;
}

static int delete (struct standby *s, const char *scope)
{
	struct attr_match *m = NULL;
	int n, rc;

	s->t.scope = scope;
	n = attr_find(s->doc, &s->t, &m);
	rc = n == 1 ? attr_delete(s->cib, &s->t, m[0].id, NULL) : (n < 0 ? n : 0);
	if (rc == 0 && n == 1 && !s->o->quiet) {
		printf("Deleted %s attribute: id=%s name=standby\n", scope, m[0].id);
	}
	free(m);
	return rc < 0 ? fail(rc) : PCMK_EX_OK;
}

static int act(struct standby *s)
{
	const char *lifetime = s->o->lifetime;

	switch (s->o->command) {
	case 'v':
		return update(s, lifetime ? scope_of(lifetime) : "nodes");
	case 'D':
		if (lifetime != NULL) {
			return delete (s, scope_of(lifetime));
		}
		delete (s, "nodes");
		delete (s, "status");
		return PCMK_EX_OK;
	default:
		if (lifetime != NULL) {
			return query(s, scope_of(lifetime), NULL);
		}
		return has_value(s, "nodes") ? query(s, "nodes", NULL) : query(s, "status", "off");
	}
}

static int with_cib(struct standby *s, char *node)
{
	int rc = attr_open("crm_standby", &s->cib, &s->doc);
	int code;

	if (rc < 0) {
		fprintf(stderr, "crm_attribute: Could not connect to the CIB: %s\n",
			pcmk_strerror(rc));
		return pcmk_result_to_exit(rc);
	}
	s->t.node = node;
	s->t.node_uuid = attr_node_uuid(s->doc, node);
	if (s->t.node_uuid == NULL) {
		fprintf(stderr, "crm_attribute: Could not map name=%s to a UUID\n", node);
		code = PCMK_EX_NOSUCH;
	} else {
		code = act(s);
	}
	free(s->t.node_uuid);
	xmlFreeDoc(s->doc);
	cib_close(s->cib);
	return code;
}

int main(int argc, char **argv)
{
	struct standby_opts o;
	struct standby s = { .o = &o };
	int rc = parse(argc, argv, &o);
	char *node;

	if (rc != 0) {
		if (rc < 0) {
			putchar('\n');
			usage(stdout);
		}
		return rc > 0 ? PCMK_EX_OK : PCMK_EX_ERROR;
	}
	node = o.node != NULL ? strdup(o.node) : attr_local_node();
	if (node == NULL) {
		return PCMK_EX_OSERR;
	}
	s.t.name = "standby";
	s.t.attr_id = o.attr_id;
	rc = with_cib(&s, node);
	free(node);
	return rc;
}
