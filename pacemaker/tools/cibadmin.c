/*
 * cibadmin: read and change the CIB from the command line, through the
 * CIB client library (the cib daemon, or a file named by CIB_file or
 * CIB_shadow).  Output, messages and exit codes are pacemaker 2.1's, so
 * scripts written for it work unchanged.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include <crm/cib.h>
#include <crm/cib/digest.h>
#include <crm/cib/ops.h>
#include <crm/common/log.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "cibadmin.h"

/* The library's operation for each command that reaches the CIB. */
static const enum cib_op cmd_ops[] = {
	[CIBADMIN_CMD_QUERY] = CIB_OP_QUERY,      [CIBADMIN_CMD_CREATE] = CIB_OP_CREATE,
	[CIBADMIN_CMD_MODIFY] = CIB_OP_MODIFY,    [CIBADMIN_CMD_REPLACE] = CIB_OP_REPLACE,
	[CIBADMIN_CMD_DELETE] = CIB_OP_DELETE,    [CIBADMIN_CMD_ERASE] = CIB_OP_ERASE,
	[CIBADMIN_CMD_BUMP] = CIB_OP_BUMP,        [CIBADMIN_CMD_UPGRADE] = CIB_OP_UPGRADE,
	[CIBADMIN_CMD_PATCH] = CIB_OP_APPLY_DIFF,
};

/* Request options from the command line's flags. */
static const struct {
	size_t field;
	unsigned int option;
} flag_options[] = {
	{ offsetof(struct cibadmin_opts, multiple), CIB_OPT_MULTIPLE },
	{ offsetof(struct cibadmin_opts, allow_create), CIB_OPT_CAN_CREATE },
	{ offsetof(struct cibadmin_opts, no_children), CIB_OPT_NO_CHILDREN },
	{ offsetof(struct cibadmin_opts, node_path), CIB_OPT_XPATH_ADDRESS },
	{ offsetof(struct cibadmin_opts, local), CIB_OPT_SCOPE_LOCAL },
	{ offsetof(struct cibadmin_opts, force), CIB_OPT_FORCE },
	{ offsetof(struct cibadmin_opts, xpath), CIB_OPT_XPATH },
};

static unsigned int request_options(const struct cibadmin_opts *opts)
{
	unsigned int options = 0;

	for (size_t i = 0; i < sizeof(flag_options) / sizeof(flag_options[0]); i++) {
		if (*(const bool *)((const char *)opts + flag_options[i].field)) {
			options |= flag_options[i].option;
		}
	}
	return options;
}

static int print_empty(const char *schema)
{
	xmlDoc *doc = cib_new_empty();
	int rc;

	if (doc == NULL) {
		fprintf(stderr, "Could not make an empty CIB: %s\n", strerror(ENOMEM));
		return PCMK_EX_OSERR;
	}
	if (schema != NULL) {
		rc = pcmk_xml_set_attr(xmlDocGetRootElement(doc), "validate-with", schema);
		if (rc < 0) {
			fprintf(stderr, "Cannot use '%s' as a schema name: %s\n", schema,
				pcmk_strerror(rc));
			xmlFreeDoc(doc);
			return PCMK_EX_USAGE;
		}
	}
	rc = cibadmin_print_output(stdout, xmlDocGetRootElement(doc), false);
	xmlFreeDoc(doc);
	return rc < 0 ? PCMK_EX_OSERR : PCMK_EX_OK;
}

/* -5 and -6: the digest of the input, the label on stderr (as pacemaker
 * prints it, so that only the digest lands in a pipe). */
static int print_digest(const struct cibadmin_opts *opts, const xmlNode *input)
{
	char digest[CIB_DIGEST_SIZE];
	int rc;

	if (opts->cmd == CIBADMIN_CMD_MD5) {
		rc = cib_digest_on_disk(input, digest);
		fprintf(stderr, "Digest: ");
	} else {
		const char *feature_set = pcmk_xml_attr(input, "crm_feature_set");

		rc = cib_digest_versioned(input, digest);
		fprintf(stderr, "Versioned (%s) digest: ", feature_set ? feature_set : "(null)");
	}
	if (rc < 0) {
		fprintf(stderr, "\nCould not compute the digest: %s\n", pcmk_strerror(rc));
		return pcmk_result_to_exit(rc);
	}
	printf("%s\n", digest);
	return PCMK_EX_OK;
}

