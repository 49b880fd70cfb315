/* corosync/ipc_common.h compiles on its own. */
#include <corosync/ipc_common.h>

#include <stdio.h>

int main(void)
{
	printf("1..1\n");
	printf("%s 1 - ipc_common.h compiles alone\n",
	       IPC_REQUEST_SIZE == 1048576 && sizeof(mar_name_t) == 264 ? "ok" : "not ok");
	return 0;
}
