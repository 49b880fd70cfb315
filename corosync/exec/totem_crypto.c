/*
 * Packet security for totem with NSS (see totem_crypto.h for the scheme).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nss.h>
#include <pk11pub.h>
#include <prerror.h>
#include <secerr.h>
#include <secport.h>

#include "totem_crypto.h"

#define FORMAT 1
#define HEADER_LEN 2
#define BLOCK 16 /* the AES block, and the IV */
#define MAC_MAX 64
#define KDF_SALT "totem-crypto 1"

struct cipher_info {
	enum totem_crypto_cipher cipher;
	const char *name;
	uint8_t wire_id; /* in the header: fixed, whatever the enum becomes */
	int key_len;
};

struct hash_info {
	enum totem_crypto_hash hash;
	const char *name;
	uint8_t wire_id;
	CK_MECHANISM_TYPE hmac;
	size_t mac_len;
};

static const struct cipher_info ciphers[] = {
	{ TOTEM_CIPHER_NONE, "none", 0, 0 },
	{ TOTEM_CIPHER_AES256, "aes256", 1, 32 },
	{ TOTEM_CIPHER_AES192, "aes192", 2, 24 },
	{ TOTEM_CIPHER_AES128, "aes128", 3, 16 },
};

static const struct hash_info hashes[] = {
	{ TOTEM_HASH_NONE, "none", 0, CKM_INVALID_MECHANISM, 0 },
	{ TOTEM_HASH_MD5, "md5", 1, CKM_MD5_HMAC, 16 },
	{ TOTEM_HASH_SHA1, "sha1", 2, CKM_SHA_1_HMAC, 20 },
	{ TOTEM_HASH_SHA256, "sha256", 3, CKM_SHA256_HMAC, 32 },
	{ TOTEM_HASH_SHA384, "sha384", 4, CKM_SHA384_HMAC, 48 },
	{ TOTEM_HASH_SHA512, "sha512", 5, CKM_SHA512_HMAC, 64 },
};

struct totem_crypto {
	const struct cipher_info *cipher;
	const struct hash_info *hash;
	uint8_t header[HEADER_LEN];
	size_t iv_len;   /* BLOCK with a cipher, else 0 */
	size_t overhead; /* header + iv + most padding + mac */
	bool uses_nss;
	PK11SymKey *enc_key;
	PK11SymKey *mac_key;
	PK11Context *mac; /* reused for every packet: creating one is costly */
};

/* ---- NSS, shared by every object of the process ---- */

static NSSInitContext *nss_context;
static unsigned nss_users;

