/* corosync/hdb.h compiles on its own, and its handles work (over libqb). */
#include <corosync/hdb.h>

#include <stdio.h>

DECLARE_HDB_DATABASE(db, NULL);

int main(void)
{
	hdb_handle_t h;
	int *inst = NULL;
	int ok = hdb_handle_create(&db, sizeof(int), &h) == 0 &&
		 hdb_handle_get(&db, h, (void **)&inst) == 0 && inst != NULL && *inst == 0 &&
		 hdb_handle_refcount_get(&db, h) == 2 && hdb_handle_put(&db, h) == 0 &&
		 hdb_handle_destroy(&db, h) == 0 && hdb_handle_get(&db, h, (void **)&inst) != 0;

	hdb_destroy(&db);
	printf("1..1\n");
	printf("%s 1 - hdb.h compiles alone and wraps libqb's handles\n", ok ? "ok" : "not ok");
	return 0;
}
