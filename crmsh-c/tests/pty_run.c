/*
 * pty_run: drive a program through a pseudo-terminal, for the tests of
 * the interactive shell.  Usage: pty_run SCRIPT PROGRAM [ARG...].  Each
 * line of SCRIPT is "send TEXT" (\t, \n, \u = ctrl-U, \\ escapes; no newline added)
 * or "expect TEXT" (wait up to 5 s for TEXT in the output after the last
 * match).  Exits 0 when every expectation was met, 1 (printing what was
 * seen) when one was not, 99 on a harness error.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char seen[1 << 16];
static size_t nseen, matched;

static void unescape(char *s)
{
	char *o = s;

	for (; *s != '\0'; s++) {
		if ((*s == '\\') && (s[1] != '\0')) {
			s++;
			*o++ = (*s == 't') ? '\t' : (*s == 'n') ? '\r' : (*s == 'u') ? '\025' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static int expect(int fd, const char *text)
{
	for (int waited = 0; waited < 5000; waited += 50) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char *hit = NULL;

		seen[nseen] = '\0';
		hit = strstr(seen + matched, text);
		if (hit != NULL) {
			matched = (size_t)(hit - seen) + strlen(text);
			return 0;
		}
		if ((poll(&p, 1, 50) > 0) && (nseen < sizeof(seen) - 1)) {
			ssize_t n = read(fd, seen + nseen, sizeof(seen) - 1 - nseen);

			if (n <= 0) {
				break;
			}
			nseen += (size_t)n;
		}
	}
	seen[nseen] = '\0';
	fprintf(stderr, "pty_run: did not see \"%s\"; output after the last match:\n%s\n", text,
		seen + matched);
	return -1;
}

/* Read what is left until the program closes the terminal (5 s at most). */
static void drain(int fd)
{
	char buf[4096];

	for (int waited = 0; waited < 5000; waited += 50) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if ((poll(&p, 1, 50) > 0) && (read(fd, buf, sizeof(buf)) <= 0)) {
			return;
		}
	}
}

static int run_script(FILE *script, int fd)
{
	char line[4096];

	while (fgets(line, sizeof(line), script) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		unescape(line);
		if (strncmp(line, "send ", 5) == 0) {
			if (write(fd, line + 5, strlen(line + 5)) < 0) {
				return 99;
			}
			usleep(100000);
		} else if ((strncmp(line, "expect ", 7) == 0) && (expect(fd, line + 7) < 0)) {
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 40, .ws_col = 110 };
	FILE *script = NULL;
	int fd = -1, rc = 0, status = 0;
	pid_t pid;

	if ((argc < 3) || ((script = fopen(argv[1], "r")) == NULL)) {
		fprintf(stderr, "usage: pty_run SCRIPT PROGRAM [ARG...]\n");
		return 99;
	}
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 99;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	rc = run_script(script, fd);
	fclose(script);
	drain(fd);
	close(fd);
	if (waitpid(pid, &status, 0) < 0) {
		return 99;
	}
	return rc;
}
