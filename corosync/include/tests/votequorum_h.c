/* corosync/votequorum.h compiles on its own, and declares what programs use. */
#include <corosync/votequorum.h>

#include <stdio.h>

int main(void)
{
	struct votequorum_info info = { .flags = VOTEQUORUM_INFO_QUORATE };
	votequorum_ring_id_t ring = { 1, 2 };
	cs_error_t (*poll)(votequorum_handle_t, const char *, unsigned int, votequorum_ring_id_t) =
		votequorum_qdevice_poll;

	printf("1..1\n");
	printf("%s 1 - votequorum.h compiles alone\n",
	       info.flags == 2 && ring.seq == 2 && VOTEQUORUM_QDEVICE_MAX_NAME_LEN == 255 &&
			       poll != NULL
		       ? "ok"
		       : "not ok");
	return 0;
}
