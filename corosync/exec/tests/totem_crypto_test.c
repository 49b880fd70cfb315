/*
 * totem_crypto: round trips for every setting, refusal of altered,
 * truncated and foreign packets, packets of a fixed format, and the
 * authkey file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "../totem_crypto.h"

#define KEY_LEN 256
#define BIG 65000
#define BUF (BIG + 256)

struct setting {
	enum totem_crypto_cipher cipher;
	enum totem_crypto_hash hash;
};

/* Every setting that protects packets (none/none passes them through). */
static const struct setting settings[] = {
	{ TOTEM_CIPHER_AES256, TOTEM_HASH_MD5 },    { TOTEM_CIPHER_AES256, TOTEM_HASH_SHA1 },
	{ TOTEM_CIPHER_AES256, TOTEM_HASH_SHA256 }, { TOTEM_CIPHER_AES256, TOTEM_HASH_SHA384 },
	{ TOTEM_CIPHER_AES256, TOTEM_HASH_SHA512 }, { TOTEM_CIPHER_AES192, TOTEM_HASH_MD5 },
	{ TOTEM_CIPHER_AES192, TOTEM_HASH_SHA1 },   { TOTEM_CIPHER_AES192, TOTEM_HASH_SHA256 },
	{ TOTEM_CIPHER_AES192, TOTEM_HASH_SHA384 }, { TOTEM_CIPHER_AES192, TOTEM_HASH_SHA512 },
	{ TOTEM_CIPHER_AES128, TOTEM_HASH_MD5 },    { TOTEM_CIPHER_AES128, TOTEM_HASH_SHA1 },
	{ TOTEM_CIPHER_AES128, TOTEM_HASH_SHA256 }, { TOTEM_CIPHER_AES128, TOTEM_HASH_SHA384 },
	{ TOTEM_CIPHER_AES128, TOTEM_HASH_SHA512 }, { TOTEM_CIPHER_NONE, TOTEM_HASH_MD5 },
	{ TOTEM_CIPHER_NONE, TOTEM_HASH_SHA1 },     { TOTEM_CIPHER_NONE, TOTEM_HASH_SHA256 },
	{ TOTEM_CIPHER_NONE, TOTEM_HASH_SHA384 },   { TOTEM_CIPHER_NONE, TOTEM_HASH_SHA512 },
};
#define N_SETTINGS (sizeof(settings) / sizeof(settings[0]))

static uint8_t key[KEY_LEN];
static uint8_t plain[BUF], packet[BUF], opened[BUF];

static void fill(uint8_t *buf, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (uint8_t)(seed >> 16);
	}
}

static char dir[64]; /* for authkey files */

/* One object kept for all the tests keeps NSS up, as in the daemon:
 * starting NSS for every object would make the tests slow under valgrind. */
static struct totem_crypto *keeper;

static struct totem_crypto *make_keeper(void)
{
	char *error = NULL;
	struct totem_crypto *c =
		totem_crypto_create(TOTEM_CIPHER_AES128, TOTEM_HASH_SHA1, key, KEY_LEN, &error);

	free(error);
	return c;
}

static int setup(void **state)
{
	/* the key the reference packets below were made with */
	for (size_t i = 0; i < KEY_LEN; i++) {
		key[i] = (uint8_t)(i * 7 + 3);
	}
	fill(plain, sizeof(plain), 1);
	snprintf(dir, sizeof(dir), "%s", "/tmp/totem_crypto_test.XXXXXX");
	/* others may pass through, for the test of an unreadable file */
	if (mkdtemp(dir) == NULL || chmod(dir, 0711) < 0) {
		return -1;
	}
	keeper = make_keeper();
	return keeper != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	totem_crypto_free(keeper);
	return rmdir(dir);
}

static struct totem_crypto *make(const struct setting *s, const uint8_t *k)
{
	char *error = NULL;
	struct totem_crypto *c = totem_crypto_create(s->cipher, s->hash, k, KEY_LEN, &error);

	assert_null(error);
	assert_non_null(c);
	return c;
}

static size_t seal(struct totem_crypto *c, const void *in, size_t len)
{
	size_t n = sizeof(packet);

	assert_int_equal(totem_crypto_encrypt(c, in, len, packet, &n), 0);
	return n;
}

