/*
 * Running an external plugin script: the configuration goes into its
 * environment as NAME=VALUE, the sub-command and node name are its
 * arguments, and its standard output is collected for the caller.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "external.h"

extern char **environ;

/* Scripts that others could change are never run as root's fencing agent. */
static int ext_check_script(struct ext_dev *dev)
{
	struct stat st;

	if (stat(dev->path, &st) < 0) {
		stonith_log(dev->s, LOG_ERR, "%s: %s", dev->path, strerror(errno));
		return -ENOENT;
	}
	if (!S_ISREG(st.st_mode) || access(dev->path, X_OK) < 0) {
		stonith_log(dev->s, LOG_ERR, "%s is not an executable file", dev->path);
		return -EACCES;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		stonith_log(dev->s, LOG_ERR, "%s is writable by group or others: not run",
			    dev->path);
		return -EPERM;
	}
	return 0;
}

static bool ext_overridden(const StonithNVpair *config, const char *entry)
{
	for (; config != NULL && config->s_name != NULL; config++) {
		size_t len = strlen(config->s_name);

		if (strncmp(entry, config->s_name, len) == 0 && entry[len] == '=') {
			return true;
		}
	}
	return false;
}

/* Our environment with the configuration's pairs replacing same-named variables. */
static char **ext_build_env(const StonithNVpair *config)
{
	size_t n = stonith_strv_len(environ), k = 0, i = 0;
	char **env;

	for (const StonithNVpair *p = config; p && p->s_name; p++) {
		k++;
	}
	env = calloc(n + k + 1, sizeof(*env));
	for (size_t j = 0; env != NULL && j < k; j++) {
		if (asprintf(&env[i++], "%s=%s", config[j].s_name, config[j].s_value) < 0) {
			env[--i] = NULL;
			stonith_free_hostlist(env);
			return NULL;
		}
	}
	for (size_t j = 0; env != NULL && j < n; j++) {
		if (!ext_overridden(config, environ[j]) &&
		    (env[i++] = strdup(environ[j])) == NULL) {
			stonith_free_hostlist(env);
			return NULL;
		}
	}
	return env;
}

static int ext_spawn(struct ext_dev *dev, char *const argv[], int out, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	char **env = ext_build_env(dev->config);
	int rc;

	if (env == NULL) {
		return -ENOMEM;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out, STDOUT_FILENO);
	rc = posix_spawn(pid, dev->path, &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	stonith_free_hostlist(env);
	return -rc;
}

/* Everything readable from FD until end-of-file (allocated), or NULL. */
static char *ext_read_all(int fd)
{
	size_t len = 0, cap = 256;
	char *buf = malloc(cap);
	ssize_t n;

	while (buf != NULL && (n = read(fd, buf + len, cap - len - 1)) != 0) {
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			free(buf);
			return NULL;
		}
		len += (size_t)n;
		if (cap - len < 2) {
			char *bigger = realloc(buf, cap *= 2);

			if (bigger == NULL) {
				free(buf);
			}
			buf = bigger;
		}
	}
	if (buf != NULL) {
		buf[len] = '\0';
	}
	return buf;
}

static int ext_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			return -errno;
		}
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int ext_run(struct ext_dev *dev, const char *op, const char *node, char **output)
{
	char *argv[] = { dev->path, (char *)op, (char *)node, NULL };
	int fds[2], rc = ext_check_script(dev);
	char *out;
	pid_t pid;

	if (rc < 0) {
		return rc;
	}
	if (pipe2(fds, O_CLOEXEC) < 0) {
		return -errno;
	}
	rc = ext_spawn(dev, argv, fds[1], &pid);
	close(fds[1]);
	out = rc == 0 ? ext_read_all(fds[0]) : NULL;
	close(fds[0]);
	if (rc < 0) {
		stonith_log(dev->s, LOG_ERR, "cannot run %s: %s", dev->path, strerror(-rc));
		return rc;
	}
	rc = ext_wait(pid);
	stonith_log(dev->s, LOG_DEBUG, "'%s %s%s%s' returned %d", dev->name, op, node ? " " : "",
		    node ? node : "", rc);
	if (output != NULL) {
		*output = out;
	} else {
		free(out);
	}
	return (out == NULL && output != NULL && rc >= 0) ? -ENOMEM : rc;
}
