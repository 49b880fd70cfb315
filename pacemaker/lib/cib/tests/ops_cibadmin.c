/*
 * A cibadmin command line on a CIB file through our operations (see
 * ops_cibadmin.h), enough of cibadmin's options for the differential
 * test.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/ops.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "ops_cibadmin.h"

struct command {
	struct cib_op_request req;
	const char *xml_text;
	const char *xml_file;
	bool op_given;
};

struct flag {
	const char *name;
	int op;               /* enum cib_op, or -1 */
	unsigned int options; /* CIB_OPT_* */
};

static const struct flag flags[] = {
	{ "-Q", CIB_OP_QUERY, 0 },
	{ "-C", CIB_OP_CREATE, 0 },
	{ "-M", CIB_OP_MODIFY, 0 },
	{ "-R", CIB_OP_REPLACE, 0 },
	{ "-D", CIB_OP_DELETE, 0 },
	{ "-E", CIB_OP_ERASE, 0 },
	{ "-B", CIB_OP_BUMP, 0 },
	{ "-P", CIB_OP_APPLY_DIFF, 0 },
	{ "--upgrade", CIB_OP_UPGRADE, 0 },
	{ "--allow-create", -1, CIB_OPT_CAN_CREATE },
	{ "--no-children", -1, CIB_OPT_NO_CHILDREN },
	{ "-e", -1, CIB_OPT_XPATH_ADDRESS },
	{ "-d", -1, CIB_OPT_MULTIPLE },
	{ "--force", -1, CIB_OPT_FORCE },
};

static bool take_flag(struct command *cmd, const char *arg)
{
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (strcmp(flags[i].name, arg) == 0) {
			if (flags[i].op >= 0) {
				cmd->req.op = (enum cib_op)flags[i].op;
				cmd->op_given = true;
			}
			cmd->req.options |= flags[i].options;
			return true;
		}
	}
	return false;
}

static bool take_value(struct command *cmd, const char *arg, const char *value)
{
	if (strcmp(arg, "-o") == 0) {
		cmd->req.section = value;
	} else if (strcmp(arg, "-X") == 0) {
		cmd->xml_text = value;
	} else if (strcmp(arg, "-x") == 0) {
		cmd->xml_file = value;
	} else if (strcmp(arg, "-A") == 0) {
		cmd->req.xpath = value;
		cmd->req.options |= CIB_OPT_XPATH;
	} else {
		return false;
	}
	return true;
}

static int parse_args(int argc, char **argv, struct command *cmd)
{
	for (int i = 0; i < argc; i++) {
		if (take_flag(cmd, argv[i])) {
			continue;
		}
		if (i + 1 >= argc || !take_value(cmd, argv[i], argv[i + 1])) {
			return -EINVAL;
		}
		i++;
	}
	/* the file backend runs with no_mtime, as pacemaker's does */
	cmd->req.options |= CIB_OPT_NO_MTIME;
	return cmd->op_given ? 0 : -EINVAL;
}

static int load_data(const struct command *cmd, xmlDoc **data)
{
	if (cmd->xml_text != NULL) {
		return pcmk_xml_parse(cmd->xml_text, strlen(cmd->xml_text), data, NULL);
	}
	if (cmd->xml_file != NULL) {
		return pcmk_xml_parse_file(cmd->xml_file, data, NULL);
	}
	return 0;
}

/* -e prints the paths one a line; everything else the XML. */
static char *render(const xmlNode *output, unsigned int options)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f;

	if (output == NULL) {
		return strdup("");
	}
	if (!(options & CIB_OPT_XPATH_ADDRESS) || !pcmk_xml_is(output, "xpath-query")) {
		return pcmk_xml_to_string(output, true);
	}
	f = open_memstream(&text, &size);
	for (xmlNode *p = pcmk_xml_first_child(output, NULL); f != NULL && p != NULL;
	     p = pcmk_xml_next(p, false)) {
		fprintf(f, "%s\n", pcmk_xml_attr(p, "id"));
	}
	if (f != NULL) {
		fclose(f);
	}
	return text;
}

static int perform(const char *path, struct command *cmd, char **out)
{
	struct cib_op_result res = { 0 };
	xmlDoc *cib = NULL, *data = NULL;
	int rc = pcmk_xml_parse_file(path, &cib, NULL);

	rc = rc ?: load_data(cmd, &data);
	cmd->req.data = data != NULL ? xmlDocGetRootElement(data) : NULL;
	rc = rc ?: cib_op_perform(&cib, &cmd->req, &res);
	if (rc == 0 && res.patch != NULL) {
		rc = pcmk_xml_write_file(xmlDocGetRootElement(cib), path, 0644);
	}
	*out = render(res.output, cmd->req.options);
	cib_op_result_clear(&res);
	xmlFreeDoc(data);
	xmlFreeDoc(cib);
	return rc;
}

int ops_cibadmin_run(const char *path, int argc, char **argv, char **out)
{
	struct command cmd;

	memset(&cmd, 0, sizeof(cmd));
	*out = NULL;
	if (parse_args(argc, argv, &cmd) < 0) {
		*out = strdup("");
		return PCMK_EX_USAGE;
	}
	return (int)pcmk_result_to_exit(perform(path, &cmd, out));
}
