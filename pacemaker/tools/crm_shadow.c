/*
 * crm_shadow: create, show, compare, commit and delete shadow CIBs, with
 * pacemaker 2.1.5's options, messages and exit codes.  The "live" CIB is
 * what libcib reaches without CIB_shadow: the cib daemon, or CIB_file.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "crm_shadow.h"
#include "tool_version.h"

struct shadow_opts {
	char command;         /* the option letter of the command */
	const char *name;     /* its argument */
	const char *validate; /* -v */
	bool force, batch, all;
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, '?' },
	{ "version", no_argument, NULL, '$' },
	{ "verbose", no_argument, NULL, 'V' },
	{ "which", no_argument, NULL, 'w' },
	{ "display", no_argument, NULL, 'p' },
	{ "edit", no_argument, NULL, 'E' },
	{ "diff", no_argument, NULL, 'd' },
	{ "file", no_argument, NULL, 'F' },
	{ "create", required_argument, NULL, 'c' },
	{ "create-empty", required_argument, NULL, 'e' },
	{ "commit", required_argument, NULL, 'C' },
	{ "delete", required_argument, NULL, 'D' },
	{ "reset", required_argument, NULL, 'r' },
	{ "switch", required_argument, NULL, 's' },
	{ "force", no_argument, NULL, 'f' },
	{ "batch", no_argument, NULL, 'b' },
	{ "all", no_argument, NULL, 'a' },
	{ "validate-with", required_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

static const char dangerous[] = "The supplied command is considered dangerous.  To prevent "
				"accidental destruction of the cluster, the --force flag is "
				"required in order to proceed.\n";

static void usage(FILE *out)
{
	fputs("crm_shadow - change a copy of the Pacemaker configuration in a sandbox\n\n"
	      "Tools run with CIB_shadow=NAME work on the shadow copy NAME instead of the\n"
	      "cluster, so changes can be tried out and simulated before they go live.\n\n"
	      "Usage: crm_shadow <query>|<command> [options]\n"
	      "Queries:\n"
	      " -w, --which\t\t\tName the active shadow copy ($CIB_shadow)\n"
	      " -p, --display\t\t\tPrint the active shadow copy\n"
	      " -E, --edit\t\t\tEdit the active shadow copy with $EDITOR\n"
	      " -d, --diff\t\t\tShow how the active shadow copy differs from the cluster\n"
	      " -F, --file\t\t\tPrint the path of the active shadow copy\n\n"
	      "Commands:\n"
	      " -c, --create=NAME\t\tCopy the cluster's configuration into shadow NAME\n"
	      " -e, --create-empty=NAME\tMake shadow NAME with an empty configuration\n"
	      " -C, --commit=NAME\t\tUpload shadow NAME to the cluster\n"
	      " -D, --delete=NAME\t\tRemove shadow NAME\n"
	      " -r, --reset=NAME\t\tRecopy the cluster's configuration into shadow NAME\n"
	      " -s, --switch=NAME\t\t(Advanced) Make NAME the active shadow copy\n\n"
	      "Options:\n"
	      " -f, --force\t\t\t(Advanced) Overwrite, commit or delete anyway\n"
	      " -b, --batch\t\t\t(Advanced) Do not start a shell\n"
	      " -a, --all\t\t\t(Advanced) With --commit, upload the status section too\n"
	      " -v, --validate-with=SCHEMA\t(Advanced) Schema of an empty copy\n"
	      " -V, --verbose\t\t\tMore debug output\n"
	      " -?, --help, -$, --version\n",
	      out);
}

/* Returns 1 (done: help/version), 0, or -1 (usage error). */
static int parse(int argc, char **argv, struct shadow_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, "?$VwpEdFc:e:C:D:r:s:fbav:", long_opts, NULL)) != -1) {
		if (c == '$') {
			tool_print_version(stdout);
			return 1;
		}
		if (c == '?') {
			return -1; /* --help too: pacemaker exits 64 after the usage */
		}
		if (strchr("wpEdFceCDrs", c) != NULL) {
			o->command = (char)c;
			o->name = optarg != NULL ? optarg : o->name;
		} else if (c == 'f' || c == 'b' || c == 'a') {
			*(c == 'f' ? &o->force : c == 'b' ? &o->batch : &o->all) = true;
		} else if (c == 'v') {
			o->validate = optarg;
		}
	}
	return o->command == 0 ? -1 : 0;
}

