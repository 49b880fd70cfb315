/* corosync/corotypes.h compiles on its own (included first, nothing else before). */
#include <corosync/corotypes.h>

#include <stdio.h>

int main(void)
{
	cs_error_t err = CS_ERR_TRY_AGAIN;
	cs_dispatch_flags_t flags = CS_DISPATCH_ONE_NONBLOCKING;
	uint64_t now = cs_timestamp_get();

	printf("1..1\n");
	printf("%s 1 - corotypes.h compiles alone\n",
	       err == 6 && flags == 4 && now > 0 && CS_MAX_NAME_LENGTH == 256 ? "ok" : "not ok");
	return 0;
}
