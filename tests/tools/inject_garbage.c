/*
 * inject_garbage: throw malformed input at a daemon, for robustness tests.
 *
 *   inject_garbage ipc NAME COUNT     random and truncated requests to the
 *                                     libqb IPC server NAME (e.g. cpg)
 *   inject_garbage udp ADDR PORT COUNT
 *                                     random, truncated and forged totem
 *                                     packets to ADDR:PORT
 * Exits 0 when everything was sent (the daemon's survival is checked by
 * the caller).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <qb/qbipcc.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static void fill(uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		buf[i] = (uint8_t)rnd();
	}
}

/* Requests with plausible headers (valid id, wrong size; wrong id; huge
 * claimed size) and pure noise. */
static int ipc(const char *name, long count)
{
	uint8_t buf[4096];
	long sent = 0;

	for (long i = 0; i < count; i++) {
		qb_ipcc_connection_t *c = qb_ipcc_connect(name, 1024 * 1024);
		if (c == NULL) {
			fprintf(stderr, "inject_garbage: cannot connect to %s: %s\n", name,
				strerror(errno));
			return 1;
		}
		for (int k = 0; k < 20; k++) {
			size_t len = 1 + rnd() % sizeof(buf);
			fill(buf, len);
			if (len >= 16 && rnd() % 2) {
				int32_t id = (int32_t)(rnd() % 16) - 2;
				int32_t size =
					rnd() % 3 == 0 ? (int32_t)len : (int32_t)(rnd() % 100000);
				memcpy(buf, &id, 4);
				memcpy(buf + 8, &size, 4);
			}
			if (qb_ipcc_send(c, buf, len) >= 0) {
				sent++;
			}
			/* a reply may or may not come: do not wait long for it */
			(void)qb_ipcc_recv(c, buf, sizeof(buf), 5);
		}
		qb_ipcc_disconnect(c);
	}
	printf("sent %ld malformed requests to %s\n", sent, name);
	return 0;
}

static int udp(const char *addr, int port, long count)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	uint8_t buf[1500];
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	long sent = 0;

	if (fd < 0 || inet_pton(AF_INET, addr, &to.sin_addr) != 1) {
		fprintf(stderr, "inject_garbage: bad address %s\n", addr);
		return 1;
	}
	for (long i = 0; i < count; i++) {
		size_t len = rnd() % sizeof(buf);
		fill(buf, len);
		if (len >= 13 && rnd() % 2) {
			/* a totem header, so the parsers behind it get exercised */
			buf[0] = 0x70, buf[1] = 0xc0, buf[2] = 3, buf[3] = (uint8_t)(rnd() % 7);
		}
		if (sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) >= 0) {
			sent++;
		}
	}
	close(fd);
	printf("sent %ld malformed packets to %s:%d\n", sent, addr, port);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "ipc") == 0) {
		return ipc(argv[2], atol(argv[3]));
	}
	if (argc == 5 && strcmp(argv[1], "udp") == 0) {
		return udp(argv[2], atoi(argv[3]), atol(argv[4]));
	}
	fprintf(stderr, "usage: inject_garbage ipc NAME COUNT | udp ADDR PORT COUNT\n");
	return 2;
}