static int open_packet(struct totem_crypto *c, const void *in, size_t len, size_t *n)
{
	*n = sizeof(opened);
	return totem_crypto_decrypt(c, in, len, opened, n);
}

/* ---- round trips ---- */

static void every_setting_round_trips(void **state)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 1382, BIG };

	for (size_t s = 0; s < N_SETTINGS; s++) {
		struct totem_crypto *c = make(&settings[s], key);
		size_t overhead = totem_crypto_overhead(c);

		assert_true(overhead > 0);
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			size_t len = seal(c, plain, sizes[i]), n;

			assert_true(len > sizes[i]);
			assert_true(len <= sizes[i] + overhead);
			assert_int_equal(open_packet(c, packet, len, &n), 0);
			assert_int_equal(n, sizes[i]);
			if (n > 0) {
				assert_memory_equal(opened, plain, n);
			}
		}
		totem_crypto_free(c);
	}
}

/* The overhead is the worst case: reached when padding takes a whole block. */
static void overhead_is_the_most_a_packet_grows(void **state)
{
	for (size_t s = 0; s < N_SETTINGS; s++) {
		struct totem_crypto *c = make(&settings[s], key);
		size_t most = 0;

		for (size_t len = 0; len <= 64; len++) {
			size_t grown = seal(c, plain, len) - len;
			most = grown > most ? grown : most;
		}
		assert_int_equal(most, totem_crypto_overhead(c));
		totem_crypto_free(c);
	}
}

static void same_plaintext_never_gives_same_packet(void **state)
{
	struct totem_crypto *c = make(&settings[2], key);
	uint8_t first[128];
	size_t len = seal(c, plain, 40);

	memcpy(first, packet, len);
	for (int i = 0; i < 50; i++) {
		assert_int_equal(seal(c, plain, 40), len);
		/* a fresh IV changes the IV and every ciphertext block */
		assert_memory_not_equal(first + 2, packet + 2, 16);
		assert_memory_not_equal(first + 18, packet + 18, 16);
	}
	totem_crypto_free(c);
}

static void none_none_passes_packets_unchanged(void **state)
{
	char *error = NULL;
	struct totem_crypto *c =
		totem_crypto_create(TOTEM_CIPHER_NONE, TOTEM_HASH_NONE, NULL, 0, &error);
	size_t n;

	assert_non_null(c);
	assert_null(error);
	assert_int_equal(totem_crypto_overhead(c), 0);
	assert_int_equal(seal(c, plain, 1382), 1382);
	assert_memory_equal(packet, plain, 1382);
	assert_int_equal(open_packet(c, packet, 1382, &n), 0);
	assert_int_equal(n, 1382);
	assert_memory_equal(opened, plain, 1382);
	n = 10;
	assert_int_equal(totem_crypto_encrypt(c, plain, 11, packet, &n), -EMSGSIZE);
	assert_int_equal(totem_crypto_decrypt(c, plain, 11, opened, &n), -EMSGSIZE);
	totem_crypto_free(c);
}

/* ---- refused packets ---- */

/* Every bit of every byte in turn: header, IV, body and MAC. */
static void every_altered_bit_is_refused(void **state)
{
	uint8_t sent[128];

	for (size_t s = 0; s < N_SETTINGS; s++) {
		struct totem_crypto *c = make(&settings[s], key);
		size_t len = seal(c, plain, 21), n;

		memcpy(sent, packet, len);
		for (size_t i = 0; i < len; i++) {
			for (int bit = 0; bit < 8; bit++) {
				sent[i] ^= (uint8_t)(1u << bit);
				memset(opened, 0xee, 64);
				assert_int_equal(open_packet(c, sent, len, &n), -EBADMSG);
				/* nothing is opened before the MAC is checked */
				assert_int_equal(opened[0], 0xee);
				assert_int_equal(opened[63], 0xee);
				sent[i] ^= (uint8_t)(1u << bit);
			}
		}
		assert_int_equal(open_packet(c, sent, len, &n), 0);
		totem_crypto_free(c);
	}
}

static void truncated_or_extended_packets_are_refused(void **state)
{
	for (size_t s = 0; s < N_SETTINGS; s++) {
		struct totem_crypto *c = make(&settings[s], key);
		size_t len = seal(c, plain, 100), n;

		for (size_t cut = 0; cut < len; cut++) {
			assert_int_equal(open_packet(c, packet, cut, &n), -EBADMSG);
		}
		for (size_t extra = 1; extra <= 32; extra++) {
			assert_int_equal(open_packet(c, packet, len + extra, &n), -EBADMSG);
		}
		assert_int_equal(open_packet(c, NULL, 0, &n), -EBADMSG);
		totem_crypto_free(c);
	}
}