static int shadow_path(const char *name, char *buf, size_t size)
{
	const char *dir = getenv("CIB_shadow_dir");
	int len = snprintf(buf, size, "%s/shadow.%s", dir != NULL && dir[0] ? dir : PCMK_CIB_DIR,
			   name);

	return len < 0 || (size_t)len >= size ? -ENAMETOOLONG : 0;
}

static int no_access(const char *name, int err)
{
	fprintf(stderr, "Could not access shadow instance '%s': %s\n", name, strerror(err));
	return PCMK_EX_NOSUCH;
}

/* The live CIB: CIB_shadow does not count here. */
static int live_query(xmlDoc **doc)
{
	struct cib_op_request req = { .op = CIB_OP_QUERY, .client = "crm_shadow" };
	struct cib *cib = NULL;
	char *saved = getenv("CIB_shadow") ? strdup(getenv("CIB_shadow")) : NULL;
	int rc;

	unsetenv("CIB_shadow");
	rc = cib_open("crm_shadow", false, &cib);
	if (rc == 0) {
		rc = cib_request(cib, &req, 0, doc, NULL);
	}
	cib_close(cib);
	if (saved != NULL) {
		setenv("CIB_shadow", saved, 1);
		free(saved);
	}
	if (rc < 0) {
		fprintf(stderr, "Could not connect to CIB: %s\n", pcmk_strerror(rc));
	}
	return rc;
}

static int read_shadow(const char *name, const char *path, xmlDoc **doc)
{
	char *error = NULL;
	int rc = pcmk_xml_parse_file(path, doc, &error);

	if (rc < 0 && access(path, R_OK) != 0) {
		free(error);
		return no_access(name, errno);
	}
	if (rc < 0) {
		fprintf(stderr, "Could not read shadow instance '%s': %s\n", name,
			error != NULL ? error : pcmk_strerror(rc));
	}
	free(error);
	return rc < 0 ? PCMK_EX_DATAERR : PCMK_EX_OK;
}

static int write_shadow(const char *name, const char *path, const xmlNode *cib)
{
	int rc = pcmk_xml_write_file(cib, path, 0640);

	if (rc < 0) {
		fprintf(stderr, "Could not create the shadow instance '%s': %s\n", name,
			strerror(-rc));
		return pcmk_result_to_exit(rc);
	}
	return PCMK_EX_OK;
}

/* Without --batch, a shell with CIB_shadow set takes over. */
static int start_shell(const char *name)
{
	const char *shell = getenv("SHELL");

	if (shell == NULL || shell[0] == '\0') {
		shell = "/bin/sh";
	}
	setenv("CIB_shadow", name, 1);
	fflush(NULL);
	execl(shell, shell, (char *)NULL);
	fprintf(stderr, "Could not start %s: %s\n", shell, strerror(errno));
	return PCMK_EX_OSERR;
}

static int announce(const struct shadow_opts *o)
{
	if (!o->batch) {
		return start_shell(o->name);
	}
	printf("Setting up shadow instance\n"
	       "A new shadow instance was created.  To begin using it paste the following into "
	       "your shell:\n  CIB_shadow=%s ; export CIB_shadow\n",
	       o->name);
	return PCMK_EX_OK;
}

static void unset_hint(void)
{
	printf("Please remember to unset the CIB_shadow variable by pasting the following into "
	       "your shell:\n  unset CIB_shadow\n");
}

