/*
 * Packet security for totem: every packet a node sends is encrypted and
 * authenticated with keys derived from the cluster's shared authkey, and
 * every packet it receives is checked before totem sees it.  A packet that
 * fails the check is dropped whole; nothing of it reaches the protocol.
 *
 * Scheme (format 1), with NSS doing the cryptography:
 *
 *   header  2 bytes   format (1), then cipher id << 4 | hash id
 *   iv      16 bytes  fresh from NSS's random generator (cipher only)
 *   body    n bytes   AES-CBC with PKCS#7 padding of the plaintext (n is
 *                     a multiple of 16, 1..16 bytes longer than the
 *                     plaintext); the plaintext itself without a cipher
 *   mac     m bytes   HMAC of header, iv and body (encrypt-then-MAC)
 *
 * CBC plus HMAC rather than GCM because corosync.conf names the cipher and
 * the hash separately and allows a hash alone: one construction then
 * serves every combination.  The MAC is checked, in constant time, before
 * anything is decrypted, so a forged packet never reaches the padding
 * check.
 *
 * Two keys come from the authkey through HKDF-SHA256 (RFC 5869) with the
 * salt "totem-crypto 1" and the info strings "totem-crypto 1 encryption
 * CIPHER HASH" and "totem-crypto 1 authentication CIPHER HASH" (names as
 * in corosync.conf, e.g. "aes256 sha256").  Nodes sharing a key but not
 * the settings therefore share no key at all, and each packet's header
 * names its settings under the MAC as well.
 *
 * Replays are not refused here: totem drops packets it has already seen
 * by their sequence numbers and ring ids.
 *
 * Not thread-safe (the daemon is single-threaded); NSS is initialised when
 * the first object that needs it is created and shut down when the last is
 * freed, through its own context so that other users of NSS in the process
 * are left alone.
 */
#ifndef TOTEM_CRYPTO_H
#define TOTEM_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "totem_config.h"

/* Accepted authkey sizes in bytes (as corosync with knet accepts). */
#define TOTEM_CRYPTO_KEY_MIN 128
#define TOTEM_CRYPTO_KEY_MAX 4096

/* The largest plaintext accepted (a UDP datagram cannot be larger). */
#define TOTEM_CRYPTO_PAYLOAD_MAX 65536

struct totem_crypto;

/* Security for packets with @cipher and @hash, keyed by @key (the
 * authkey, TOTEM_CRYPTO_KEY_MIN..TOTEM_CRYPTO_KEY_MAX bytes; not kept, the
 * caller may wipe it afterwards).  With cipher and hash both none the
 * object passes packets through unchanged (overhead 0, no header, no NSS:
 * the packets are corosync's crypto none) and @key may be NULL.  A cipher
 * without a hash is refused.  Returns the object (free with
 * totem_crypto_free()), or NULL with *@error a malloc'd message saying
 * what is wrong (caller frees; NULL when out of memory).  NSS state does
 * not survive fork(): create objects in the process that uses them. */
struct totem_crypto *totem_crypto_create(enum totem_crypto_cipher cipher,
					 enum totem_crypto_hash hash, const uint8_t *key,
					 size_t keylen, char **error);

/* Frees @c; the last object freed shuts NSS down.  NULL is a no-op. */
void totem_crypto_free(struct totem_crypto *c);

/* The most a packet grows by when encrypted: frames of at most
 * (MTU payload - overhead) bytes still fit after encryption.  0 means
 * packets pass unchanged (cipher and hash none): the caller may then skip
 * encrypt and decrypt altogether. */
size_t totem_crypto_overhead(const struct totem_crypto *c);

/* Protect the @len bytes at @in into @out, which holds *@outlen bytes
 * (@len + overhead is always enough); *@outlen is then the packet's
 * length.  @in and @out must not overlap.  Returns 0, -EMSGSIZE (@out is
 * too small, or @len is over TOTEM_CRYPTO_PAYLOAD_MAX), -ENOMEM, -EIO (NSS
 * failed otherwise; the packet cannot be sent) or -EINVAL (a NULL
 * argument). */
int totem_crypto_encrypt(struct totem_crypto *c, const void *in, size_t len, void *out,
			 size_t *outlen);

/* Check and open the packet of @len bytes at @in into @out, which holds
 * *@outlen bytes; *@outlen is then the plaintext's length.  @out needs
 * room for the packet minus header, iv and mac (padding included), so a
 * buffer of @len bytes is always enough.  @in and @out must not overlap.
 * Returns 0; -EBADMSG when the packet must be dropped (wrong key or
 * settings, altered, truncated, or not from totem_crypto at all; @out may
 * then hold garbage, never to be used); -EMSGSIZE (@out too small), -ENOMEM,
 * -EIO or -EINVAL as totem_crypto_encrypt(). */
int totem_crypto_decrypt(struct totem_crypto *c, const void *in, size_t len, void *out,
			 size_t *outlen);

/* Read the authkey file @path (raw bytes) into @key, which holds *@keylen
 * bytes (at least TOTEM_CRYPTO_KEY_MAX); *@keylen is then the key's
 * length.  Returns 0, with *@error NULL, or a malloc'd warning for the
 * caller to log when users other than the owner may read or write the
 * file (the key still works).  Otherwise returns -errno from opening or
 * reading the file (-ENOENT when it is missing, -EACCES), -EINVAL when it
 * is not a regular file or its size is outside
 * TOTEM_CRYPTO_KEY_MIN..TOTEM_CRYPTO_KEY_MAX (or @key is too small), or
 * -ENOMEM, with *@error a malloc'd message naming the file (caller frees)
 * and @key wiped. */
int totem_crypto_load_key(const char *path, uint8_t *key, size_t *keylen, char **error);

#endif /* TOTEM_CRYPTO_H */