static void packet_from_another_key_is_refused(void **state)
{
	uint8_t other[KEY_LEN];

	memcpy(other, key, sizeof(other));
	other[KEY_LEN - 1] ^= 1;
	for (size_t s = 0; s < N_SETTINGS; s++) {
		struct totem_crypto *tx = make(&settings[s], other);
		struct totem_crypto *rx = make(&settings[s], key);
		size_t len = seal(tx, plain, 1382), n;

		assert_int_equal(open_packet(rx, packet, len, &n), -EBADMSG);
		totem_crypto_free(tx);
		totem_crypto_free(rx);
	}
}

/* Same key, other settings: even with the header rewritten to the
 * receiver's settings the MAC keys differ. */
static void packet_with_other_settings_is_refused(void **state)
{
	struct totem_crypto *c[N_SETTINGS];
	uint8_t header[N_SETTINGS][2];

	for (size_t s = 0; s < N_SETTINGS; s++) {
		c[s] = make(&settings[s], key);
		seal(c[s], plain, 0);
		memcpy(header[s], packet, 2);
	}
	for (size_t tx = 0; tx < N_SETTINGS; tx++) {
		for (size_t rx = 0; rx < N_SETTINGS; rx++) {
			size_t len = seal(c[tx], plain, 64), n;

			if (rx == tx) {
				continue;
			}
			assert_int_equal(open_packet(c[rx], packet, len, &n), -EBADMSG);
			memcpy(packet, header[rx], 2);
			assert_int_equal(open_packet(c[rx], packet, len, &n), -EBADMSG);
		}
	}
	for (size_t s = 0; s < N_SETTINGS; s++) {
		totem_crypto_free(c[s]);
	}
}

static void random_packets_are_refused(void **state)
{
	struct totem_crypto *c = make(&settings[2], key);
	uint8_t junk[256];
	size_t n;

	for (uint32_t i = 0; i < 2000; i++) {
		fill(junk, sizeof(junk), i);
		junk[0] = 1;    /* our format */
		junk[1] = 0x13; /* and the receiver's settings */
		assert_int_equal(open_packet(c, junk, 2 + i % (sizeof(junk) - 2), &n), -EBADMSG);
	}
	totem_crypto_free(c);
}

/* ---- the packet format ---- */

/* Packets built from the scheme in totem_crypto.h by an independent
 * implementation (Python's cryptography package), with the test key, the
 * IV a0..af and the plaintext below: they pin the format, so nodes of
 * different versions keep understanding each other. */
static const char golden_text[] = "Totem packet, format 1.";

static const uint8_t golden_aes256_sha256[] = {
	0x01, 0x13, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab,
	0xac, 0xad, 0xae, 0xaf, 0x00, 0xf0, 0x0b, 0xb5, 0x5a, 0x93, 0x9e, 0x97, 0xe6, 0xe5,
	0x66, 0x4c, 0x83, 0x12, 0x9d, 0x45, 0x89, 0x69, 0x62, 0x43, 0xfa, 0x9c, 0x93, 0xc9,
	0x9b, 0xb7, 0x01, 0x4c, 0x8d, 0x27, 0x0a, 0x3f, 0xe1, 0xd3, 0x31, 0x85, 0x29, 0x7e,
	0xda, 0x77, 0x3b, 0x31, 0x9a, 0xe2, 0x94, 0xa8, 0x8a, 0xdd, 0xf2, 0x62, 0x2c, 0xef,
	0xf7, 0x23, 0x40, 0xc2, 0x0d, 0xdf, 0xe0, 0x42, 0x63, 0xf2, 0xb4, 0xcd,
};

