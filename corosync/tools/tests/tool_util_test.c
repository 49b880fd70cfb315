/*
 * The tools' shared helpers: number arguments accepted and refused as
 * corosync's tools do, and addresses printed, skipping empty slots.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "tool_util.h"

static void numbers(void **state)
{
	long long v = 0;

	assert_int_equal(tool_strtonum("1", 1, 10, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(tool_strtonum("+7", 1, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(tool_strtonum(" 3", 1, 10, &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(tool_strtonum("010", 1, 10, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(tool_strtonum("4294967295", 1, 4294967295LL, &v), 0);
	assert_int_equal(tool_strtonum("4294967296", 1, 4294967295LL, &v), -EINVAL);
	assert_int_equal(tool_strtonum("0", 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum("-1", 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum("1x", 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum("0x1", 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum("3 ", 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum("", 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum("x", 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum(NULL, 1, 10, &v), -EINVAL);
	assert_int_equal(tool_strtonum("99999999999999999999", 0, 10, &v), -EINVAL);
	/* Refused numbers leave the result alone. */
	assert_int_equal(v, 4294967295LL);
}

static void addresses(void **state)
{
	corosync_cfg_node_address_t a;
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	char text[INET6_ADDRSTRLEN];

	memset(&a, 0, sizeof(a));
	inet_pton(AF_INET, "10.1.2.3", &sin.sin_addr);
	memcpy(a.address, &sin, sizeof(sin));
	assert_int_equal(tool_addr_text(&a, text, sizeof(text)), 0);
	assert_string_equal(text, "10.1.2.3");
	memset(&a, 0, sizeof(a));
	inet_pton(AF_INET6, "fe80::2", &sin6.sin6_addr);
	memcpy(a.address, &sin6, sizeof(sin6));
	assert_int_equal(tool_addr_text(&a, text, sizeof(text)), 0);
	assert_string_equal(text, "fe80::2");
	memset(&a, 0, sizeof(a));
	assert_int_equal(tool_addr_text(&a, text, sizeof(text)), -EAFNOSUPPORT);
	/* Too small a buffer. */
	inet_pton(AF_INET6, "fe80::2", &sin6.sin6_addr);
	memcpy(a.address, &sin6, sizeof(sin6));
	assert_int_equal(tool_addr_text(&a, text, 4), -ENOSPC);
}

static void node_addrs_need_a_connection(void **state)
{
	char buf[64] = "x";

	assert_int_equal(tool_node_addrs(0, 1, buf, sizeof(buf)), CS_ERR_BAD_HANDLE);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers),
		cmocka_unit_test(addresses),
		cmocka_unit_test(node_addrs_need_a_connection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
