/*
 * What packet security costs: MB/s of plaintext through encrypt and then
 * decrypt, for totem's usual frame (1382 bytes), with aes256+sha256 and
 * with none (the pass-through copy).  Not run by make check.
 *
 *   tests/totem_crypto_bench [seconds per setting, default 2]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../totem_crypto.h"

#define FRAME 1382

struct bench {
	const char *name;
	enum totem_crypto_cipher cipher;
	enum totem_crypto_hash hash;
};

static const struct bench benches[] = {
	{ "aes256+sha256", TOTEM_CIPHER_AES256, TOTEM_HASH_SHA256 },
	{ "aes128+sha1", TOTEM_CIPHER_AES128, TOTEM_HASH_SHA1 },
	{ "none+sha256", TOTEM_CIPHER_NONE, TOTEM_HASH_SHA256 },
	{ "none", TOTEM_CIPHER_NONE, TOTEM_HASH_NONE },
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Round trips of one frame for @seconds; returns 0 or -1 on any failure. */
static int run(const struct bench *b, const uint8_t *key, double seconds)
{
	static uint8_t plain[FRAME], packet[FRAME + 256], opened[FRAME + 256];
	char *error = NULL;
	struct totem_crypto *c = totem_crypto_create(b->cipher, b->hash, key, 256, &error);
	unsigned long packets = 0;
	double start, elapsed;

	if (c == NULL) {
		fprintf(stderr, "%s: %s\n", b->name, error);
		free(error);
		return -1;
	}
	memset(plain, 0x5a, sizeof(plain));
	start = now();
	do {
		for (int i = 0; i < 1000; i++, packets++) {
			size_t n = sizeof(packet), m = sizeof(opened);

			if (totem_crypto_encrypt(c, plain, FRAME, packet, &n) < 0 ||
			    totem_crypto_decrypt(c, packet, n, opened, &m) < 0 || m != FRAME) {
				fprintf(stderr, "%s: round trip failed\n", b->name);
				totem_crypto_free(c);
				return -1;
			}
		}
		elapsed = now() - start;
	} while (elapsed < seconds);
	printf("%-14s overhead %3zu bytes  %9.0f packets/s  %8.1f MB/s (encrypt+decrypt)\n",
	       b->name, totem_crypto_overhead(c), (double)packets / elapsed,
	       (double)packets * FRAME / elapsed / 1e6);
	totem_crypto_free(c);
	return 0;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 2.0;
	uint8_t key[256];

	for (size_t i = 0; i < sizeof(key); i++) {
		key[i] = (uint8_t)(i * 31 + 7);
	}
	printf("%d-byte packets, %.1f s each\n", FRAME, seconds);
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		if (run(&benches[i], key, seconds) < 0) {
			return 1;
		}
	}
	return 0;
}