static const uint8_t golden_aes128_sha1[] = {
	0x01, 0x32, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab,
	0xac, 0xad, 0xae, 0xaf, 0x65, 0xbd, 0x18, 0xf7, 0xcf, 0x8a, 0xf2, 0x77, 0x04, 0x3e,
	0x9e, 0xd0, 0x95, 0x9b, 0x41, 0xf0, 0xdc, 0x6b, 0x81, 0x43, 0x9e, 0xa6, 0xe1, 0xf1,
	0x9e, 0xf2, 0x31, 0x1f, 0xdd, 0x7f, 0x93, 0x5a, 0x8d, 0x53, 0x99, 0xcc, 0x3d, 0xdd,
	0xfd, 0xea, 0x5d, 0x5d, 0x73, 0x58, 0x41, 0xae, 0xcf, 0x6a, 0x3e, 0xcc, 0x07, 0xe2,
};

static const uint8_t golden_aes192_md5[] = {
	0x01, 0x21, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab,
	0xac, 0xad, 0xae, 0xaf, 0x78, 0x21, 0x79, 0x80, 0x01, 0xa9, 0xf4, 0x8d, 0xbb, 0x3b,
	0x8d, 0x72, 0xee, 0x1c, 0x37, 0xff, 0xe3, 0xf0, 0x40, 0xda, 0x34, 0xe8, 0x2a, 0xa9,
	0x36, 0xdd, 0xbb, 0x1d, 0x1b, 0xba, 0xe3, 0x9a, 0xcf, 0x38, 0x54, 0x7e, 0x0c, 0xb6,
	0x1b, 0x11, 0x57, 0x4e, 0x08, 0x13, 0x5f, 0x49, 0x68, 0x85,
};

static const uint8_t golden_none_sha512[] = {
	0x01, 0x05, 0x54, 0x6f, 0x74, 0x65, 0x6d, 0x20, 0x70, 0x61, 0x63, 0x6b, 0x65, 0x74, 0x2c,
	0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x31, 0x2e, 0x1d, 0x14, 0x14, 0xba, 0x10,
	0x55, 0x04, 0x45, 0x0b, 0xca, 0x32, 0xdc, 0x74, 0x5a, 0xf5, 0x2f, 0x78, 0x20, 0xbd, 0x9f,
	0xc2, 0x62, 0x3a, 0x7a, 0x8c, 0xa1, 0x9f, 0x32, 0x2a, 0x1f, 0xab, 0x46, 0x14, 0x08, 0x5f,
	0xa4, 0x2c, 0xcb, 0xb3, 0x6c, 0x06, 0xcb, 0x9a, 0xac, 0xc3, 0xc0, 0x09, 0x35, 0xa8, 0x0a,
	0xc9, 0x13, 0xa2, 0x59, 0x68, 0x89, 0xf8, 0x6a, 0x6f, 0x0d, 0xf0, 0xe5, 0xaa, 0x56,
};

static void check_golden(enum totem_crypto_cipher cipher, enum totem_crypto_hash hash,
			 const uint8_t *pkt, size_t len)
{
	struct setting s = { cipher, hash };
	struct totem_crypto *c = make(&s, key);
	size_t n;

	assert_int_equal(open_packet(c, pkt, len, &n), 0);
	assert_int_equal(n, strlen(golden_text));
	assert_memory_equal(opened, golden_text, n);
	totem_crypto_free(c);
}

static void packets_of_the_documented_format_open(void **state)
{
	check_golden(TOTEM_CIPHER_AES256, TOTEM_HASH_SHA256, golden_aes256_sha256,
		     sizeof(golden_aes256_sha256));
	check_golden(TOTEM_CIPHER_AES128, TOTEM_HASH_SHA1, golden_aes128_sha1,
		     sizeof(golden_aes128_sha1));
	check_golden(TOTEM_CIPHER_AES192, TOTEM_HASH_MD5, golden_aes192_md5,
		     sizeof(golden_aes192_md5));
	check_golden(TOTEM_CIPHER_NONE, TOTEM_HASH_SHA512, golden_none_sha512,
		     sizeof(golden_none_sha512));
}

/* ---- sizes and arguments ---- */

static void small_buffers_and_large_packets_are_refused(void **state)
{
	struct totem_crypto *c = make(&settings[2], key);
	size_t len = seal(c, plain, 100), n;
	static uint8_t huge[TOTEM_CRYPTO_PAYLOAD_MAX + 1];

	n = len - 1;
	assert_int_equal(totem_crypto_encrypt(c, plain, 100, packet, &n), -EMSGSIZE);
	n = 100;
	assert_int_equal(totem_crypto_decrypt(c, packet, len, opened, &n), -EMSGSIZE);
	/* room for the padded body is enough */
	n = 112;
	assert_int_equal(totem_crypto_decrypt(c, packet, len, opened, &n), 0);
	assert_int_equal(n, 100);
	n = sizeof(packet);
	assert_int_equal(totem_crypto_encrypt(c, huge, sizeof(huge), packet, &n), -EMSGSIZE);
	totem_crypto_free(c);
}

