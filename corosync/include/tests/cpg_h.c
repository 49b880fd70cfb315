/* corosync/cpg.h compiles on its own, and declares what programs use. */
#include <corosync/cpg.h>

#include <stdio.h>

int main(void)
{
	cpg_model_v1_data_t model = { .model = CPG_MODEL_V1,
				      .flags = CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF };
	struct iovec iov = { NULL, 0 };
	cs_error_t (*mcast)(cpg_handle_t, cpg_guarantee_t, const struct iovec *, unsigned int) =
		cpg_mcast_joined;

	printf("1..1\n");
	printf("%s 1 - cpg.h compiles alone\n",
	       model.flags == 1 && CPG_MEMBERS_MAX == 128 && mcast != NULL && iov.iov_len == 0
		       ? "ok"
		       : "not ok");
	return 0;
}
