/* corosync/cmap.h compiles on its own, and declares what programs use. */
#include <corosync/cmap.h>

#include <stdio.h>

int main(void)
{
	struct cmap_notify_value v = { .type = CMAP_VALUETYPE_BINARY, .len = 0, .data = NULL };
	cs_error_t (*get)(cmap_handle_t, const char *, char **) = cmap_get_string;
	hdb_handle_t hdb = 0; /* cmap.h brings hdb.h, as corosync's does */

	printf("1..1\n");
	printf("%s 1 - cmap.h compiles alone\n",
	       v.type == 12 && CMAP_KEYNAME_MAXLEN == 255 && CMAP_TRACK_PREFIX == 8 &&
			       CMAP_MAP_STATS == 1 && get != NULL && hdb == 0
		       ? "ok"
		       : "not ok");
	return 0;
}
