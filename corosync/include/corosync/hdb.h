/*
 * Handle databases: 64-bit handles mapped to reference-counted instances,
 * for programs that keep their own handle tables the way corosync's
 * services do.  A thin layer over libqb's qbhdb (the calls below are
 * inline and need no corosync library, only libqb).
 *
 * This is part of the public client API (cmap.h includes it): the names
 * and semantics are those of corosync 3.x's hdb.h.  Like that header it
 * defines _GNU_SOURCE and includes the C headers its users have come to
 * rely on, so that such programs keep compiling.
 */
#ifndef HDB_H_DEFINED
#define HDB_H_DEFINED

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <qb/qbhdb.h>

/** A handle: the index of an instance plus a check value. */
typedef qb_handle_t hdb_handle_t;

/** printf formats of a handle. */
#define HDB_D_FORMAT QB_HDB_D_FORMAT
#define HDB_X_FORMAT QB_HDB_X_FORMAT

/** The database type; define one with DECLARE_HDB_DATABASE(name, destructor). */
#define hdb_handle_database qb_hdb
#define DECLARE_HDB_DATABASE QB_HDB_DECLARE

/* Mutex helpers kept from older corosync releases. */
static inline void hdb_database_lock(pthread_mutex_t *mutex)
{
	pthread_mutex_lock(mutex);
}

static inline void hdb_database_unlock(pthread_mutex_t *mutex)
{
	pthread_mutex_unlock(mutex);
}

static inline void hdb_database_lock_init(pthread_mutex_t *mutex)
{
	pthread_mutex_init(mutex, NULL);
}

static inline void hdb_database_lock_destroy(pthread_mutex_t *mutex)
{
	pthread_mutex_destroy(mutex);
}

/** Prepare a database that was not defined with DECLARE_HDB_DATABASE. */
static inline void hdb_create(struct hdb_handle_database *handle_database)
{
	qb_hdb_create(handle_database);
}

/** Free the database's tables (the instances must be gone). */
static inline void hdb_destroy(struct hdb_handle_database *handle_database)
{
	qb_hdb_destroy(handle_database);
}

/**
 * Allocate a zeroed instance of @p instance_size bytes under a new handle
 * (*@p handle_id_out).  0 or a negative errno.
 */
static inline int hdb_handle_create(struct hdb_handle_database *handle_database, int instance_size,
				    hdb_handle_t *handle_id_out)
{
	return qb_hdb_handle_create(handle_database, instance_size, handle_id_out);
}

/**
 * Take a reference on the instance of @p handle_in and store it in
 * *@p instance; give it back with hdb_handle_put().  0 or -EBADF.
 */
static inline int hdb_handle_get(struct hdb_handle_database *handle_database,
				 hdb_handle_t handle_in, void **instance)
{
	return qb_hdb_handle_get(handle_database, handle_in, instance);
}

/** hdb_handle_get(), kept as a separate name for compatibility. */
static inline int hdb_handle_get_always(struct hdb_handle_database *handle_database,
					hdb_handle_t handle_in, void **instance)
{
	return qb_hdb_handle_get_always(handle_database, handle_in, instance);
}

/** Give back a reference; the last one of a destroyed handle frees it. */
static inline int hdb_handle_put(struct hdb_handle_database *handle_database,
				 hdb_handle_t handle_in)
{
	return qb_hdb_handle_put(handle_database, handle_in);
}

/** Invalidate @p handle_in; the instance goes with its last reference. */
static inline int hdb_handle_destroy(struct hdb_handle_database *handle_database,
				     hdb_handle_t handle_in)
{
	return qb_hdb_handle_destroy(handle_database, handle_in);
}

/** The number of references held on @p handle_in, or a negative errno. */
static inline int hdb_handle_refcount_get(struct hdb_handle_database *handle_database,
					  hdb_handle_t handle_in)
{
	return qb_hdb_handle_refcount_get(handle_database, handle_in);
}

/** Restart hdb_iterator_next() at the first handle. */
static inline void hdb_iterator_reset(struct hdb_handle_database *handle_database)
{
	qb_hdb_iterator_reset(handle_database);
}

/**
 * The next live handle and its instance, with a reference taken (give it
 * back with hdb_handle_put()).  0, or -1 past the last handle.
 */
static inline int hdb_iterator_next(struct hdb_handle_database *handle_database, void **instance,
				    hdb_handle_t *handle)
{
	return qb_hdb_iterator_next(handle_database, instance, handle);
}

/** The table index inside @p handle. */
static inline unsigned int hdb_base_convert(hdb_handle_t handle)
{
	return qb_hdb_base_convert(handle);
}

/** A handle for table index @p handle whose check value is not checked. */
static inline unsigned long long hdb_nocheck_convert(unsigned int handle)
{
	return qb_hdb_nocheck_convert(handle);
}

#endif /* HDB_H_DEFINED */
