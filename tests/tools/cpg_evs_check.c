/*
 * cpg_evs_check: read the logs of cpg_test_client processes and check
 * agreed order and virtual synchrony.
 *
 *   cpg_evs_check LOG...
 *
 * For every ring (T line) the messages a process delivered in it form a
 * segment.  A process is in the group from its join (J line) on: it gets
 * no message before, and the rings it saw until then, and the one it
 * joined in, are partial.  Two processes that saw the same ring must order
 * the messages they both delivered the same way; two that moved from one
 * ring to the same next ring, having been in the group through the whole
 * first ring, must have delivered exactly the same messages in it.  No message is delivered
 * twice, and each sender's messages arrive in the order it sent them.
 * Exit 0 when all holds, 1 with the first violation printed.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct segment {
	char ring[64];
	char next[64]; /* ring that followed, "" if none */
	bool partial;  /* the process joined during this ring */
	char **msgs;
	size_t n, cap;
	const char *log;
};

static struct segment *segs;
static size_t n_segs, cap_segs;

static struct segment *segment_new(const char *ring, const char *log, bool partial)
{
	if (n_segs == cap_segs) {
		cap_segs = cap_segs ? cap_segs * 2 : 64;
		segs = realloc(segs, cap_segs * sizeof(*segs));
	}
	struct segment *s = &segs[n_segs++];
	memset(s, 0, sizeof(*s));
	snprintf(s->ring, sizeof(s->ring), "%s", ring);
	s->partial = partial;
	s->log = log;
	return s;
}

static void segment_add(struct segment *s, const char *msg)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->msgs = realloc(s->msgs, s->cap * sizeof(*s->msgs));
	}
	s->msgs[s->n++] = strdup(msg);
}

/* ---- a string -> index hash table ---- */

struct table {
	const char **keys;
	size_t *vals;
	size_t cap;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	}
	return h;
}

static void table_build(struct table *t, const struct segment *s)
{
	t->cap = 16;
	while (t->cap < s->n * 2 + 1) {
		t->cap *= 2;
	}
	t->keys = calloc(t->cap, sizeof(*t->keys));
	t->vals = calloc(t->cap, sizeof(*t->vals));
	for (size_t i = 0; i < s->n; i++) {
		size_t k = hash(s->msgs[i]) & (t->cap - 1);
		while (t->keys[k] != NULL) {
			k = (k + 1) & (t->cap - 1);
		}
		t->keys[k] = s->msgs[i];
		t->vals[k] = i;
	}
}

static long table_find(const struct table *t, const char *key)
{
	for (size_t k = hash(key) & (t->cap - 1); t->keys[k] != NULL; k = (k + 1) & (t->cap - 1)) {
		if (strcmp(t->keys[k], key) == 0) {
			return (long)t->vals[k];
		}
	}
	return -1;
}

static void table_free(struct table *t)
{
	free(t->keys);
	free(t->vals);
}

/* ---- reading ---- */

static int read_log(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	struct segment *cur = NULL;
	bool first_in_process = true, joined = false;
	unsigned long line_no = 0;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line_no++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'S') {
			cur = NULL;
			first_in_process = true;
			joined = false;
		} else if (line[0] == 'J') {
			joined = true;
			if (cur != NULL) {
				cur->partial = true; /* joined during this ring */
			}
		} else if (line[0] == 'T') {
			char ring[64] = "";
			sscanf(line + 2, "%63s", ring);
			if (cur != NULL && strcmp(cur->ring, ring) == 0) {
				/* the ring announced again (once before our join took
				 * effect, once after it): still the same segment */
				continue;
			}
			if (cur != NULL) {
				snprintf(cur->next, sizeof(cur->next), "%s", ring);
			}
			cur = segment_new(ring, path, first_in_process || !joined);
			first_in_process = false;
		} else if (line[0] == 'M' && cur != NULL) {
			if (!joined) {
				printf("FAIL: %s:%lu: '%s' delivered before the process joined\n",
				       path, line_no, line + 2);
				fclose(f);
				return 1;
			}
			segment_add(cur, line + 2);
		}
	}
	fclose(f);
	return 0;
}

/* ---- checks ---- */

