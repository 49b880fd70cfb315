/*
 * Handle database of the client libraries: the uint64_t handles the API
 * hands out (cpg_handle_t, quorum_handle_t, ...) mapped to instances.
 *
 * A handle carries a check value besides its slot, so a handle that was
 * never issued, or whose instance has been destroyed (even if the slot was
 * reused since), is refused with -EBADF instead of reaching freed memory.
 * Instances are reference counted: cs_hdb_destroy() only unpublishes the
 * handle, and the instance is freed (by the database's free function) when
 * the last cs_hdb_get() reference is put back, so a callback may finalize
 * the handle that is being dispatched.  Every function is thread-safe.
 */
#ifndef CS_HDB_H
#define CS_HDB_H

#include <pthread.h>
#include <stdint.h>

struct cs_hdb_slot;

/* One database per handle type, defined statically with CS_HDB_INIT. */
struct cs_hdb {
	pthread_mutex_t lock;
	void (*free_instance)(void *instance);
	struct cs_hdb_slot *slots;
	uint32_t slot_count;
	uint32_t next_check; /* check value of the next handle; never 0 */
};

/* static struct cs_hdb cpg_handles = CS_HDB_INIT(cpg_inst_free); */
#define CS_HDB_INIT(free_fn)                                                                  \
	{                                                                                     \
		.lock = PTHREAD_MUTEX_INITIALIZER, .free_instance = (free_fn), .slots = NULL, \
		.slot_count = 0, .next_check = 0                                              \
	}

/* Publish @instance under a new handle stored in *@handle, holding one
 * reference (the one cs_hdb_destroy() drops).  0 or -ENOMEM. */
int cs_hdb_create(struct cs_hdb *db, void *instance, uint64_t *handle);

/* Take a reference on the instance of @handle and store it in *@instance.
 * 0, or -EBADF for a handle that is not (or no longer) valid. */
int cs_hdb_get(struct cs_hdb *db, uint64_t handle, void **instance);

/* Give back a reference taken by cs_hdb_get().  The last one of a destroyed
 * handle frees the instance, outside the database lock. */
void cs_hdb_put(struct cs_hdb *db, uint64_t handle);

/* Unpublish @handle: cs_hdb_get() refuses it from now on.  Drops the
 * reference of cs_hdb_create().  0, or -EBADF if it was not valid. */
int cs_hdb_destroy(struct cs_hdb *db, uint64_t handle);

/* Destroy (as cs_hdb_destroy()) every live handle whose instance @match
 * accepts, given @arg; @match runs with the database lock held, so it must
 * not call back into the database.  Returns the number destroyed.  For
 * the handles that belong to a connection being finalized. */
unsigned int cs_hdb_destroy_matching(struct cs_hdb *db, int (*match)(void *instance, void *arg),
				     void *arg);

/* Number of live (not destroyed) handles, for tests. */
uint32_t cs_hdb_count(struct cs_hdb *db);

/* Free the slot table once no instance is left (library unload); a no-op
 * while any instance lives. */
void cs_hdb_release(struct cs_hdb *db);

#endif /* CS_HDB_H */
