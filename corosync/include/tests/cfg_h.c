/* corosync/cfg.h compiles on its own, and declares what programs use. */
#include <corosync/cfg.h>

#include <stdio.h>

int main(void)
{
	corosync_cfg_callbacks_t cb = { .corosync_cfg_shutdown_callback = NULL };
	struct corosync_cfg_node_status_v1 st = { .version = CFG_NODE_STATUS_V1 };
	cs_error_t (*kill)(corosync_cfg_handle_t, unsigned int, const char *) =
		corosync_cfg_kill_node;

	printf("1..1\n");
	printf("%s 1 - cfg.h compiles alone\n",
	       cb.corosync_cfg_shutdown_callback == NULL && st.version == 1 && CFG_MAX_LINKS == 8 &&
			       COROSYNC_CFG_SHUTDOWN_FLAG_IMMEDIATE == 2 && kill != NULL &&
			       sizeof(struct sockaddr_in6) > 0
		       ? "ok"
		       : "not ok");
	return 0;
}
