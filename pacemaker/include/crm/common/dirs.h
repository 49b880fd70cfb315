/*
 * The state directories of the pacemaker daemons (/var/lib/pacemaker/cib,
 * pengine, blackbox, cores): made when missing, owned by the cluster's
 * account, so daemons running as that account can write there.
 */
#ifndef PCMK_COMMON_DIRS_H
#define PCMK_COMMON_DIRS_H

#include <sys/types.h>

/* Create directory @path and its missing parents (parents 0755, @path
 * @mode); a @path that was created is given to @uid:@gid when running as
 * root.  An existing @path is left as it is.  Returns 0, 1 when @path was
 * created, or -errno. */
int pcmk_dir_ensure(const char *path, mode_t mode, uid_t uid, gid_t gid);

#endif /* PCMK_COMMON_DIRS_H */
