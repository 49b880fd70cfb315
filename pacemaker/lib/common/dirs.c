/*
 * Making the daemons' state directories (crm/common/dirs.h).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <crm/common/dirs.h>

int pcmk_dir_ensure(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
	char buf[PATH_MAX];
	size_t len = path != NULL ? strlen(path) : 0;

	if (len == 0 || len >= sizeof(buf)) {
		return -EINVAL;
	}
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0755) < 0 && errno != EEXIST) {
				return -errno;
			}
			*p = '/';
		}
	}
	if (mkdir(buf, mode) < 0) {
		return errno == EEXIST ? 0 : -errno;
	}
	/* mkdir() applied the umask; the mode asked for is what we want */
	if (chmod(buf, mode) < 0 || (geteuid() == 0 && chown(buf, uid, gid) < 0)) {
		return -errno;
	}
	return 1;
}