/* What pacemaker's cibadmin adds to a whole CIB given to --replace: a
 * status section, so that replacing the configuration keeps node state
 * out of the way of the schema. */
static int complete_replacement(const struct cibadmin_opts *opts, xmlNode *input)
{
	if (opts->cmd != CIBADMIN_CMD_REPLACE || !pcmk_xml_is(input, "cib") ||
	    pcmk_xml_first_child(input, "status") != NULL) {
		return 0;
	}
	return pcmk_xml_add_child(input, "status") != NULL ? 0 : -ENOMEM;
}

static void fill_request(const struct cibadmin_opts *opts, const xmlNode *input,
			 struct cib_op_request *req)
{
	memset(req, 0, sizeof(*req));
	req->op = cmd_ops[opts->cmd];
	req->options = request_options(opts);
	if (opts->xpath) {
		req->xpath = opts->section;
	} else if (cibadmin_section_known(opts->section)) {
		req->section = opts->section;
	}
	/* an unknown -o section means the whole CIB, as in pacemaker */
	req->data = input;
	req->client = "cibadmin";
	req->user = opts->user;
	req->now = time(NULL);
}

/* Report a failed request on stderr in the words pacemaker's cibadmin
 * ends with.  A schema failure also says what the schema refused (where
 * pacemaker lists the whole refused CIB); the library's explanation of
 * other failures is logged, shown with -V, so that scripts see the
 * stderr they expect. */
static void report_failure(int rc, const xmlDoc *output, const char *error)
{
	const xmlNode *root = output != NULL ? xmlDocGetRootElement(output) : NULL;

	if (rc == -PCMK_E_SCHEMA && pcmk_xml_is(root, "cib")) {
		cibadmin_print_numbered(stderr, root);
	}
	if (error != NULL && *error != '\0') {
		if (rc == -PCMK_E_SCHEMA) {
			fprintf(stderr, "%s\n", error);
		} else {
			pcmk_err("%s", error);
		}
	}
	fprintf(stderr, "Call failed: %s\n", pcmk_strerror(rc));
}

static int perform(const struct cibadmin_opts *opts, struct cib *cib, xmlNode *input)
{
	struct cib_op_request req;
	xmlDoc *output = NULL;
	char *error = NULL;
	int timeout_ms = opts->timeout_s > 0 ? opts->timeout_s * 1000 : 0;
	int rc;
	int exit_code = PCMK_EX_OK;

	fill_request(opts, input, &req);
	rc = cib_request(cib, &req, timeout_ms, &output, &error);
	if (rc == -PCMK_E_SCHEMA_UNCHANGED && opts->cmd == CIBADMIN_CMD_UPGRADE) {
		rc = 0; /* nothing to upgrade is no failure */
	}
	if (rc < 0) {
		report_failure(rc, output, error);
		exit_code = pcmk_result_to_exit(rc);
	}
	/* a refused create still prints its <failed> report */
	if (output != NULL && !(rc < 0 && pcmk_xml_is(xmlDocGetRootElement(output), "cib"))) {
		cibadmin_print_output(stdout, xmlDocGetRootElement(output), opts->node_path);
	}
	if (output != NULL) {
		xmlFreeDoc(output);
	}
	free(error);
	return exit_code;
}

static int connect_and_perform(const struct cibadmin_opts *opts, xmlNode *input)
{
	struct cib *cib = NULL;
	int rc = cib_open("cibadmin", false, &cib);
	int exit_code;

	if (rc < 0) {
		fprintf(stderr, "Could not connect to the CIB: %s\n", pcmk_strerror(rc));
		fprintf(stderr, "Init failed, could not perform requested operations\n");
		cib_close(cib);
		return pcmk_result_to_exit(rc);
	}
	if (opts->host != NULL) {
		pcmk_info("--node %s: the request goes to the CIB this tool reaches", opts->host);
	}
	rc = complete_replacement(opts, input);
	exit_code = rc < 0 ? (int)pcmk_result_to_exit(rc) : perform(opts, cib, input);
	cib_close(cib);
	return exit_code;
}

