/*
 * Shared by the libcrmservice tests: the test agents' directories (from
 * $SVC_TEST_AGENTS, set by make check) made the library's agent
 * directories, and small helpers.
 */
#ifndef SVC_TEST_H
#define SVC_TEST_H

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include <crm/services.h>

static inline const char *svc_test_agents(void)
{
	const char *d = getenv("SVC_TEST_AGENTS");

	return d != NULL ? d : "tests/agents";
}

/* Point every agent directory of the library at the test agents. */
static inline void svc_test_use_agents(void)
{
	char *ra = g_strdup_printf("%s/resource.d", svc_test_agents());
	char *lsb = g_strdup_printf("%s/init.d", svc_test_agents());
	char *fence = g_strdup_printf("%s/fence", svc_test_agents());
	char *tool = g_strdup_printf("%s/bin/stonith", svc_test_agents());

	setenv("OCF_RA_PATH", ra, 1);
	setenv("OCF_ROOT", svc_test_agents(), 1);
	setenv("PCMK_LSB_INIT_DIR", lsb, 1);
	setenv("PCMK_FENCE_AGENT_DIR", fence, 1);
	setenv("PCMK_STONITH_TOOL", tool, 1);
	g_free(ra);
	g_free(lsb);
	g_free(fence);
	g_free(tool);
}

/* A file name in a fresh private directory (removed by the caller with
 * svc_test_rmdir()). */
static inline char *svc_test_tmpdir(void)
{
	char *tmpl = g_build_filename(g_get_tmp_dir(), "svc-test-XXXXXX", NULL);

	assert_non_null(g_mkdtemp(tmpl));
	return tmpl;
}

static inline void svc_test_rmdir(char *dir)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	g_free(dir);
}

static inline double svc_test_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* True while process @pid exists and is not a zombie. */
static inline bool svc_test_alive(pid_t pid)
{
	char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
	char *text = NULL;
	bool alive = false;

	if (g_file_get_contents(path, &text, NULL, NULL)) {
		const char *paren = strrchr(text, ')');

		alive = paren != NULL && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
	}
	g_free(text);
	g_free(path);
	return alive;
}

/* The list as one comma-separated string (g_free). */
static inline char *svc_test_join(GList *list)
{
	GString *s = g_string_new(NULL);

	for (GList *l = list; l != NULL; l = l->next) {
		g_string_append_printf(s, "%s%s", s->len ? "," : "", (char *)l->data);
	}
	return g_string_free(s, FALSE);
}

/* Value of @var in the NAME=VALUE lines of file @path (g_free), or NULL. */
static inline char *svc_test_file_var(const char *path, const char *var)
{
	char *text = NULL;
	char *value = NULL;
	char **lines;

	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		return NULL;
	}
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l != NULL && value == NULL; l++) {
		size_t n = strlen(var);

		if (strncmp(*l, var, n) == 0 && (*l)[n] == '=') {
			value = g_strdup(*l + n + 1);
		}
	}
	g_strfreev(lines);
	g_free(text);
	return value;
}

#endif /* SVC_TEST_H */
