/*
 * Tab completion: commands of the level, then each argument as the
 * command's table describes it (resource and node ids from the CIB,
 * agent names from the agent directories, shadow names, choices), and
 * the primitive's agent, keywords and parameter names (from its
 * meta-data) as crmsh completes them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/common/xml.h>

#include "crm.h"

static enum crm_level level_of(enum crm_level from, const char *word);

/* Add the names in @names starting with @word. */
static void add_matching(GPtrArray *out, const char *const *names, const char *word,
			 const char *suffix)
{
	for (size_t i = 0; (names != NULL) && (names[i] != NULL); i++) {
		if (g_str_has_prefix(names[i], word)) {
			g_ptr_array_add(out, g_strconcat(names[i], suffix, NULL));
		}
	}
}

/* The CIB the ids come from: the staged copy in configure, else the
 * current CIB (caller frees *@tmp). */
static xmlDoc *ids_doc(struct shell *sh, xmlDoc **tmp)
{
	*tmp = NULL;
	if (sh->session_open && (sh->session.work != NULL)) {
		return sh->session.work;
	}
	*tmp = cibx_query(sh);
	return *tmp;
}

/* Ids of the elements at @xpath (their attribute @attr). */
static char **xpath_values(struct shell *sh, const char *xpath, const char *attr)
{
	xmlDoc *tmp = NULL;
	xmlDoc *doc = ids_doc(sh, &tmp);
	xmlNode **hits = NULL;
	GPtrArray *out = g_ptr_array_new();
	int n = (doc != NULL) ? pcmk_xml_xpath_all(doc, xpath, &hits) : 0;

	for (int i = 0; i < n; i++) {
		const char *v = pcmk_xml_attr(hits[i], attr);

		if ((v != NULL) && !g_ptr_array_find_with_equal_func(out, v, g_str_equal, NULL)) {
			g_ptr_array_add(out, g_strdup(v));
		}
	}
	g_free(hits);
	if (tmp != NULL) {
		xmlFreeDoc(tmp);
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

static char **shadow_names(void)
{
	const char *d = getenv("CIB_shadow_dir");
	GDir *dir = g_dir_open((d && *d) ? d : PCMK_CIB_DIR, 0, NULL);
	GPtrArray *out = g_ptr_array_new();
	const char *f = NULL;

	g_ptr_array_add(out, g_strdup("live"));
	while ((dir != NULL) && ((f = g_dir_read_name(dir)) != NULL)) {
		if (g_str_has_prefix(f, "shadow.")) {
			g_ptr_array_add(out, g_strdup(f + strlen("shadow.")));
		}
	}
	if (dir != NULL) {
		g_dir_close(dir);
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* An agent: the classes first ("ocf:"), then full names. */
static void complete_agent(GPtrArray *out, const char *word, bool *no_space)
{
	static const char *const class_words[] = { "lsb:", "ocf:", "service:", "stonith:", NULL };

	if (strchr(word, ':') == NULL) {
		add_matching(out, class_words, word, "");
		*no_space = true;
		return;
	}
	{
		char **all = ra_all_specs();

		add_matching(out, (const char *const *)all, word, "");
		g_strfreev(all);
	}
}

/* Candidates of one argument kind. */
static void complete_kind(struct shell *sh, const char *kind, const char *word, GPtrArray *out,
			  bool *no_space, enum crm_level lvl)
{
	char **names = NULL;

	if (strcmp(kind, "%rsc") == 0) {
		names = xpath_values(sh,
				     "/cib/configuration/resources//*[self::primitive or "
				     "self::group or self::clone or self::master or self::bundle]",
				     "id");
	} else if (strcmp(kind, "%node") == 0) {
		names = xpath_values(sh, "/cib/configuration/nodes/node|/cib/status/node_state",
				     "uname");
	} else if (strcmp(kind, "%id") == 0) {
		names = xpath_values(sh,
				     "/cib/configuration/resources//*[@id]|"
				     "/cib/configuration/constraints/*|/cib/configuration/tags/*",
				     "id");
	} else if (strcmp(kind, "%shadow") == 0) {
		names = shadow_names();
	} else if (strcmp(kind, "%class") == 0) {
		add_matching(out, ra_classes(), word, "");
	} else if (strcmp(kind, "%agent") == 0) {
		complete_agent(out, word, no_space);
	} else if ((strcmp(kind, "%cmd") == 0) || (strcmp(kind, "%level") == 0)) {
		bool levels_only = (strcmp(kind, "%level") == 0);
		const char **cmds = level_names(level_get(levels_only ? LVL_TOP : lvl));

		for (size_t i = 0; cmds[i] != NULL; i++) {
			bool is_level = (level_of(LVL_TOP, cmds[i]) != LVL_TOP);

			if ((!levels_only || is_level) && g_str_has_prefix(cmds[i], word)) {
				g_ptr_array_add(out, g_strdup(cmds[i]));
			}
		}
		g_free(cmds);
	} else {
		names = g_strsplit(kind, "|", -1);
	}
	add_matching(out, (const char *const *)names, word, "");
	g_strfreev(names);
}

/* The kind of argument @idx of @c ("" when nothing completes). */
static char *arg_kind(const struct level_cmd *c, size_t idx)
{
	char **spec = g_strsplit(c->args, " ", -1);
	size_t n = g_strv_length(spec);
	char *kind = NULL;

	if (idx < n) {
		kind = g_strdup(strcmp(spec[idx], "*") == 0 && idx > 0 ? spec[idx - 1] : spec[idx]);
	} else if ((n >= 2) && (strcmp(spec[n - 1], "*") == 0)) {
		kind = g_strdup(spec[n - 2]);
	}
	g_strfreev(spec);
	return (kind != NULL) ? kind : g_strdup("");
}

/* primitive ID AGENT [params NAME=... | meta ... | op ...] */
static void complete_primitive(char **args, size_t nargs, const char *word, GPtrArray *out,
			       bool *no_space)
{
	static const char *const keywords[] = { "meta", "op", "params", NULL };
	const char *last_kw = NULL;

	if (nargs == 1) {
		complete_agent(out, word, no_space);
		return;
	}
	if (nargs < 2) {
		return;
	}
	for (size_t i = 2; i < nargs; i++) {
		if (g_strv_contains(keywords, args[i]) || (strcmp(args[i], "utilization") == 0)) {
			last_kw = args[i];
		}
	}
	if ((last_kw != NULL) && (strcmp(last_kw, "params") == 0) && (strchr(word, '=') == NULL)) {
		char **params = ra_param_names(args[1]);

		add_matching(out, (const char *const *)params, word, "=");
		g_strfreev(params);
		*no_space = true;
	} else if (last_kw == NULL || strchr(word, '=') == NULL) {
		add_matching(out, keywords, word, "");
	}
}

/* The level a word leads to from @from, or LVL_TOP when none. */
static enum crm_level level_of(enum crm_level from, const char *word)
{
	static const char *const names[LVL_COUNT] = {
		[LVL_CONFIGURE] = "configure",
		[LVL_RESOURCE] = "resource",
		[LVL_NODE] = "node",
		[LVL_CIB] = "cib",
		[LVL_RA] = "ra",
		[LVL_OPTIONS] = "options",
	};

	for (int l = LVL_CONFIGURE; l < LVL_COUNT; l++) {
		if (strcmp(names[l], word) != 0) {
			continue;
		}
		if ((from == LVL_TOP) ||
		    ((from == LVL_CONFIGURE) && ((l == LVL_CIB) || (l == LVL_RA)))) {
			return (enum crm_level)l;
		}
	}
	return LVL_TOP;
}

/* Walk the level words at the start of @words; returns how many. */
static size_t walk_levels(char **words, size_t n, enum crm_level *lvl)
{
	size_t i = 0;

	for (; i < n; i++) {
		enum crm_level to = level_of(*lvl, words[i]);

		if (to == LVL_TOP) {
			break;
		}
		*lvl = to;
	}
	return i;
}

char **complete_line(struct shell *sh, const char *line, const char *word, bool *no_space)
{
	char **all = g_strsplit_set(line, " \t", -1);
	GPtrArray *words = g_ptr_array_new();
	GPtrArray *out = g_ptr_array_new();
	enum crm_level lvl = sh->level;
	size_t n = 0, first = 0;
	const struct level_cmd *c = NULL;

	*no_space = false;
	for (size_t i = 0; all[i] != NULL; i++) {
		if (*all[i] != '\0') {
			g_ptr_array_add(words, all[i]);
		}
	}
	/* the word being typed is not among the finished ones */
	n = words->len - ((*word != '\0') ? 1 : 0);
	first = walk_levels((char **)words->pdata, n, &lvl);
	if (first == n) {
		complete_kind(sh, "%cmd", word, out, no_space, lvl);
		*no_space = true;
	} else if ((c = level_find(level_get(lvl), words->pdata[first])) != NULL) {
		char **args = (char **)words->pdata + first + 1;
		size_t nargs = n - first - 1;

		if ((lvl == LVL_CONFIGURE) && (strcmp(c->name, "primitive") == 0)) {
			complete_primitive(args, nargs, word, out, no_space);
		} else {
			char *kind = arg_kind(c, nargs);

			complete_kind(sh, kind, word, out, no_space, lvl);
			g_free(kind);
		}
	}
	g_ptr_array_add(out, NULL);
	g_ptr_array_free(words, TRUE);
	g_strfreev(all);
	return (char **)g_ptr_array_free(out, FALSE);
}
