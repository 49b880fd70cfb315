/* corosync/ipc_cpg.h compiles on its own. */
#include <corosync/ipc_cpg.h>

#include <stdio.h>

int main(void)
{
	printf("1..1\n");
	printf("%s 1 - ipc_cpg.h compiles alone\n",
	       MESSAGE_REQ_CPG_PARTIAL_MCAST == 12 && MESSAGE_RES_CPG_PARTIAL_SEND == 18
		       ? "ok"
		       : "not ok");
	return 0;
}