static bool ordered_alike(const struct segment *a, const struct segment *b, const struct table *ta)
{
	long last = -1;

	for (size_t i = 0; i < b->n; i++) {
		long at = table_find(ta, b->msgs[i]);
		if (at < 0) {
			continue;
		}
		if (at <= last) {
			printf("FAIL: ring %s: %s and %s order '%s' differently\n", a->ring, a->log,
			       b->log, b->msgs[i]);
			return false;
		}
		last = at;
	}
	return true;
}

static bool same_set(const struct segment *a, const struct segment *b)
{
	if (a->partial || b->partial || a->next[0] == '\0' || strcmp(a->next, b->next) != 0) {
		return true; /* not moving together from a whole ring */
	}
	if (a->n != b->n) {
		printf("FAIL: ring %s -> %s: %s delivered %zu messages, %s delivered %zu\n",
		       a->ring, a->next, a->log, a->n, b->log, b->n);
		return false;
	}
	for (size_t i = 0; i < a->n; i++) {
		if (strcmp(a->msgs[i], b->msgs[i]) != 0) {
			printf("FAIL: ring %s: %s and %s delivered different messages at %zu\n",
			       a->ring, a->log, b->log, i);
			return false;
		}
	}
	return true;
}

struct sender {
	unsigned node, pid;
	uint64_t seq;
};

/* Within one process's life: no duplicates, per-sender order kept. */
static bool process_sane(size_t from, size_t to)
{
	struct segment all = { .log = segs[from].log };
	bool ok = true;

	for (size_t s = from; s < to; s++) {
		for (size_t i = 0; i < segs[s].n; i++) {
			segment_add(&all, segs[s].msgs[i]);
		}
	}
	struct table t = { 0 };
	table_build(&t, &all);
	for (size_t i = 0; ok && i < all.n; i++) {
		if (table_find(&t, all.msgs[i]) != (long)i) {
			printf("FAIL: %s delivered '%s' twice\n", all.log, all.msgs[i]);
			ok = false;
		}
	}
	struct sender senders[64];
	size_t n_senders = 0;
	for (size_t i = 0; ok && i < all.n; i++) {
		unsigned node, pid;
		uint64_t seq;
		size_t k;
		if (sscanf(all.msgs[i], "%u:%u:%" SCNu64, &node, &pid, &seq) != 3) {
			continue;
		}
		for (k = 0; k < n_senders; k++) {
			if (senders[k].node == node && senders[k].pid == pid) {
				break;
			}
		}
		if (k == n_senders) {
			if (n_senders == 64) {
				continue;
			}
			senders[n_senders++] = (struct sender){ node, pid, seq };
			continue;
		}
		if (seq <= senders[k].seq) {
			printf("FAIL: %s got %s after %u:%u:%" PRIu64 "\n", all.log, all.msgs[i],
			       node, pid, senders[k].seq);
			ok = false;
		}
		senders[k].seq = seq;
	}
	table_free(&t);
	for (size_t i = 0; i < all.n; i++) {
		free(all.msgs[i]);
	}
	free(all.msgs);
	return ok;
}

int main(int argc, char **argv)
{
	size_t messages = 0, compared = 0, synchronous = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: cpg_evs_check LOG...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int rc = read_log(argv[i]);
		if (rc != 0) {
			return rc < 0 ? 2 : 1;
		}
	}
	for (size_t i = 0; i < n_segs;) {
		size_t j = i + 1;
		while (j < n_segs && segs[j].log == segs[i].log && !segs[j].partial) {
			j++;
		}
		if (!process_sane(i, j)) {
			return 1;
		}
		i = j;
	}
	for (size_t i = 0; i < n_segs; i++) {
		struct table t = { 0 };
		messages += segs[i].n;
		table_build(&t, &segs[i]);
		for (size_t j = i + 1; j < n_segs; j++) {
			if (segs[j].log == segs[i].log || strcmp(segs[i].ring, segs[j].ring) != 0) {
				continue;
			}
			compared++;
			if (!ordered_alike(&segs[i], &segs[j], &t) ||
			    !same_set(&segs[i], &segs[j])) {
				return 1;
			}
			synchronous += !segs[i].partial && !segs[j].partial && segs[i].next[0] &&
				       strcmp(segs[i].next, segs[j].next) == 0;
		}
		table_free(&t);
	}
	printf("ok: %d logs, %zu ring segments, %zu deliveries, %zu pairs compared, %zu moved "
	       "together\n",
	       argc - 1, n_segs, messages, compared, synchronous);
	return 0;
}