static int set_error(char **error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int set_error(char **error, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(error, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*error = NULL;
		return -ENOMEM;
	}
	return 0;
}

static const char *nss_error(void)
{
	const char *text = PR_ErrorToString(PR_GetError(), PR_LANGUAGE_I_DEFAULT);

	return text != NULL ? text : "unknown NSS error";
}

/* What an NSS failure means to the caller: memory, or something that
 * should not happen with valid keys. */
static int nss_errno(void)
{
	return PR_GetError() == SEC_ERROR_NO_MEMORY ? -ENOMEM : -EIO;
}

/* Without databases: only the built-in software token is needed.  A
 * context rather than NSS_NoDB_Init() so that shutting down does not pull
 * NSS from under another user in the same process. */
static int nss_get(char **error)
{
	if (nss_users == 0) {
		nss_context = NSS_InitContext("", "", "", "", NULL,
					      NSS_INIT_READONLY | NSS_INIT_NOCERTDB |
						      NSS_INIT_NOMODDB | NSS_INIT_FORCEOPEN |
						      NSS_INIT_NOROOTINIT | NSS_INIT_OPTIMIZESPACE);
		if (nss_context == NULL) {
			set_error(error, "Cannot initialise NSS: %s", nss_error());
			return -EIO;
		}
	}
	nss_users++;
	return 0;
}

static void nss_put(void)
{
	if (--nss_users == 0) {
		NSS_ShutdownContext(nss_context);
		nss_context = NULL;
	}
}

/* ---- keys ---- */

static const struct cipher_info *cipher_of(enum totem_crypto_cipher cipher)
{
	for (size_t i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++) {
		if (ciphers[i].cipher == cipher) {
			return &ciphers[i];
		}
	}
	return NULL;
}

static const struct hash_info *hash_of(enum totem_crypto_hash hash)
{
	for (size_t i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++) {
		if (hashes[i].hash == hash) {
			return &hashes[i];
		}
	}
	return NULL;
}

/* HKDF-SHA256 from @base to a key of @len bytes for @target.  The info
 * string names the key's use and both settings, so no two uses or
 * settings ever share a key.  The key stays inside the NSS token. */
static PK11SymKey *derive(struct totem_crypto *c, PK11SymKey *base, const char *use,
			  CK_MECHANISM_TYPE target, CK_ATTRIBUTE_TYPE operation, CK_FLAGS flags,
			  int len)
{
	char info[128];
	int n = snprintf(info, sizeof(info), "%s %s %s %s", KDF_SALT, use, c->cipher->name,
			 c->hash->name);
	CK_HKDF_PARAMS p = {
		.bExtract = CK_TRUE,
		.bExpand = CK_TRUE,
		.prfHashMechanism = CKM_SHA256,
		.ulSaltType = CKF_HKDF_SALT_DATA,
		.pSalt = (CK_BYTE_PTR)KDF_SALT,
		.ulSaltLen = sizeof(KDF_SALT) - 1,
		.hSaltKey = CK_INVALID_HANDLE,
		.pInfo = (CK_BYTE_PTR)info,
		.ulInfoLen = (CK_ULONG)n,
	};
	SECItem param = { siBuffer, (unsigned char *)&p, sizeof(p) };

	return PK11_DeriveWithFlags(base, CKM_HKDF_DERIVE, &param, target, operation, len, flags);
}

static int make_keys(struct totem_crypto *c, const uint8_t *key, size_t keylen, char **error)
{
	PK11SlotInfo *slot = PK11_GetInternalSlot();
	SECItem item = { siBuffer, (unsigned char *)key, (unsigned)keylen };
	PK11SymKey *base = NULL;
	SECItem none = { siBuffer, NULL, 0 };
	int rc = -EIO;

	if (slot == NULL || (base = PK11_ImportSymKey(slot, CKM_HKDF_DERIVE, PK11_OriginUnwrap,
						      CKA_DERIVE, &item, NULL)) == NULL) {
		set_error(error, "Cannot import the authentication key into NSS: %s", nss_error());
		goto out;
	}
	if (c->iv_len > 0) {
		c->enc_key = derive(c, base, "encryption", CKM_AES_CBC_PAD, CKA_ENCRYPT,
				    CKF_DECRYPT, c->cipher->key_len);
	}
	c->mac_key = derive(c, base, "authentication", c->hash->hmac, CKA_SIGN, 0,
			    (int)c->hash->mac_len);
	if ((c->iv_len > 0 && c->enc_key == NULL) || c->mac_key == NULL) {
		set_error(error, "Cannot derive the packet keys from the authentication key: %s",
			  nss_error());
		goto out;
	}
	c->mac = PK11_CreateContextBySymKey(c->hash->hmac, CKA_SIGN, c->mac_key, &none);
	if (c->mac == NULL) {
		set_error(error, "Cannot set up %s HMAC in NSS: %s", c->hash->name, nss_error());
		goto out;
	}
	rc = 0;
out:
	if (base != NULL) {
		PK11_FreeSymKey(base);
	}
	if (slot != NULL) {
		PK11_FreeSlot(slot);
	}
	return rc;
}

/* ---- objects ---- */

static int check_settings(const struct cipher_info *cipher, const struct hash_info *hash,
			  const uint8_t *key, size_t keylen, char **error)
{
	if (cipher == NULL || hash == NULL) {
		set_error(error, "Unknown crypto_%s setting", cipher == NULL ? "cipher" : "hash");
		return -EINVAL;
	}
	if (hash->hash == TOTEM_HASH_NONE) {
		if (cipher->cipher != TOTEM_CIPHER_NONE) {
			set_error(error,
				  "crypto_cipher %s needs a crypto_hash other than none: "
				  "encryption without authentication can be forged",
				  cipher->name);
			return -EINVAL;
		}
		return 0;
	}
	if (key == NULL || keylen < TOTEM_CRYPTO_KEY_MIN || keylen > TOTEM_CRYPTO_KEY_MAX) {
		set_error(error,
			  "The authentication key has %zu bytes; %d to %d are needed "
			  "(corosync-keygen makes one)",
			  key == NULL ? 0 : keylen, TOTEM_CRYPTO_KEY_MIN, TOTEM_CRYPTO_KEY_MAX);
		return -EINVAL;
	}
	return 0;
}

struct totem_crypto *totem_crypto_create(enum totem_crypto_cipher cipher,
					 enum totem_crypto_hash hash, const uint8_t *key,
					 size_t keylen, char **error)
{
	struct totem_crypto *c;

	*error = NULL;
	if (check_settings(cipher_of(cipher), hash_of(hash), key, keylen, error) < 0) {
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		set_error(error, "Out of memory");
		return NULL;
	}
	c->cipher = cipher_of(cipher);
	c->hash = hash_of(hash);
	if (hash == TOTEM_HASH_NONE) {
		return c; /* pass-through */
	}
	c->header[0] = FORMAT;
	c->header[1] = (uint8_t)(c->cipher->wire_id << 4 | c->hash->wire_id);
	c->iv_len = cipher == TOTEM_CIPHER_NONE ? 0 : BLOCK;
	c->overhead = HEADER_LEN + c->iv_len * 2 + c->hash->mac_len;
	if (nss_get(error) < 0) {
		free(c);
		return NULL;
	}
	c->uses_nss = true;
	if (make_keys(c, key, keylen, error) < 0) {
		totem_crypto_free(c);
		return NULL;
	}
	return c;
}

void totem_crypto_free(struct totem_crypto *c)
{
	if (c == NULL) {
		return;
	}
	if (c->mac != NULL) {
		PK11_DestroyContext(c->mac, PR_TRUE);
	}
	if (c->mac_key != NULL) {
		PK11_FreeSymKey(c->mac_key);
	}
	if (c->enc_key != NULL) {
		PK11_FreeSymKey(c->enc_key);
	}
	if (c->uses_nss) {
		nss_put();
	}
	free(c);
}

size_t totem_crypto_overhead(const struct totem_crypto *c)
{
	return c->overhead;
}

/* ---- packets ---- */

static int compute_mac(struct totem_crypto *c, const uint8_t *data, size_t len,
		       uint8_t mac[MAC_MAX])
{
	unsigned int n = 0;

	if (PK11_DigestBegin(c->mac) != SECSuccess ||
	    PK11_DigestOp(c->mac, data, (unsigned)len) != SECSuccess ||
	    PK11_DigestFinal(c->mac, mac, &n, MAC_MAX) != SECSuccess || n != c->hash->mac_len) {
		return nss_errno();
	}
	return 0;
}

static size_t body_len(const struct totem_crypto *c, size_t len)
{
	/* PKCS#7 always pads, by a whole block when @len is a multiple */
	return c->iv_len > 0 ? (len / BLOCK + 1) * BLOCK : len;
}

static bool bad_args(const struct totem_crypto *c, const void *in, size_t len, const void *out,
		     const size_t *outlen)
{
	return c == NULL || (in == NULL && len > 0) || out == NULL || outlen == NULL;
}

static int pass_through(const void *in, size_t len, void *out, size_t *outlen)
{
	if (*outlen < len) {
		return -EMSGSIZE;
	}
	if (len > 0) {
		memmove(out, in, len);
	}
	*outlen = len;
	return 0;
}

/* A fresh IV at @iv, then @in encrypted into the @blen bytes at @body. */
static int encrypt_body(struct totem_crypto *c, const void *in, size_t len, uint8_t *iv,
			uint8_t *body, size_t blen)
{
	static const uint8_t empty[1]; /* NSS wants a buffer even for 0 bytes */
	SECItem param = { siBuffer, iv, BLOCK };
	unsigned int n = 0;

	if (PK11_GenerateRandom(iv, BLOCK) != SECSuccess ||
	    PK11_Encrypt(c->enc_key, CKM_AES_CBC_PAD, &param, body, &n, (unsigned)blen,
			 len > 0 ? in : empty, (unsigned)len) != SECSuccess ||
	    n != blen) {
		return nss_errno();
	}
	return 0;
}

int totem_crypto_encrypt(struct totem_crypto *c, const void *in, size_t len, void *out,
			 size_t *outlen)
{
	uint8_t *header = out, *body;
	size_t blen, total;
	int rc;

	if (bad_args(c, in, len, out, outlen)) {
		return -EINVAL;
	}
	if (len > TOTEM_CRYPTO_PAYLOAD_MAX) {
		return -EMSGSIZE;
	}
	if (c->hash->hash == TOTEM_HASH_NONE) {
		return pass_through(in, len, out, outlen);
	}
	blen = body_len(c, len);
	total = HEADER_LEN + c->iv_len + blen + c->hash->mac_len;
	if (*outlen < total) {
		return -EMSGSIZE;
	}
	memcpy(header, c->header, HEADER_LEN);
	body = header + HEADER_LEN + c->iv_len;
	if (c->iv_len > 0) {
		rc = encrypt_body(c, in, len, header + HEADER_LEN, body, blen);
	} else {
		if (len > 0) {
			memcpy(body, in, len);
		}
		rc = 0;
	}
	if (rc == 0) {
		rc = compute_mac(c, header, HEADER_LEN + c->iv_len + blen, body + blen);
	}
	if (rc == 0) {
		*outlen = total;
	}
	return rc;
}

/* Whether the packet of @len bytes at @in comes from a node with our key
 * and settings.  The MAC is compared in constant time so that timing does
 * not tell a forger how many of its leading bytes were right. */
static int verify(struct totem_crypto *c, const uint8_t *in, size_t len)
{
	size_t fixed = HEADER_LEN + c->iv_len + c->hash->mac_len;
	uint8_t mac[MAC_MAX];
	int rc;

	if (len < fixed || len - fixed > body_len(c, TOTEM_CRYPTO_PAYLOAD_MAX) ||
	    (c->iv_len > 0 && ((len - fixed) % BLOCK != 0 || len == fixed))) {
		return -EBADMSG; /* no packet of ours has this length */
	}
	if (memcmp(in, c->header, HEADER_LEN) != 0) {
		return -EBADMSG; /* other settings, or not from totem_crypto */
	}
	rc = compute_mac(c, in, len - c->hash->mac_len, mac);
	if (rc < 0) {
		return rc;
	}
	if (NSS_SecureMemcmp(mac, in + len - c->hash->mac_len, c->hash->mac_len) != 0) {
		return -EBADMSG;
	}
	return 0;
}

int totem_crypto_decrypt(struct totem_crypto *c, const void *in, size_t len, void *out,
			 size_t *outlen)
{
	const uint8_t *iv = (const uint8_t *)in + HEADER_LEN;
	size_t blen;
	int rc;

	if (bad_args(c, in, len, out, outlen)) {
		return -EINVAL;
	}
	if (c->hash->hash == TOTEM_HASH_NONE) {
		return pass_through(in, len, out, outlen);
	}
	rc = verify(c, in, len);
	if (rc < 0) {
		return rc;
	}
	blen = len - HEADER_LEN - c->iv_len - c->hash->mac_len;
	if (*outlen < blen) {
		return -EMSGSIZE;
	}
	if (c->iv_len > 0) {
		SECItem param = { siBuffer, (unsigned char *)iv, BLOCK };
		unsigned int n = 0;

		/* Authentic yet badly padded: only a node holding the key, with
		 * a broken implementation, could send one. */
		if (PK11_Decrypt(c->enc_key, CKM_AES_CBC_PAD, &param, out, &n, (unsigned)blen,
				 iv + BLOCK, (unsigned)blen) != SECSuccess) {
			return PR_GetError() == SEC_ERROR_NO_MEMORY ? -ENOMEM : -EBADMSG;
		}
		*outlen = n;
		return 0;
	}
	memcpy(out, iv, blen); /* no IV: the body follows the header */
	*outlen = blen;
	return 0;
}

/* ---- the authkey file ---- */

/* Read up to @size bytes, and tell whether the file holds more. */
static int read_all(int fd, uint8_t *buf, size_t size, size_t *got, bool *more)
{
	uint8_t extra;
	ssize_t n;

	*got = 0;
	while (*got < size) {
		n = read(fd, buf + *got, size - *got);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return -errno;
		}
		if (n == 0) {
			*more = false;
			return 0;
		}
		*got += (size_t)n;
	}
	do {
		n = read(fd, &extra, 1);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		return -errno;
	}
	*more = n > 0;
	return 0;
}