/* -S: showing ACL access needs a user, and the rendering is not there. */
static int refuse_show_access(const struct cibadmin_opts *opts, bool have_input)
{
	if (opts->user == NULL && !have_input) {
		fprintf(stderr, "The supplied command requires -U user specified.\n");
		return PCMK_EX_USAGE;
	}
	/* no user to evaluate for is a bad request, as in pacemaker */
	fprintf(stderr, "Could not evaluate access per request (%s, error: %s)\n",
		opts->user ? opts->user : "(null)",
		pcmk_strerror(opts->user ? -EOPNOTSUPP : -EINVAL));
	return PCMK_EX_CONFIG;
}

/* The steps after the command line, in pacemaker's order: the --force
 * check, the input, then the command. */
static int run(const struct cibadmin_opts *opts)
{
	xmlDoc *doc = NULL;
	const char *source = NULL;
	char *error = NULL;
	xmlNode *input;
	int exit_code;

	if (opts->dangerous && !opts->force) {
		fprintf(stderr, "The supplied command is considered dangerous.  To prevent "
				"accidental destruction of the cluster, the --force flag is "
				"required in order to proceed.\n");
		return PCMK_EX_UNSAFE;
	}
	if (cibadmin_read_input(opts, &doc, &source, &error) < 0) {
		fprintf(stderr, "Couldn't parse input from %s.\n", source);
		pcmk_err("%s: %s", source, error != NULL ? error : "no XML");
		free(error);
		return PCMK_EX_CONFIG;
	}
	input = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (opts->show_access) {
		exit_code = refuse_show_access(opts, input != NULL);
	} else if (opts->cmd == CIBADMIN_CMD_MD5 || opts->cmd == CIBADMIN_CMD_MD5_VERSIONED) {
		if (input == NULL) {
			fprintf(stderr, "Please supply XML to process with -X, -x or -p\n");
			exit_code = PCMK_EX_USAGE;
		} else {
			exit_code = print_digest(opts, input);
		}
	} else if (opts->cmd == CIBADMIN_CMD_PATCH && input == NULL) {
		/* pacemaker's cibadmin takes no patch as nothing to apply */
		pcmk_info("--patch without XML: nothing to apply");
		exit_code = PCMK_EX_OK;
	} else {
		exit_code = connect_and_perform(opts, input);
	}
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
	return exit_code;
}

static int usage_error(const struct cibadmin_opts *opts, char **argv)
{
	if (opts->bad_value != NULL) {
		fprintf(stderr, "Unrecognized value for --show-access: \"%s\"\n", opts->bad_value);
	}
	if (opts->first_extra > 0) {
		printf("non-option ARGV-elements: ");
		for (int i = opts->first_extra; argv[i] != NULL; i++) {
			printf("%s ", argv[i]);
		}
		printf("\n");
	}
	cibadmin_usage(stderr);
	return PCMK_EX_USAGE;
}

int main(int argc, char **argv)
{
	struct cibadmin_opts opts;
	enum cibadmin_next next = cibadmin_parse(argc, argv, &opts);
	int exit_code;

	switch (next) {
	case CIBADMIN_HELP:
		cibadmin_usage(stdout);
		return PCMK_EX_OK;
	case CIBADMIN_VERSION:
	case CIBADMIN_VERSION_LONG:
		cibadmin_version(stdout, next == CIBADMIN_VERSION_LONG);
		return PCMK_EX_OK;
	case CIBADMIN_EMPTY:
		return print_empty(opts.empty_schema);
	case CIBADMIN_USAGE:
	case CIBADMIN_EXTRA_ARGS:
	case CIBADMIN_BAD_VALUE:
		return usage_error(&opts, argv);
	case CIBADMIN_RUN:
		break;
	}
	/* quiet unless asked: the library's complaints would repeat ours */
	pcmk_log_init_tool("cibadmin", LOG_CRIT + opts.verbose);
	exit_code = run(&opts);
	pcmk_log_fini();
	return exit_code;
}
