/*
 * crm_verify's checks of the CIB about to be committed, relayed as crmsh
 * relays `crm_verify -VV -p`: the first line is a WARNING when it says
 * "warning:", else an ERROR; every further line an ERROR.  Relax-NG
 * complaints are shortened to "ELEMENT (LINE): message".
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include <crm/pengine/verify.h>

#include "crm.h"

/* "Entity: line N: element X: Relax-NG validity error : MSG" becomes
 * "       X (N): MSG"; "Entity: line N: " is dropped from the others. */
static char *rewrite(const char *line)
{
	const char *rng = strstr(line, ": Relax-NG validity error : ");
	int lineno = 0;
	char elem[128] = "";

	if ((rng != NULL) &&
	    (sscanf(line, "Entity: line %d: element %127[^:]:", &lineno, elem) == 2)) {
		return g_strdup_printf("       %s (%d): %s", elem, lineno,
				       rng + strlen(": Relax-NG validity error : "));
	}
	if ((sscanf(line, "Entity: line %d: ", &lineno) == 1) && (strstr(line, ": ") != NULL)) {
		const char *rest = strstr(line, ": ");

		rest = strstr(rest + 2, ": ");
		if ((rest != NULL) && g_str_has_prefix(line, "Entity: line")) {
			return g_strdup(rest + 2);
		}
	}
	return g_strdup(line);
}

static GString *report_text(const struct pe_verify_report *report)
{
	GString *text = g_string_new(NULL);

	for (guint i = 0; i < report->msgs->len; i++) {
		pe_verify_format(g_ptr_array_index(report->msgs, i), 2, text);
	}
	if (report->invalid) {
		g_string_append(text, "crm_verify: Errors found during check: config not valid\n");
	} else if (report->suspect) {
		g_string_append(
			text, "crm_verify: Warnings found during check: config may not be valid\n");
	}
	return text;
}

static void relay(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	bool first = true;

	for (size_t i = 0; lines[i] != NULL; i++) {
		char *l = NULL;

		if (lines[i][0] == '\0') {
			continue;
		}
		l = rewrite(lines[i]);
		if (first && (strstr(l, "warning:") != NULL)) {
			out_msg(CRMCONF_WARNING, g_strstrip(l));
		} else {
			out_msg(CRMCONF_ERROR, first ? g_strstrip(l) : l);
		}
		first = false;
		g_free(l);
	}
	g_strfreev(lines);
}

/* Check @doc as it is and relay the findings; -1 when it does not pass. */
static int check_relay(xmlDoc *doc)
{
	struct pe_verify_report *report = pe_verify_report_new();
	char *text = pcmk_xml_to_string(xmlDocGetRootElement(doc), true);
	xmlDoc *parsed = NULL;
	GString *out = NULL;
	int rc = -1;

	if ((text != NULL) && (pe_verify_parse_text(text, strlen(text), report, &parsed) == 0)) {
		pe_verify_doc(parsed, report);
		xmlFreeDoc(parsed);
	}
	out = report_text(report);
	relay(out->str);
	rc = (report->invalid || report->suspect || (text == NULL)) ? -1 : 0;
	g_string_free(out, TRUE);
	free(text);
	pe_verify_report_free(report);
	return rc;
}

/* crmsh pipes to crm_verify a CIB it builds from its configuration
 * objects: the <cib> element with its configuration, never a status
 * section, which makes crm_verify check the configuration alone. */
int verify_relay(xmlDoc *doc)
{
	xmlDoc *copy = xmlCopyDoc(doc, 1);
	xmlNode *status = NULL;
	int rc = -1;

	if (copy == NULL) {
		return -1;
	}
	status = pcmk_xml_first_child(xmlDocGetRootElement(copy), "status");
	if (status != NULL) {
		xmlUnlinkNode(status);
		xmlFreeNode(status);
	}
	rc = check_relay(copy);
	xmlFreeDoc(copy);
	return rc;
}

int verify_relay_live(xmlDoc *doc)
{
	return check_relay(doc);
}
