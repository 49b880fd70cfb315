/*
 * fork/exec of one daemon (see pcmkd_spawn.h).  Between fork and exec only
 * async-signal-safe calls are made: glib may have started threads.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcmkd_spawn.h"

int pcmkd_identity_lookup(const char *user, struct pcmkd_identity *id)
{
	struct passwd *pw;
	int n = 0;

	memset(id, 0, sizeof(*id));
	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL) {
		return errno != 0 ? -errno : -ENOENT;
	}
	if (geteuid() != 0) {
		return 0;
	}
	getgrouplist(user, pw->pw_gid, NULL, &n);
	id->groups = calloc(n > 0 ? (size_t)n : 1, sizeof(gid_t));
	if (id->groups == NULL) {
		return -ENOMEM;
	}
	if (n > 0 && getgrouplist(user, pw->pw_gid, id->groups, &n) < 0) {
		n = 0;
	}
	id->n_groups = n;
	id->uid = pw->pw_uid;
	id->gid = pw->pw_gid;
	id->change = true;
	return 0;
}

void pcmkd_identity_clear(struct pcmkd_identity *id)
{
	free(id->groups);
	memset(id, 0, sizeof(*id));
}

/* In the child: write @what and the error without stdio. */
static void child_fail(const char *what, const char *path, int code)
{
	const char *err = strerror(errno);
	const char *parts[] = { "pacemakerd: ", what, " ", path, ": ", err, "\n" };

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (write(STDERR_FILENO, parts[i], strlen(parts[i])) < 0) {
			break;
		}
	}
	_exit(code);
}

static void child_reset(void)
{
	sigset_t none;
	int fd = open("/dev/null", O_RDONLY);

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	if (fd >= 0 && fd != STDIN_FILENO) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
}

static void child_become(const struct pcmkd_identity *id, const char *path)
{
	if (id == NULL || !id->change) {
		return;
	}
	if (setgroups((size_t)id->n_groups, id->groups) < 0 || setgid(id->gid) < 0 ||
	    setuid(id->uid) < 0) {
		child_fail("cannot change to the cluster user for", path, PCMKD_SPAWN_EXIT_NOPRIV);
	}
}

pid_t pcmkd_spawn(const char *path, const struct pcmkd_identity *id)
{
	pid_t pid = fork();

	if (pid < 0) {
		return -errno;
	}
	if (pid == 0) {
		char *const argv[] = { (char *)path, NULL };

		child_reset();
		child_become(id, path);
		execv(path, argv);
		child_fail("cannot run", path, PCMKD_SPAWN_EXIT_NOEXEC);
	}
	return pid;
}
