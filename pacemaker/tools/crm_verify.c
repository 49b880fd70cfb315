/*
 * crm_verify: read a CIB, check it, print what the checks found at the
 * verbosity asked for, and end with pacemaker's verdict and exit code
 * (0 valid, 78 errors or warnings, 1 unreadable input).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <crm/cib/input.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include <crm/pengine/verify.h>

#include "crm_verify.h"
#include "tool_version.h"

/* crm_verify's own parser (every libxml2 complaint reported, what can be
 * recovered kept), and whether it ran: when it did not, the live CIB
 * could not be had. */
struct verify_parse {
	struct pe_verify_report *report;
	bool ran;
};

static int parse_file(const char *path, void *data, xmlDoc **doc, char **error)
{
	struct verify_parse *p = data;

	(void)error; /* the report holds the complaints */
	p->ran = true;
	return pe_verify_parse_file(path, p->report, doc);
}

/* The live CIB comes here as text too, so that messages name its lines. */
static int parse_text(const char *text, size_t len, void *data, xmlDoc **doc, char **error)
{
	struct verify_parse *p = data;

	(void)error;
	p->ran = true;
	return pe_verify_parse_text(text, len, p->report, doc);
}

static int read_input(const struct verify_opts *o, struct pe_verify_report *report, xmlDoc **doc)
{
	struct verify_parse p = { .report = report, .ran = false };
	struct cib_input_parser parser = { .file = parse_file, .text = parse_text, .data = &p };
	struct cib_input in = {
		.file = o->xml_file,
		.text = o->xml_text,
		.from_stdin = o->xml_pipe,
		.client = "crm_verify",
	};
	char *error = NULL;
	int rc = cib_input_read(&in, &parser, doc, &error);

	free(error);
	if ((rc < 0) && !p.ran && (rc != -ENOMEM)) {
		fprintf(stderr, "crm_verify: CIB query failed: %s\n",
			pcmk_exit_str(PCMK_EX_NOINPUT));
		return -ENOTCONN;
	}
	return rc;
}

/* What pacemaker says when the input does not parse. */
static void say_unparsed(const struct verify_opts *o)
{
	if (o->xml_file != NULL) {
		fprintf(stderr, "crm_verify: Couldn't parse input file: %s\n", o->xml_file);
	} else if (o->xml_text != NULL) {
		fprintf(stderr, "crm_verify: Couldn't parse input string: %s\n", o->xml_text);
	} else if (o->xml_pipe) {
		fprintf(stderr, "crm_verify: Couldn't parse input from STDIN.\n");
	}
}

static void print_report(const struct pe_verify_report *report, int verbosity)
{
	GString *text = g_string_new(NULL);

	for (guint i = 0; i < report->msgs->len; i++) {
		pe_verify_format(g_ptr_array_index(report->msgs, i), verbosity, text);
	}
	fputs(text->str, stderr);
	g_string_free(text, TRUE);
}

static int verdict(const struct pe_verify_report *report, int verbosity)
{
	const char *what = NULL;

	if (report->invalid) {
		what = "Errors found during check: config not valid";
	} else if (report->suspect) {
		what = "Warnings found during check: config may not be valid";
	} else {
		return PCMK_EX_OK;
	}
	fprintf(stderr, "crm_verify: %s\n", what);
	if (verbosity == 0) {
		fputs("-V may provide more details\n", stderr);
	}
	return PCMK_EX_CONFIG;
}

static void print_xml_result(FILE *out, int argc, char **argv, int code)
{
	GString *request = g_string_new(NULL);
	xmlNode *root = pcmk_xml_new_root("pacemaker-result");
	xmlNode *status = root ? pcmk_xml_add_child(root, "status") : NULL;
	char *text = NULL;

	for (int i = 0; i < argc; i++) {
		g_string_append_printf(request, "%s%s", i ? " " : "", argv[i]);
	}
	if (status != NULL) {
		pcmk_xml_set_attr(root, "api-version", "2.25");
		pcmk_xml_set_attr(root, "request", request->str);
		pcmk_xml_set_attr_int(status, "code", code);
		pcmk_xml_set_attr(status, "message", pcmk_exit_str(code));
		text = pcmk_xml_to_string(root, true);
	}
	if (text != NULL) {
		fputs(text, out);
	}
	free(text);
	pcmk_xml_free(root);
	g_string_free(request, TRUE);
}

static int save_xml(const char *path, xmlDoc *doc)
{
	int rc = pcmk_xml_write_file(xmlDocGetRootElement(doc), path, 0644);

	if (rc < 0) {
		fprintf(stderr, "crm_verify: Could not save the CIB to %s: %s\n", path,
			pcmk_strerror(rc));
	}
	return rc;
}

/* pacemaker gives the live CIB a status section when it has none, and
 * checks it as a whole; only a CIB from a file or stdin without one gets
 * the configuration checks alone. */
static void live_status(const struct verify_opts *o, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);

	if (o->live && (root != NULL) && (pcmk_xml_first_child(root, "status") == NULL)) {
		xmlNewChild(root, NULL, (const xmlChar *)"status", NULL);
	}
}

static int check(const struct verify_opts *o)
{
	struct pe_verify_report *report = pe_verify_report_new();
	xmlDoc *doc = NULL;
	int rc = read_input(o, report, &doc);
	int code;

	print_report(report, o->verbose);
	if (rc < 0) {
		say_unparsed(o);
		pe_verify_report_free(report);
		return (rc == -ENOTCONN) ? PCMK_EX_NOINPUT : PCMK_EX_ERROR;
	}
	if (o->save_xml != NULL) {
		save_xml(o->save_xml, doc);
	}
	g_ptr_array_set_size(report->msgs, 0);
	live_status(o, doc);
	pe_verify_doc(doc, report);
	print_report(report, o->verbose);
	code = verdict(report, o->verbose);
	xmlFreeDoc(doc);
	pe_verify_report_free(report);
	return code;
}

static bool has_source(const struct verify_opts *o)
{
	return o->xml_file || o->xml_text || o->xml_pipe || o->live;
}

int main(int argc, char **argv)
{
	struct verify_opts o;
	FILE *out = stdout;
	int code;

	if (verify_opts_parse(argc, argv, &o) != 0) {
		return PCMK_EX_USAGE;
	}
	if (o.help || o.version) {
		if (o.help) {
			verify_usage(stdout);
		} else {
			tool_print_version(stdout);
		}
		return PCMK_EX_OK;
	}
	if (o.output_to != NULL && strcmp(o.output_to, "-") != 0) {
		out = fopen(o.output_to, "w");
		if (out == NULL) {
			fprintf(stderr, "crm_verify: Cannot write %s: %s\n", o.output_to,
				strerror(errno));
			return PCMK_EX_CANTCREAT;
		}
	}
	if (!has_source(&o)) {
		fputs("crm_verify: No configuration source specified.  Use --help for usage "
		      "information.\n",
		      stderr);
		code = PCMK_EX_ERROR;
	} else {
		code = check(&o);
	}
	if (o.output_as != NULL && strcmp(o.output_as, "xml") == 0) {
		print_xml_result(out, argc, argv, code);
	}
	if (out != stdout) {
		fclose(out);
	}
	pcmk_schema_cleanup();
	return code;
}