static void null_arguments_are_refused(void **state)
{
	struct totem_crypto *c = make(&settings[0], key);
	size_t n = sizeof(packet);

	assert_int_equal(totem_crypto_encrypt(NULL, plain, 1, packet, &n), -EINVAL);
	assert_int_equal(totem_crypto_encrypt(c, NULL, 1, packet, &n), -EINVAL);
	assert_int_equal(totem_crypto_encrypt(c, plain, 1, NULL, &n), -EINVAL);
	assert_int_equal(totem_crypto_encrypt(c, plain, 1, packet, NULL), -EINVAL);
	assert_int_equal(totem_crypto_decrypt(NULL, plain, 1, opened, &n), -EINVAL);
	assert_int_equal(totem_crypto_decrypt(c, NULL, 1, opened, &n), -EINVAL);
	assert_int_equal(totem_crypto_decrypt(c, plain, 1, NULL, &n), -EINVAL);
	assert_int_equal(totem_crypto_decrypt(c, plain, 1, opened, NULL), -EINVAL);
	totem_crypto_free(c);
	totem_crypto_free(NULL);
}

static void expect_refused(enum totem_crypto_cipher cipher, enum totem_crypto_hash hash,
			   const uint8_t *k, size_t keylen, const char *words)
{
	char *error = NULL;

	assert_null(totem_crypto_create(cipher, hash, k, keylen, &error));
	assert_non_null(error);
	assert_non_null(strstr(error, words));
	free(error);
}

static void bad_settings_and_keys_are_refused(void **state)
{
	expect_refused(TOTEM_CIPHER_AES256, TOTEM_HASH_NONE, key, KEY_LEN, "needs a crypto_hash");
	expect_refused(TOTEM_CIPHER_AES128, TOTEM_HASH_NONE, key, KEY_LEN, "aes128");
	expect_refused((enum totem_crypto_cipher)42, TOTEM_HASH_SHA1, key, KEY_LEN,
		       "crypto_cipher");
	expect_refused(TOTEM_CIPHER_AES256, (enum totem_crypto_hash)42, key, KEY_LEN,
		       "crypto_hash");
	expect_refused(TOTEM_CIPHER_AES256, TOTEM_HASH_SHA256, key, TOTEM_CRYPTO_KEY_MIN - 1,
		       "127 bytes");
	expect_refused(TOTEM_CIPHER_NONE, TOTEM_HASH_SHA1, NULL, KEY_LEN, "0 bytes");
	expect_refused(TOTEM_CIPHER_NONE, TOTEM_HASH_SHA1, plain, TOTEM_CRYPTO_KEY_MAX + 1,
		       "4097 bytes");
}

/* NSS goes away with the last object and comes back with the next. */
static void nss_lives_as_long_as_its_objects(void **state)
{
	totem_crypto_free(keeper); /* the only object until now */
	for (int round = 0; round < 2; round++) {
		struct totem_crypto *a = make(&settings[0], key);
		struct totem_crypto *b = make(&settings[19], key);
		size_t n;

		totem_crypto_free(a);
		assert_int_equal(open_packet(b, packet, seal(b, plain, 500), &n), 0);
		assert_int_equal(n, 500);
		totem_crypto_free(b);
	}
	keeper = make_keeper();
	assert_non_null(keeper);
}

/* ---- the authkey file ---- */

