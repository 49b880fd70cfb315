/* corosync/corodefs.h compiles on its own. */
#include <corosync/corodefs.h>

#include <stdio.h>

int main(void)
{
	enum corosync_service_types cpg = CPG_SERVICE;

	printf("1..1\n");
	printf("%s 1 - corodefs.h compiles alone\n",
	       cpg == 2 && PROCESSOR_COUNT_MAX == 384 && TOTEMIP_ADDRLEN == 16 ? "ok" : "not ok");
	return 0;
}