static int key_error(char **error, int rc, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int key_error(char **error, int rc, const char *path, const char *fmt, ...)
{
	char *what = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&what, fmt, ap);
	va_end(ap);
	if (n < 0 || set_error(error, "Authentication key %s: %s", path, what) < 0) {
		free(what);
		return -ENOMEM;
	}
	free(what);
	return rc;
}

static int read_key(int fd, const char *path, uint8_t *key, size_t *keylen, char **error)
{
	struct stat st;
	size_t got = 0;
	bool more = false;
	int rc;

	if (fstat(fd, &st) < 0) {
		rc = -errno;
		return key_error(error, rc, path, "%s", strerror(-rc));
	}
	if (!S_ISREG(st.st_mode)) {
		return key_error(error, -EINVAL, path, "not a regular file");
	}
	rc = read_all(fd, key, TOTEM_CRYPTO_KEY_MAX, &got, &more);
	if (rc < 0) {
		return key_error(error, rc, path, "cannot read it: %s", strerror(-rc));
	}
	if (more) {
		return key_error(error, -EINVAL, path, "larger than the %d bytes allowed",
				 TOTEM_CRYPTO_KEY_MAX);
	}
	if (got < TOTEM_CRYPTO_KEY_MIN) {
		return key_error(error, -EINVAL, path,
				 "only %zu bytes, at least %d are needed (corosync-keygen makes "
				 "one of 256)",
				 got, TOTEM_CRYPTO_KEY_MIN);
	}
	*keylen = got;
	if ((st.st_mode & (S_IROTH | S_IWOTH)) != 0 &&
	    set_error(error,
		      "Authentication key %s can be read or written by every user of this host, "
		      "who could then join or disturb the cluster: chmod 0400 it",
		      path) < 0) {
		return -ENOMEM;
	}
	return 0;
}

int totem_crypto_load_key(const char *path, uint8_t *key, size_t *keylen, char **error)
{
	int fd, rc;

	*error = NULL;
	if (*keylen < TOTEM_CRYPTO_KEY_MAX) {
		return key_error(error, -EINVAL, path, "buffer of %zu bytes is too small", *keylen);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		rc = -errno;
		return key_error(error, rc, path, "cannot open it: %s%s", strerror(-rc),
				 rc == -ENOENT ? " (corosync-keygen makes one)" : "");
	}
	rc = read_key(fd, path, key, keylen, error);
	close(fd);
	if (rc < 0) {
		explicit_bzero(key, TOTEM_CRYPTO_KEY_MAX);
	}
	return rc;
}
