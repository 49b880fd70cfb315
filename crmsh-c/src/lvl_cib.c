/*
 * The cib level: shadow CIBs, the files crm_shadow and libcib use
 * ($CIB_shadow_dir, else the CIB directory, /shadow.NAME).  Using one
 * sets CIB_shadow, so every later command (and child tool) works on it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "crm.h"

static const char empty_cib[] =
	"<cib crm_feature_set=\"" CIB_FEATURE_SET "\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
	"num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config/><nodes/><resources/>"
	"<constraints/></configuration><status/></cib>";

static const char *shadow_dir(void)
{
	const char *dir = getenv("CIB_shadow_dir");

	return ((dir != NULL) && (*dir != '\0')) ? dir : PCMK_CIB_DIR;
}

static char *shadow_file(const char *name)
{
	char *base = g_strdup_printf("shadow.%s", name);
	char *path = g_build_filename(shadow_dir(), base, NULL);

	g_free(base);
	return path;
}

static bool valid_name(struct shell *sh, const char *cmd, const char *name)
{
	if ((*name == '\0') || (strchr(name, '/') != NULL) || (strcmp(name, "live") == 0)) {
		shell_fail(sh, "cib.%s: %s: bad shadow CIB name", cmd, name);
		return false;
	}
	return true;
}

/* Work on shadow @name (NULL: the live CIB) from now on. */
static void use_cib(struct shell *sh, const char *name)
{
	bool was_open = sh->session_open;

	if (sh->session.dirty) {
		out_msg(CRMCONF_WARNING, "cib: uncommitted changes are dropped");
	}
	session_close(&sh->session);
	sh->session_open = false;
	if (name != NULL) {
		g_setenv("CIB_shadow", name, TRUE);
	} else {
		g_unsetenv("CIB_shadow");
	}
	if (was_open && (sh->level == LVL_CONFIGURE) && (shell_enter_configure(sh) == 0)) {
		return;
	}
}

/* The live CIB (never a shadow), or NULL with an ERROR. */
static xmlDoc *query_live(struct shell *sh)
{
	char *shadow = g_strdup(getenv("CIB_shadow"));
	struct cib *cib = NULL;
	struct cib_op_request req = { .op = CIB_OP_QUERY };
	xmlDoc *doc = NULL;
	char *error = NULL;
	int rc = 0;

	g_unsetenv("CIB_shadow");
	rc = cib_open("crm", false, &cib);
	if (rc == 0) {
		rc = cib_request(cib, &req, 0, &doc, &error);
	}
	if (rc < 0) {
		shell_fail(sh, "cib: cannot read the live CIB: %s",
			   error ? error : pcmk_strerror(rc));
	}
	if (shadow != NULL) {
		g_setenv("CIB_shadow", shadow, TRUE);
	}
	free(error);
	g_free(shadow);
	cib_close(cib);
	return doc;
}

/* new NAME [empty] [force] */
static void do_new(struct shell *sh, int argc, char **argv, const char *line)
{
	bool empty = false, force = false;
	xmlDoc *doc = NULL;
	char *path = NULL;
	char *error = NULL;

	(void)line;
	if ((argc < 2) || !valid_name(sh, "new", argv[1])) {
		if (argc < 2) {
			shell_fail(sh, "cib.new: a name is needed");
		}
		return;
	}
	for (int i = 2; i < argc; i++) {
		empty = empty || (strcmp(argv[i], "empty") == 0);
		force = force || (strcmp(argv[i], "force") == 0);
	}
	path = shadow_file(argv[1]);
	if (!force && (access(path, F_OK) == 0)) {
		shell_fail(sh, "cib.new: %s shadow CIB already exists", argv[1]);
	} else if (empty && (pcmk_xml_parse(empty_cib, strlen(empty_cib), &doc, &error) < 0)) {
		shell_fail(sh, "cib.new: %s", error ? error : "cannot make an empty CIB");
	} else if ((doc != NULL) || ((doc = query_live(sh)) != NULL)) {
		if (pcmk_xml_write_file(xmlDocGetRootElement(doc), path, 0660) < 0) {
			shell_fail(sh, "cib.new: cannot write %s", path);
		} else {
			out_msgf(CRMCONF_INFO, "cib.new: %s shadow CIB created", argv[1]);
			use_cib(sh, argv[1]);
		}
	}
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
	free(error);
	g_free(path);
}

/* use [NAME|live] */
static void do_use(struct shell *sh, int argc, char **argv, const char *line)
{
	char *path = NULL;

	(void)line;
	if ((argc < 2) || (strcmp(argv[1], "live") == 0)) {
		use_cib(sh, NULL);
		return;
	}
	path = shadow_file(argv[1]);
	if (access(path, R_OK) < 0) {
		shell_fail(sh, "cib.use: %s: no such shadow CIB", argv[1]);
	} else {
		use_cib(sh, argv[1]);
	}
	g_free(path);
}

