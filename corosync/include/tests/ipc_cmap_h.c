/* corosync/ipc_cmap.h compiles on its own. */
#include <corosync/ipc_cmap.h>

#include <stdio.h>

int main(void)
{
	printf("1..1\n");
	printf("%s 1 - ipc_cmap.h compiles alone\n",
	       MESSAGE_REQ_CMAP_SET_CURRENT_MAP == 9 && MESSAGE_RES_CMAP_NOTIFY_CALLBACK == 9 &&
			       sizeof(struct res_lib_cmap_notify_callback) == 336
		       ? "ok"
		       : "not ok");
	return 0;
}