static void write_key_file(const char *path, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, plain, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static int load(const char *name, size_t len, mode_t mode, uint8_t *buf, size_t *n, char **error)
{
	char path[128];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (len > 0) {
		write_key_file(path, len, mode);
	}
	*n = TOTEM_CRYPTO_KEY_MAX;
	rc = totem_crypto_load_key(path, buf, n, error);
	if (len > 0) {
		unlink(path);
	}
	if (*error != NULL) {
		/* every message names the file */
		assert_non_null(strstr(*error, path));
	}
	return rc;
}

static void key_file_is_read_whole(void **state)
{
	uint8_t buf[TOTEM_CRYPTO_KEY_MAX];
	char *error = NULL;
	size_t n;

	assert_int_equal(load("authkey", 256, 0400, buf, &n, &error), 0);
	assert_null(error);
	assert_int_equal(n, 256);
	assert_memory_equal(buf, plain, 256);
	assert_int_equal(load("authkey", TOTEM_CRYPTO_KEY_MAX, 0600, buf, &n, &error), 0);
	assert_null(error);
	assert_int_equal(n, TOTEM_CRYPTO_KEY_MAX);
}

static void world_readable_key_file_warns(void **state)
{
	uint8_t buf[TOTEM_CRYPTO_KEY_MAX];
	char *error = NULL;
	size_t n;

	assert_int_equal(load("authkey", 256, 0644, buf, &n, &error), 0);
	assert_int_equal(n, 256);
	assert_non_null(error);
	assert_non_null(strstr(error, "chmod 0400"));
	free(error);
}

static void expect_key_error(const char *name, size_t len, mode_t mode, int rc, const char *words)
{
	uint8_t buf[TOTEM_CRYPTO_KEY_MAX];
	char *error = NULL;
	size_t n;

	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(load(name, len, mode, buf, &n, &error), rc);
	assert_non_null(error);
	assert_non_null(strstr(error, words));
	free(error);
	/* no part of a refused key is left behind: untouched or wiped */
	for (size_t i = 0; i < sizeof(buf); i++) {
		assert_true(buf[i] == 0xee || buf[i] == 0);
	}
}

static void bad_key_files_are_refused(void **state)
{
	uint8_t buf[8];
	char *error = NULL;
	size_t n = sizeof(buf);

	expect_key_error("missing", 0, 0400, -ENOENT, "corosync-keygen");
	expect_key_error("short", 10, 0400, -EINVAL, "only 10 bytes");
	expect_key_error("long", 5000, 0400, -EINVAL, "larger than the 4096 bytes");
	expect_key_error("", 0, 0400, -EINVAL, "not a regular file"); /* the directory */
	assert_int_equal(totem_crypto_load_key(dir, buf, &n, &error), -EINVAL);
	assert_non_null(strstr(error, "too small"));
	free(error);
}

/* Root ignores permissions, so as root the file is read with the
 * effective ids of an unprivileged user, which root can switch back from. */
static void unreadable_key_file_is_refused(void **state)
{
	uint8_t buf[TOTEM_CRYPTO_KEY_MAX];
	char path[128], *error = NULL;
	size_t n = sizeof(buf);
	bool root = geteuid() == 0;
	int rc;

	snprintf(path, sizeof(path), "%s/unreadable", dir);
	write_key_file(path, 256, 0);
	if (root) {
		assert_int_equal(setegid(65534), 0);
		assert_int_equal(seteuid(65534), 0);
	}
	rc = totem_crypto_load_key(path, buf, &n, &error);
	if (root) {
		assert_int_equal(seteuid(0), 0);
		assert_int_equal(setegid(0), 0);
	}
	unlink(path);
	assert_int_equal(rc, -EACCES);
	assert_non_null(strstr(error, path));
	assert_non_null(strstr(error, strerror(EACCES)));
	free(error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_setting_round_trips),
		cmocka_unit_test(overhead_is_the_most_a_packet_grows),
		cmocka_unit_test(same_plaintext_never_gives_same_packet),
		cmocka_unit_test(none_none_passes_packets_unchanged),
		cmocka_unit_test(every_altered_bit_is_refused),
		cmocka_unit_test(truncated_or_extended_packets_are_refused),
		cmocka_unit_test(packet_from_another_key_is_refused),
		cmocka_unit_test(packet_with_other_settings_is_refused),
		cmocka_unit_test(random_packets_are_refused),
		cmocka_unit_test(packets_of_the_documented_format_open),
		cmocka_unit_test(small_buffers_and_large_packets_are_refused),
		cmocka_unit_test(null_arguments_are_refused),
		cmocka_unit_test(bad_settings_and_keys_are_refused),
		cmocka_unit_test(nss_lives_as_long_as_its_objects),
		cmocka_unit_test(key_file_is_read_whole),
		cmocka_unit_test(world_readable_key_file_warns),
		cmocka_unit_test(bad_key_files_are_refused),
		cmocka_unit_test(unreadable_key_file_is_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
