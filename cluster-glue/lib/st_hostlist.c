/*
 * Host lists: NULL-terminated arrays of lower-case names, and the
 * "hostlist" parameter that the simple plugins share.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "st_internal.h"

#define ST_HOST_SEPARATORS " \t\r\n\f\v,"

ST_EXPORT void stonith_free_hostlist(char **hlist)
{
	if (hlist == NULL) {
		return;
	}
	for (char **p = hlist; *p != NULL; p++) {
		free(*p);
	}
	free(hlist);
}

ST_EXPORT size_t stonith_strv_len(char *const *list)
{
	size_t n = 0;

	while (list != NULL && list[n] != NULL) {
		n++;
	}
	return n;
}

ST_EXPORT char **stonith_strv_copy(char *const *list)
{
	size_t n = stonith_strv_len(list);
	char **copy = calloc(n + 1, sizeof(*copy));

	for (size_t i = 0; copy != NULL && i < n; i++) {
		copy[i] = strdup(list[i]);
		if (copy[i] == NULL) {
			stonith_free_hostlist(copy);
			return NULL;
		}
	}
	return copy;
}

static size_t st_count_words(const char *text, const char *seps)
{
	size_t n = 0;

	for (const char *p = text; *p != '\0';) {
		p += strspn(p, seps);
		if (*p != '\0') {
			n++;
			p += strcspn(p, seps);
		}
	}
	return n;
}

static char *st_word(const char *p, size_t len, bool lower)
{
	char *word = strndup(p, len);

	for (size_t i = 0; lower && word != NULL && i < len; i++) {
		word[i] = (char)tolower((unsigned char)word[i]);
	}
	return word;
}

/* The words of TEXT between characters of SEPS; see stonith_hostlist_parse(). */
static char **st_split(const char *text, const char *seps, bool lower)
{
	size_t n = text ? st_count_words(text, seps) : 0, i = 0;
	char **list;

	if (n == 0) {
		errno = EINVAL;
		return NULL;
	}
	list = calloc(n + 1, sizeof(*list));
	for (const char *p = text; list != NULL && i < n; i++) {
		size_t len;

		p += strspn(p, seps);
		len = strcspn(p, seps);
		list[i] = st_word(p, len, lower);
		if (list[i] == NULL) {
			stonith_free_hostlist(list);
			list = NULL;
		}
		p += len;
	}
	if (list == NULL) {
		errno = ENOMEM;
	}
	return list;
}

ST_EXPORT char **stonith_hostlist_parse(const char *text)
{
	return st_split(text, ST_HOST_SEPARATORS, true);
}

ST_EXPORT char **stonith_words_parse(const char *text)
{
	return st_split(text, " \t\r\n\f\v", false);
}

static const char *const hostlist_names[] = { "hostlist", NULL };

ST_EXPORT void *stonith_hostlist_dev_create(Stonith *s, const char *subtype)
{
	struct stonith_hostlist_dev *dev;

	if (subtype != NULL) {
		errno = ENOENT;
		return NULL;
	}
	dev = calloc(1, sizeof(*dev));
	if (dev != NULL) {
		dev->s = s;
	}
	return dev;
}

ST_EXPORT void stonith_hostlist_dev_destroy(void *dev)
{
	struct stonith_hostlist_dev *hd = dev;

	stonith_free_hostlist(hd->hosts);
	free(hd);
}

ST_EXPORT const char *const *stonith_hostlist_dev_confignames(void *dev)
{
	(void)dev;
	return hostlist_names;
}

ST_EXPORT char **stonith_hostlist_dev_hostlist(void *dev)
{
	return stonith_strv_copy(((struct stonith_hostlist_dev *)dev)->hosts);
}

ST_EXPORT int stonith_hostlist_dev_status(void *dev)
{
	(void)dev;
	return S_OK;
}

ST_EXPORT const char *stonith_info_entry(const char *const *table, size_t n, int infotype)
{
	return infotype < 0 || (size_t)infotype >= n ? NULL : table[infotype];
}

ST_EXPORT int stonith_hostlist_dev_set_config(void *dev, const StonithNVpair *list)
{
	struct stonith_hostlist_dev *hd = dev;
	Stonith *s = hd->s;
	char **parsed;
	int rc = stonith_require_values(s, hostlist_names, list);

	if (rc != S_OK) {
		return rc;
	}
	parsed = stonith_hostlist_parse(stonith_nv_get(list, "hostlist"));
	if (parsed == NULL) {
		if (errno == EINVAL) {
			stonith_set_config_error(s, "hostlist");
		}
		return errno == EINVAL ? S_BADCONFIG : S_OOPS;
	}
	stonith_free_hostlist(hd->hosts);
	hd->hosts = parsed;
	return S_OK;
}

ST_EXPORT const char stonith_hostlist_xml[] =
	"<parameters>\n"
	"<parameter name=\"hostlist\" unique=\"0\" required=\"1\">\n"
	"<content type=\"string\" />\n"
	"<shortdesc lang=\"en\">Hostlist</shortdesc>\n"
	"<longdesc lang=\"en\">\n"
	"The hosts this device can fence, separated by spaces or commas.\n"
	"</longdesc>\n"
	"</parameter>\n"
	"</parameters>\n";
