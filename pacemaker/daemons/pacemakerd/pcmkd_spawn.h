/*
 * Starting one daemon: fork, become its account, exec.
 */
#ifndef PCMKD_SPAWN_H
#define PCMKD_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

/* Exit codes of a child that never got to run its daemon (never
 * PCMK_EX_FATAL, which would stop the node). */
#define PCMKD_SPAWN_EXIT_NOEXEC 127
#define PCMKD_SPAWN_EXIT_NOPRIV 126

/* The account a child runs as, looked up before forking (the lookups are
 * not safe between fork and exec). */
struct pcmkd_identity {
	bool change; /* false: keep pacemakerd's own */
	uid_t uid;
	gid_t gid;
	gid_t *groups; /* supplementary groups, n_groups of them */
	int n_groups;
};

/* Look up @user.  Without root privileges nothing is to change (change =
 * false, returns 0).  Returns 0, -ENOENT for an unknown account, or
 * -errno.  Free with pcmkd_identity_clear(). */
int pcmkd_identity_lookup(const char *user, struct pcmkd_identity *id);
void pcmkd_identity_clear(struct pcmkd_identity *id);

/* Run @path as @id (NULL: as pacemakerd) with stdin on /dev/null and the
 * signal mask and dispositions reset.  Returns the pid, or -errno when
 * fork fails; exec failures show as the child exiting with
 * PCMKD_SPAWN_EXIT_NOEXEC. */
pid_t pcmkd_spawn(const char *path, const struct pcmkd_identity *id);

#endif /* PCMKD_SPAWN_H */
