/*
 * Handle database: slot table, check values and reference counts.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cs_hdb.h"

struct cs_hdb_slot {
	void *instance; /* NULL: the slot is free */
	uint32_t check;
	uint32_t refs;
	bool destroyed;
};

/* Handles are check << 32 | slot index. */
static inline uint32_t handle_index(uint64_t handle)
{
	return (uint32_t)handle;
}

static inline uint32_t handle_check(uint64_t handle)
{
	return (uint32_t)(handle >> 32);
}

/* Check values start somewhere different in every process and database, so
 * a handle kept from another run or another library is refused too. */
static uint32_t next_check(struct cs_hdb *db)
{
	if (db->next_check == 0) {
		db->next_check = (uint32_t)getpid() * 2654435761u ^ (uint32_t)time(NULL) ^
				 (uint32_t)(uintptr_t)db;
	}
	uint32_t check = db->next_check++;
	if (check == 0) {
		check = db->next_check++;
	}
	return check;
}

/* The slot of a valid, live @handle, or NULL.  Called with the lock held. */
static struct cs_hdb_slot *find_live(struct cs_hdb *db, uint64_t handle)
{
	uint32_t index = handle_index(handle);

	if (index >= db->slot_count) {
		return NULL;
	}
	struct cs_hdb_slot *slot = &db->slots[index];
	if (slot->instance == NULL || slot->check != handle_check(handle) || slot->check == 0) {
		return NULL;
	}
	return slot;
}

/* Index of a free slot, growing the table if needed; -ENOMEM. */
static int64_t free_slot(struct cs_hdb *db)
{
	for (uint32_t i = 0; i < db->slot_count; i++) {
		if (db->slots[i].instance == NULL) {
			return i;
		}
	}
	uint32_t count = db->slot_count ? db->slot_count * 2 : 8;
	struct cs_hdb_slot *slots = realloc(db->slots, count * sizeof(*slots));
	if (slots == NULL) {
		return -ENOMEM;
	}
	for (uint32_t i = db->slot_count; i < count; i++) {
		slots[i] = (struct cs_hdb_slot){ 0 };
	}
	int64_t index = db->slot_count;
	db->slots = slots;
	db->slot_count = count;
	return index;
}

int cs_hdb_create(struct cs_hdb *db, void *instance, uint64_t *handle)
{
	if (instance == NULL) {
		return -EINVAL;
	}
	pthread_mutex_lock(&db->lock);
	int64_t index = free_slot(db);
	if (index < 0) {
		pthread_mutex_unlock(&db->lock);
		return (int)index;
	}
	struct cs_hdb_slot *slot = &db->slots[index];
	slot->instance = instance;
	slot->check = next_check(db);
	slot->refs = 1;
	slot->destroyed = false;
	*handle = (uint64_t)slot->check << 32 | (uint64_t)index;
	pthread_mutex_unlock(&db->lock);
	return 0;
}

int cs_hdb_get(struct cs_hdb *db, uint64_t handle, void **instance)
{
	int rc = -EBADF;

	pthread_mutex_lock(&db->lock);
	struct cs_hdb_slot *slot = find_live(db, handle);
	if (slot != NULL && !slot->destroyed) {
		slot->refs++;
		*instance = slot->instance;
		rc = 0;
	}
	pthread_mutex_unlock(&db->lock);
	return rc;
}

/* Drop one reference; returns the instance to free when it was the last. */
static void *unref(struct cs_hdb_slot *slot)
{
	void *instance = NULL;

	if (--slot->refs == 0) {
		instance = slot->instance;
		*slot = (struct cs_hdb_slot){ 0 };
	}
	return instance;
}

void cs_hdb_put(struct cs_hdb *db, uint64_t handle)
{
	void *dead = NULL;

	pthread_mutex_lock(&db->lock);
	struct cs_hdb_slot *slot = find_live(db, handle);
	if (slot != NULL) {
		dead = unref(slot);
	}
	pthread_mutex_unlock(&db->lock);
	if (dead != NULL && db->free_instance != NULL) {
		db->free_instance(dead);
	}
}

int cs_hdb_destroy(struct cs_hdb *db, uint64_t handle)
{
	void *dead = NULL;
	int rc = -EBADF;

	pthread_mutex_lock(&db->lock);
	struct cs_hdb_slot *slot = find_live(db, handle);
	if (slot != NULL && !slot->destroyed) {
		slot->destroyed = true;
		dead = unref(slot);
		rc = 0;
	}
	pthread_mutex_unlock(&db->lock);
	if (dead != NULL && db->free_instance != NULL) {
		db->free_instance(dead);
	}
	return rc;
}

unsigned int cs_hdb_destroy_matching(struct cs_hdb *db, int (*match)(void *instance, void *arg),
				     void *arg)
{
	unsigned int n = 0;

	for (;;) {
		void *dead = NULL;
		bool found = false;

		/* One at a time: the free function must run unlocked. */
		pthread_mutex_lock(&db->lock);
		for (uint32_t i = 0; i < db->slot_count && !found; i++) {
			struct cs_hdb_slot *slot = &db->slots[i];
			if (slot->instance != NULL && !slot->destroyed &&
			    match(slot->instance, arg)) {
				slot->destroyed = true;
				dead = unref(slot);
				found = true;
			}
		}
		pthread_mutex_unlock(&db->lock);
		if (!found) {
			return n;
		}
		n++;
		if (dead != NULL && db->free_instance != NULL) {
			db->free_instance(dead);
		}
	}
}

uint32_t cs_hdb_count(struct cs_hdb *db)
{
	uint32_t n = 0;

	pthread_mutex_lock(&db->lock);
	for (uint32_t i = 0; i < db->slot_count; i++) {
		if (db->slots[i].instance != NULL && !db->slots[i].destroyed) {
			n++;
		}
	}
	pthread_mutex_unlock(&db->lock);
	return n;
}

void cs_hdb_release(struct cs_hdb *db)
{
	pthread_mutex_lock(&db->lock);
	bool empty = true;
	for (uint32_t i = 0; i < db->slot_count; i++) {
		empty = empty && db->slots[i].instance == NULL;
	}
	if (empty) {
		free(db->slots);
		db->slots = NULL;
		db->slot_count = 0;
	}
	pthread_mutex_unlock(&db->lock);
}
