/*
 * Shared by the CIB store tests: a scratch directory, CIBs with a given
 * epoch, and looking at the files.
 */
#ifndef STORE_TESTUTIL_H
#define STORE_TESTUTIL_H

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <libxml/parser.h>

#include <crm/cib/digest.h>
#include <crm/cib/store.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

struct store_fixture {
	char dir[64];
	struct cib_store_options opts;
};

static inline int store_setup(void **state)
{
	struct store_fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/cib-store-test.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->opts.dir = f->dir;
	f->opts.max_backups = -1;
	f->opts.uid = getuid();
	f->opts.gid = getgid();
	*state = f;
	return 0;
}

static inline int store_teardown(void **state)
{
	struct store_fixture *f = *state;
	DIR *d = opendir(f->dir);
	struct dirent *e;
	char path[PATH_MAX];

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", f->dir, e->d_name);
			unlink(path);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* A CIB at version 0.@epoch.3 with a primitive and a status entry. */
static inline xmlDoc *store_cib(int epoch)
{
	char text[1024];
	xmlDoc *doc = NULL;

	snprintf(text, sizeof(text),
		 "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"%d\" "
		 "num_updates=\"3\" admin_epoch=\"0\"><configuration><crm_config/><nodes/>"
		 "<resources><primitive id=\"r%d\" class=\"ocf\" provider=\"heartbeat\" "
		 "type=\"Dummy\"/></resources><constraints/></configuration>"
		 "<status><node_state id=\"1\"/></status></cib>",
		 epoch, epoch);
	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

static inline int store_write_epoch(struct store_fixture *f, int epoch)
{
	xmlDoc *doc = store_cib(epoch);
	int rc = cib_store_write(&f->opts, xmlDocGetRootElement(doc));

	xmlFreeDoc(doc);
	return rc;
}

static inline long long store_epoch_of(xmlDoc *doc)
{
	long long epoch = -1;

	assert_int_equal(pcmk_xml_attr_int(xmlDocGetRootElement(doc), "epoch", &epoch), 0);
	return epoch;
}

static inline char *store_path(struct store_fixture *f, const char *name)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	return path;
}

static inline bool store_exists(struct store_fixture *f, const char *name)
{
	return access(store_path(f, name), F_OK) == 0;
}

/* The names in the directory, sorted, space-separated. */
static inline char *store_listing(struct store_fixture *f)
{
	struct dirent **names = NULL;
	int n = scandir(f->dir, &names, NULL, alphasort);
	char *out = calloc(1, 4096);

	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			strcat(out, out[0] != '\0' ? " " : "");
			strcat(out, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return out;
}

static inline void store_put(struct store_fixture *f, const char *name, const char *text)
{
	FILE *fp = fopen(store_path(f, name), "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static inline char *store_get(struct store_fixture *f, const char *name)
{
	FILE *fp = fopen(store_path(f, name), "r");
	char *buf = calloc(1, 65536);
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, 65535, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static inline int store_main_cleanup(int failed)
{
	xmlCleanupParser();
	return failed;
}

#endif /* STORE_TESTUTIL_H */
