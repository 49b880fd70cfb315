/*
 * ocf-metadata-check: checks OCF resource agent meta-data against the
 * OCF RA API (the ra-api-1.rng schema plus the rules a schema cannot
 * express).  Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "ra_meta.h"

#ifndef RA_API_SCHEMA
#define RA_API_SCHEMA "/usr/share/resource-agents/ra-api-1.rng"
#endif

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_TROUBLE = 2 };

struct options {
	const char *schema;
	const char *agent;
	const char *file;
	int strict;
	int quiet;
	int timeout_s;
};

static const struct option long_options[] = {
	{ "schema", required_argument, NULL, 's' },  { "agent", required_argument, NULL, 'a' },
	{ "strict", no_argument, NULL, 'S' },        { "quiet", no_argument, NULL, 'q' },
	{ "timeout", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },       { NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ocf-metadata-check [OPTION]... [FILE|-]\n"
		"       ocf-metadata-check [OPTION]... --agent PATH\n"
		"Check OCF resource agent meta-data (from FILE, standard input, or the\n"
		"output of \"PATH meta-data\") against the OCF resource agent API.\n\n"
		"  -s, --schema FILE    RELAX NG schema (default %s)\n"
		"  -a, --agent PATH     run PATH meta-data (OCF_ROOT from the environment)\n"
		"  -t, --timeout SECS   give the agent this long (default 30)\n"
		"  -S, --strict         warnings make the meta-data invalid too\n"
		"  -q, --quiet          print errors only\n"
		"  -h, --help           this text\n"
		"  -V, --version        program version\n\n"
		"Each problem is one line: SOURCE:LINE: error|warning: ELEMENT 'NAME': text.\n"
		"Exit status: 0 valid, 1 invalid, 2 usage or I/O error.\n",
		RA_API_SCHEMA);
}

static int parse_timeout(const char *arg, int *secs)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*end != '\0' || v <= 0 || v > 86400)
		return -1;
	*secs = (int)v;
	return 0;
}

/* Returns -1 to go on, or the exit status to end with. */
static int parse_options(int argc, char **argv, struct options *o)
{
	int c;

	*o = (struct options){ .schema = RA_API_SCHEMA, .timeout_s = 30 };
	while ((c = getopt_long(argc, argv, "s:a:t:SqhV", long_options, NULL)) != -1) {
		switch (c) {
		case 's':
			o->schema = optarg;
			break;
		case 'a':
			o->agent = optarg;
			break;
		case 'S':
			o->strict = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 't':
			if (parse_timeout(optarg, &o->timeout_s) == 0)
				break;
			fprintf(stderr, "ocf-metadata-check: bad --timeout '%s'\n", optarg);
			return EXIT_TROUBLE;
		case 'h':
			usage(stdout);
			return EXIT_VALID;
		case 'V':
			printf("ocf-metadata-check %s\n", PACKAGE_VERSION);
			return EXIT_VALID;
		default:
			usage(stderr);
			return EXIT_TROUBLE;
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc || (o->file != NULL && o->agent != NULL)) {
		fprintf(stderr, "ocf-metadata-check: give one FILE or --agent PATH\n");
		return EXIT_TROUBLE;
	}
	return -1;
}

static void print_problem(const char *source, const struct ra_problem *p)
{
	const char *sev = p->severity == RA_ERROR ? "error" : "warning";

	printf("%s:", source);
	if (p->line > 0)
		printf("%ld:", p->line);
	printf(" %s: ", sev);
	if (p->element != NULL && p->name != NULL)
		printf("%s '%s': ", p->element, p->name);
	else if (p->element != NULL && p->owner != NULL)
		printf("%s in %s: ", p->element, p->owner);
	else if (p->element != NULL)
		printf("%s: ", p->element);
	printf("%s\n", p->message);
}

static void print_report(const char *source, const struct ra_report *r, int quiet)
{
	const struct ra_problem *p;

	for (p = r->head; p != NULL; p = p->next) {
		if (!quiet || p->severity == RA_ERROR)
			print_problem(source, p);
	}
	if (r->oom)
		printf("%s: error: out of memory: some problems were not recorded\n", source);
}

static int read_all(int fd, char **out, size_t *len)
{
	size_t size = 65536, n = 0;
	char *buf = malloc(size);
	ssize_t got;

	while (buf != NULL && (got = read(fd, buf + n, size - n - 1)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		n += (size_t)got;
		if (size - n < 4096) {
			char *p = realloc(buf, size *= 2);

			if (p == NULL)
				break;
			buf = p;
		}
	}
	if (buf == NULL || got != 0) {
		int err = buf == NULL ? -ENOMEM : (got < 0 ? -errno : -ENOMEM);

		free(buf);
		return err;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int read_file(const char *file, char **out, size_t *len)
{
	int fd, rc;

	if (file == NULL || strcmp(file, "-") == 0)
		return read_all(STDIN_FILENO, out, len);
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = read_all(fd, out, len);
	close(fd);
	return rc;
}

/* The agent's exit status is part of the check: meta-data must succeed. */
static int run_agent(const struct options *o, struct ra_report *r, char **out, size_t *len)
{
	int status = 0;
	int rc = ra_agent_meta_data(o->agent, o->timeout_s * 1000, out, len, &status);

	if (rc != 0)
		return rc;
	if (WIFSIGNALED(status))
		ra_report_add(r, RA_ERROR, NULL, "meta-data killed by signal %d%s",
			      WTERMSIG(status), WTERMSIG(status) == SIGKILL ? " (timed out?)" : "");
	else if (WEXITSTATUS(status) != 0)
		ra_report_add(r, RA_ERROR, NULL, "meta-data exited with status %d (want 0)",
			      WEXITSTATUS(status));
	return 0;
}

/* The agent's name attribute names its file in resource.d/PROVIDER/. */
static void check_agent_name(const char *path, xmlDoc *doc, struct ra_report *r)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *name = root ? ra_xml_attr(root, "name") : NULL;

	if (name != NULL && strcmp(name, base) != 0)
		ra_report_add(r, RA_WARNING, root, "name differs from the agent's file name %s",
			      base);
	xmlFree(name);
}

static void check_text(const struct options *o, xmlRelaxNG *schema, const char *buf, size_t len,
		       struct ra_report *r)
{
	xmlDoc *doc = NULL;

	if (ra_meta_parse(buf, len, r, &doc) != 0)
		return;
	ra_meta_validate(schema, doc, r);
	ra_meta_check_semantics(doc, r);
	if (o->agent != NULL)
		check_agent_name(o->agent, doc, r);
	xmlFreeDoc(doc);
}

static int load_schema(const char *path, xmlRelaxNG **schema)
{
	struct ra_report r;
	int rc;

	ra_report_init(&r);
	rc = ra_meta_schema_load(path, &r, schema);
	print_report(path, &r, 0);
	ra_report_free(&r);
	if (rc != 0 && rc != -EINVAL)
		fprintf(stderr, "ocf-metadata-check: cannot read schema %s: %s\n", path,
			strerror(-rc));
	else if (rc != 0)
		fprintf(stderr, "ocf-metadata-check: %s is not a usable RELAX NG schema\n", path);
	return rc;
}

static int check(const struct options *o, xmlRelaxNG *schema)
{
	const char *source =
		o->agent ? o->agent : (o->file && strcmp(o->file, "-") ? o->file : "<stdin>");
	struct ra_report r;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	ra_report_init(&r);
	rc = o->agent ? run_agent(o, &r, &buf, &len) : read_file(o->file, &buf, &len);
	if (rc != 0) {
		fprintf(stderr, "ocf-metadata-check: %s: %s\n", source, strerror(-rc));
		ra_report_free(&r);
		return EXIT_TROUBLE;
	}
	check_text(o, schema, buf, len, &r);
	print_report(source, &r, o->quiet);
	rc = r.errors > 0 || (o->strict && r.warnings > 0) ? EXIT_INVALID : EXIT_VALID;
	if (r.oom)
		rc = EXIT_TROUBLE;
	ra_report_free(&r);
	free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	xmlRelaxNG *schema = NULL;
	int rc = parse_options(argc, argv, &o);

	if (rc >= 0)
		return rc;
	LIBXML_TEST_VERSION
	if (load_schema(o.schema, &schema) != 0) {
		xmlCleanupParser();
		return EXIT_TROUBLE;
	}
	rc = check(&o, schema);
	xmlRelaxNGFree(schema);
	xmlCleanupParser();
	return rc;
}
