/* corosync/quorum.h compiles on its own, and declares what programs use. */
#include <corosync/quorum.h>

#include <stdio.h>

int main(void)
{
	quorum_model_v1_data_t v1 = { .model = QUORUM_MODEL_V1 };
	cs_error_t (*init)(quorum_handle_t *, quorum_model_t, quorum_model_data_t *, uint32_t *,
			   void *) = quorum_model_initialize;

	printf("1..1\n");
	printf("%s 1 - quorum.h compiles alone\n",
	       v1.model == 1 && QUORUM_SET == 1 && init != NULL ? "ok" : "not ok");
	return 0;
}
