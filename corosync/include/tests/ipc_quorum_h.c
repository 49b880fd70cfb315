/* corosync/ipc_quorum.h compiles on its own. */
#include <corosync/ipc_quorum.h>

#include <stdio.h>

int main(void)
{
	printf("1..1\n");
	printf("%s 1 - ipc_quorum.h compiles alone\n",
	       MESSAGE_REQ_QUORUM_MODEL_GETTYPE == 4 &&
			       MESSAGE_RES_QUORUM_V1_NODELIST_NOTIFICATION == 7 &&
			       sizeof(struct res_lib_quorum_notification) == 48
		       ? "ok"
		       : "not ok");
	return 0;
}