/* The new shadow's contents: empty (epoch 0, as pacemaker's), or the live CIB. */
static int new_contents(const struct shadow_opts *o, xmlDoc **doc)
{
	xmlNode *root;

	if (o->command != 'e') {
		return live_query(doc) < 0 ? PCMK_EX_DISCONNECT : PCMK_EX_OK;
	}
	*doc = cib_new_empty();
	root = *doc != NULL ? xmlDocGetRootElement(*doc) : NULL;
	if (root == NULL) {
		return PCMK_EX_OSERR;
	}
	pcmk_xml_set_attr(root, "epoch", "0");
	if (o->validate != NULL) {
		pcmk_xml_set_attr(root, "validate-with", o->validate);
	}
	return PCMK_EX_OK;
}

static int cmd_create(const struct shadow_opts *o, const char *path)
{
	xmlDoc *doc = NULL;
	int code;

	if (o->command == 'r' && access(path, F_OK) != 0) {
		return no_access(o->name, errno);
	}
	if (o->command != 'r' && !o->force && access(path, F_OK) == 0) {
		fprintf(stderr,
			"A shadow instance '%s' already exists.\n  To prevent accidental "
			"destruction of the cluster, the --force flag is required in order "
			"to proceed.\n",
			o->name);
		return PCMK_EX_CANTCREAT;
	}
	code = new_contents(o, &doc);
	if (code == PCMK_EX_OK) {
		code = write_shadow(o->name, path, xmlDocGetRootElement(doc));
	}
	if (code == PCMK_EX_OK && o->command == 'e' && o->batch) {
		printf("Created new %s configuration\n",
		       pcmk_xml_attr(xmlDocGetRootElement(doc), "validate-with"));
	}
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
	return code == PCMK_EX_OK && o->command != 'r' ? announce(o) : code;
}

/* Replace the live configuration (or, with --all, the whole CIB). */
static int upload(const struct shadow_opts *o, xmlDoc *shadow)
{
	xmlNode *root = xmlDocGetRootElement(shadow);
	struct cib_op_request req = {
		.op = CIB_OP_REPLACE,
		.section = o->all ? NULL : "configuration",
		.data = o->all ? root : pcmk_xml_first_child(root, "configuration"),
		.client = "crm_shadow",
	};
	struct cib *cib = NULL;
	char *error = NULL;
	int rc;

	unsetenv("CIB_shadow");
	rc = cib_open("crm_shadow", false, &cib);
	if (rc < 0) {
		fprintf(stderr, "Could not connect to CIB: %s\n", pcmk_strerror(rc));
		return pcmk_result_to_exit(rc);
	}
	rc = req.data == NULL ? -EINVAL : cib_request(cib, &req, 0, NULL, &error);
	cib_close(cib);
	if (rc < 0) {
		fprintf(stderr, "Could not commit shadow instance '%s' to the CIB: %s\n", o->name,
			error != NULL ? error : pcmk_strerror(rc));
	}
	free(error);
	return rc < 0 ? pcmk_result_to_exit(rc) : PCMK_EX_OK;
}

static int cmd_commit(const struct shadow_opts *o, const char *path)
{
	xmlDoc *doc = NULL;
	int code;

	if (!o->force) {
		fputs(dangerous, stderr);
		return PCMK_EX_USAGE;
	}
	code = read_shadow(o->name, path, &doc);
	if (code == PCMK_EX_OK) {
		code = upload(o, doc);
		xmlFreeDoc(doc);
	}
	if (code == PCMK_EX_OK) {
		unset_hint();
	}
	return code;
}

static int cmd_delete(const struct shadow_opts *o, const char *path)
{
	if (!o->force) {
		fputs(dangerous, stderr);
		return PCMK_EX_USAGE;
	}
	if (unlink(path) != 0 && errno != ENOENT) {
		fprintf(stderr, "Could not remove shadow instance '%s': %s\n", o->name,
			strerror(errno));
		return PCMK_EX_ERROR;
	}
	unset_hint();
	return PCMK_EX_OK;
}