static void do_delete(struct shell *sh, int argc, char **argv, const char *line)
{
	char *path = NULL;

	(void)line;
	if (argc < 2) {
		shell_fail(sh, "cib.delete: a name is needed");
		return;
	}
	if (g_strcmp0(getenv("CIB_shadow"), argv[1]) == 0) {
		shell_fail(sh, "cib.delete: %s shadow CIB is in use", argv[1]);
		return;
	}
	path = shadow_file(argv[1]);
	if (unlink(path) < 0) {
		shell_fail(sh, "cib.delete: %s: %s", argv[1], g_strerror(errno));
	} else {
		out_msgf(CRMCONF_INFO, "cib.delete: %s shadow CIB deleted", argv[1]);
	}
	g_free(path);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void do_list(struct shell *sh, int argc, char **argv, const char *line)
{
	GDir *dir = g_dir_open(shadow_dir(), 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *f = NULL;

	(void)sh, (void)argc, (void)argv, (void)line;
	while ((dir != NULL) && ((f = g_dir_read_name(dir)) != NULL)) {
		if (g_str_has_prefix(f, "shadow.") && !g_str_has_suffix(f, ".sig")) {
			g_ptr_array_add(names, g_strdup(f + strlen("shadow.")));
		}
	}
	g_ptr_array_sort(names, cmp_str);
	for (guint i = 0; i < names->len; i++) {
		printf("%s\n", (char *)g_ptr_array_index(names, i));
	}
	fflush(stdout);
	g_ptr_array_free(names, TRUE);
	if (dir != NULL) {
		g_dir_close(dir);
	}
}

/* The shadow named in argv[1] or the one in use (caller frees). */
static char *shadow_arg(struct shell *sh, const char *cmd, int argc, char **argv)
{
	const char *name = (argc > 1) ? argv[1] : getenv("CIB_shadow");

	if ((name == NULL) || (*name == '\0')) {
		shell_fail(sh, "cib.%s: no shadow CIB named or in use", cmd);
		return NULL;
	}
	return g_strdup(name);
}

static xmlDoc *read_shadow(struct shell *sh, const char *name)
{
	char *path = shadow_file(name);
	xmlDoc *doc = NULL;
	char *error = NULL;

	if (pcmk_xml_parse_file(path, &doc, &error) < 0) {
		shell_fail(sh, "cib: %s: %s", name, error ? error : "cannot read");
	}
	free(error);
	g_free(path);
	return doc;
}

/* commit [NAME]: the shadow's configuration replaces the live one. */
static void do_commit(struct shell *sh, int argc, char **argv, const char *line)
{
	char *name = shadow_arg(sh, "commit", argc, argv);
	xmlDoc *doc = (name != NULL) ? read_shadow(sh, name) : NULL;
	char *shadow = g_strdup(getenv("CIB_shadow"));
	struct cib *cib = NULL;
	xmlNode *conf = pcmk_xml_first_child(xmlDocGetRootElement(doc), "configuration");
	struct cib_op_request req = {
		.op = CIB_OP_REPLACE, .section = "configuration", .data = conf, .client = "crm"
	};
	char *error = NULL;
	int rc = 0;

	(void)line;
	if (doc != NULL) {
		g_unsetenv("CIB_shadow");
		rc = cib_open("crm", false, &cib);
		rc = (rc < 0) ? rc : cib_request(cib, &req, 0, NULL, &error);
		if (rc < 0) {
			shell_fail(sh, "cib.commit: %s", error ? error : pcmk_strerror(rc));
		} else {
			out_msgf(CRMCONF_INFO,
				 "cib.commit: committed '%s' shadow CIB to the cluster", name);
		}
		if (shadow != NULL) {
			g_setenv("CIB_shadow", shadow, TRUE);
		}
		cib_close(cib);
		xmlFreeDoc(doc);
	}
	free(error);
	g_free(shadow);
	g_free(name);
}

static char *write_temp(const xmlNode *conf)
{
	char *path = NULL;
	char *text = pcmk_xml_to_string(conf, true);
	int fd = g_file_open_tmp("crm-diff-XXXXXX", &path, NULL);

	if (fd >= 0) {
		close(fd);
		g_file_set_contents(path, text ? text : "", -1, NULL);
	}
	free(text);
	return path;
}

/* diff [NAME]: live configuration against the shadow's, as diff -u. */
static void do_diff(struct shell *sh, int argc, char **argv, const char *line)
{
	char *name = shadow_arg(sh, "diff", argc, argv);
	xmlDoc *shadow = (name != NULL) ? read_shadow(sh, name) : NULL;
	xmlDoc *live = (shadow != NULL) ? query_live(sh) : NULL;
	char *a = NULL, *b = NULL;

	(void)line;
	if (live != NULL) {
		char *args[] = { (char *)"diff", (char *)"-u", NULL, NULL, NULL };

		a = write_temp(pcmk_xml_first_child(xmlDocGetRootElement(live), "configuration"));
		b = write_temp(pcmk_xml_first_child(xmlDocGetRootElement(shadow), "configuration"));
		args[2] = a;
		args[3] = b;
		fflush(stdout);
		g_spawn_sync(NULL, args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
			     NULL, NULL, NULL, NULL, NULL, NULL);
		unlink(a);
		unlink(b);
		xmlFreeDoc(live);
	}
	if (shadow != NULL) {
		xmlFreeDoc(shadow);
	}
	g_free(a);
	g_free(b);
	g_free(name);
}

static const struct level_cmd cib_cmds[] = {
	{ "new", do_new, "Create a new shadow CIB", "new <cib> [empty] [force]", " empty|force *" },
	{ "use", do_use, "Change working CIB", "use [<cib>|live]", "%shadow" },
	{ "commit", do_commit, "Copy a shadow CIB to the cluster", "commit [<cib>]", "%shadow" },
	{ "delete", do_delete, "Delete a shadow CIB", "delete <cib>", "%shadow" },
	{ "list", do_list, "List all shadow CIBs", "list", "" },
	{ "diff", do_diff, "Diff between the shadow CIB and the live CIB", "diff [<cib>]",
	  "%shadow" },
};

const struct level_def level_cib = { "cib", "CIB shadow management", cib_cmds,
				     G_N_ELEMENTS(cib_cmds) };
