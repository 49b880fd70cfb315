/*
 * cibadmin's help and version text.  The option letters and names are
 * pacemaker's; the words are ours.
 */
#include <stdio.h>

#include "cibadmin.h"
#include "tool_version.h"

static const char usage_text[] =
	"cibadmin - read and change the cluster information base (CIB)\n"
	"Usage: cibadmin <command> [options]\n"
	"Options:\n"
	" -?, --help\t\tShow this help\n"
	" -$, --version\t\tShow the version\n"
	" -V, --verbose\t\tLog more (repeat for more still)\n"
	"\n"
	"Commands:\n"
	" -u, --upgrade\t\tTransform the CIB to the newest schema (needs --force)\n"
	" -Q, --query\t\tPrint the CIB, a section of it (-o) or XPath matches (-A)\n"
	" -E, --erase\t\tEmpty the configuration and status (needs --force)\n"
	" -B, --bump\t\tAdd 1 to the CIB's epoch\n"
	" -C, --create\t\tAdd the given XML to a section; fails when its id exists\n"
	" -M, --modify\t\tMerge the given XML into the element with its id\n"
	"\t\t\t(fails when there is none, unless -c is given)\n"
	" -P, --patch\t\tApply an XML patch as crm_diff(8) makes it\n"
	" -R, --replace\t\tReplace an element, a section or the whole CIB\n"
	" -D, --delete\t\tDelete the first element matching the given XML\n"
	"\t\t\t(its name and every attribute given must match), or -A's match\n"
	" -d, --delete-all\tWith --xpath, delete every match (needs --force)\n"
	" -a, --empty [SCHEMA]\tPrint an empty CIB (validate-with SCHEMA, else the newest)\n"
	" -5, --md5-sum\t\tPrint the digest pacemaker stores for a CIB on disk\n"
	" -6, --md5-sum-versioned\tPrint the versioned digest used between nodes\n"
	" -S, --show-access[=value]\tWith -Q and -U: show the user's ACL access\n"
	"\t\t\t(auto, color, text or namespace)\n"
	"\n"
	"Additional options:\n"
	" -f, --force\t\tDo what is asked even when it is dangerous\n"
	" -t, --timeout=value\tSeconds to wait for the answer (default 30)\n"
	" -U, --user=value\tAct as this user (for root and the cluster's account)\n"
	" -s, --sync-call\tWait for the answer (always done)\n"
	" -l, --local\t\tAsk this node's CIB only (for queries)\n"
	" -c, --allow-create\tLet --modify create its target when it is missing\n"
	" -n, --no-children\tQuery elements without their children\n"
	"\n"
	"Data:\n"
	" -X, --xml-text=value\tThe XML as a string\n"
	" -x, --xml-file=value\tThe XML from this file\n"
	" -p, --xml-pipe\t\tThe XML from standard input\n"
	"\n"
	" -o, --scope=value\tWork on one section: configuration, nodes, resources,\n"
	"\t\t\tconstraints, crm_config, rsc_defaults, op_defaults, acls,\n"
	"\t\t\tfencing-topology, tags, alerts or status\n"
	" -A, --xpath=value\tWork on the elements this XPath selects instead\n"
	" -e, --node-path\tWith -Q -A, print the path of each match, such as\n"
	"\t\t\t/cib/configuration/resources/primitive[@id='web']\n"
	" -N, --node=value\tSend the request to this node\n"
	"\n"
	"Examples:\n"
	"\n"
	"The resources section:\n"
	"\t# cibadmin --query --scope resources\n"
	"\n"
	"Every target-role setting:\n"
	"\t# cibadmin --query --xpath \"//nvpair[@name='target-role']\"\n"
	"\n"
	"Add a resource:\n"
	"\t# cibadmin --create --scope resources --xml-text \\\n"
	"\t  '<primitive id=\"web\" class=\"lsb\" type=\"httpd\"/>'\n"
	"\n"
	"Remove it again:\n"
	"\t# cibadmin --delete --xml-text '<primitive id=\"web\"/>'\n"
	"\n"
	"Edit the whole configuration:\n"
	"\t# cibadmin --query > cib.xml; $EDITOR cib.xml\n"
	"\t# cibadmin --replace --xml-file cib.xml\n"
	"\n"
	"Work on a file instead of the running cluster:\n"
	"\t# CIB_file=cib.xml cibadmin --query\n"
	"\n"
	"SEE ALSO:\n"
	" crm(8), crm_shadow(8), crm_diff(8)\n";

void cibadmin_usage(FILE *out)
{
	fputs(usage_text, out);
}

void cibadmin_version(FILE *out, bool extended)
{
	if (extended) {
		/* scripts read the version and the feature words that follow */
		fprintf(out, "Pacemaker %s (Build: %s %s): corosync-ge-2 monotonic\n",
			PCMK_COMPAT_VERSION, PACKAGE_NAME, PACKAGE_VERSION);
		return;
	}
	tool_print_version(out);
}
