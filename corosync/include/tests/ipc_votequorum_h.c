/* corosync/ipc_votequorum.h compiles on its own. */
#include <corosync/ipc_votequorum.h>

#include <stdio.h>

int main(void)
{
	printf("1..1\n");
	printf("%s 1 - ipc_votequorum.h compiles alone\n",
	       MESSAGE_REQ_VOTEQUORUM_QDEVICE_MASTER_WINS == 9 &&
			       MESSAGE_RES_VOTEQUORUM_NODELIST_NOTIFICATION == 5 &&
			       sizeof(struct res_lib_votequorum_getinfo) == 320
		       ? "ok"
		       : "not ok");
	return 0;
}
