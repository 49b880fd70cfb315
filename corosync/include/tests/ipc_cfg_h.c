/* corosync/ipc_cfg.h compiles on its own. */
#include <corosync/ipc_cfg.h>

#include <stdio.h>

int main(void)
{
	printf("1..1\n");
	printf("%s 1 - ipc_cfg.h compiles alone\n",
	       MESSAGE_REQ_CFG_TRACKSTOP == 11 && MESSAGE_RES_CFG_NODESTATUSGET == 16 &&
			       sizeof(struct res_lib_cfg_nodestatusget_v1) == 4200
		       ? "ok"
		       : "not ok");
	return 0;
}