static int cmd_switch(const struct shadow_opts *o, const char *path)
{
	if (access(path, F_OK) != 0) {
		return no_access(o->name, errno);
	}
	if (!o->batch) {
		return start_shell(o->name);
	}
	printf("To switch to the named shadow instance, paste the following into your shell:\n"
	       "  CIB_shadow=%s ; export CIB_shadow\n",
	       o->name);
	return PCMK_EX_OK;
}

static int cmd_display(const char *name, const char *path)
{
	xmlDoc *doc = NULL;
	int code = read_shadow(name, path, &doc);
	char *text;

	if (code != PCMK_EX_OK) {
		return code;
	}
	text = pcmk_xml_to_string(xmlDocGetRootElement(doc), true);
	fputs(text != NULL ? text : "", stdout);
	free(text);
	xmlFreeDoc(doc);
	return PCMK_EX_OK;
}

/* Exit 1 when the shadow differs from the live CIB, as pacemaker's. */
static int cmd_diff(const char *name, const char *path)
{
	xmlDoc *shadow = NULL, *live = NULL;
	int code = read_shadow(name, path, &shadow);
	int rc;

	if (code != PCMK_EX_OK) {
		return code;
	}
	if (live_query(&live) < 0) {
		xmlFreeDoc(shadow);
		return PCMK_EX_DISCONNECT;
	}
	rc = shadow_diff_print(stdout, xmlDocGetRootElement(live), xmlDocGetRootElement(shadow));
	xmlFreeDoc(shadow);
	xmlFreeDoc(live);
	if (rc < 0) {
		fprintf(stderr, "Could not compare the shadow with the CIB: %s\n",
			pcmk_strerror(rc));
		return pcmk_result_to_exit(rc);
	}
	return rc > 0 ? PCMK_EX_ERROR : PCMK_EX_OK;
}

static int cmd_edit(const char *name, const char *path)
{
	const char *editor = getenv("EDITOR");
	pid_t pid;
	int status = 0;

	if (access(path, F_OK) != 0) {
		return no_access(name, errno);
	}
	if (editor == NULL || editor[0] == '\0') {
		fputs("No value for EDITOR defined\n", stderr);
		return PCMK_EX_NOT_CONFIGURED;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		execlp(editor, editor, path, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "Could not invoke EDITOR (%s %s)\n", editor, path);
		return PCMK_EX_OSERR;
	}
	return PCMK_EX_OK;
}

/* The queries work on the active shadow, $CIB_shadow. */
static int query(const struct shadow_opts *o)
{
	const char *name = getenv("CIB_shadow");
	char path[PATH_MAX];

	if (name == NULL || name[0] == '\0') {
		fputs("No active shadow configuration defined\n", stderr);
		return PCMK_EX_NOSUCH;
	}
	if (shadow_path(name, path, sizeof(path)) < 0) {
		return no_access(name, ENAMETOOLONG);
	}
	switch (o->command) {
	case 'w':
		printf("%s\n", name);
		return PCMK_EX_OK;
	case 'F':
		printf("%s\n", path);
		return PCMK_EX_OK;
	case 'p':
		return cmd_display(name, path);
	case 'd':
		return cmd_diff(name, path);
	default:
		return cmd_edit(name, path);
	}
}

int main(int argc, char **argv)
{
	struct shadow_opts o;
	char path[PATH_MAX];
	int rc = parse(argc, argv, &o);

	if (rc != 0) {
		if (rc < 0) {
			usage(stderr);
		}
		return rc > 0 ? PCMK_EX_OK : PCMK_EX_USAGE;
	}
	if (strchr("wFpdE", o.command) != NULL) {
		return query(&o);
	}
	if (shadow_path(o.name, path, sizeof(path)) < 0) {
		return no_access(o.name, ENAMETOOLONG);
	}
	switch (o.command) {
	case 'C':
		return cmd_commit(&o, path);
	case 'D':
		return cmd_delete(&o, path);
	case 's':
		return cmd_switch(&o, path);
	default:
		return cmd_create(&o, path);
	}
}
