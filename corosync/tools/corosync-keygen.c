/*
 * corosync-keygen: writes the totem authentication key, random bytes read
 * from /dev/urandom (or -r FILE), to COROSYNC_KEY_FILE (or -k FILE) with
 * mode 0400.  Options, messages and exit statuses are those of corosync
 * 3.1.7's tool: an existing key is overwritten, -l is accepted and
 * ignored, and a random source that gives fewer bytes than asked for is
 * read again while the missing bits are reported.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool_util.h"

#define KEY_SIZE_MIN 128
#define KEY_SIZE_MAX 4096
#define KEY_SIZE_DEFAULT 256
#define RANDOM_SOURCE "/dev/urandom"

struct keygen_opts {
	const char *key_file;
	const char *random_file;
	size_t size;
};

static void usage(void)
{
	/* corosync's text, -m and all, although the option is -r. */
	printf("Usage: corosync-keygen [-k <keyfile>] [-s size] [-m <randomfile>] [-l] [-h]\n"
	       "     -k / --key-file=<filename> -  Write to the specified keyfile\n"
	       "            instead of the default " COROSYNC_KEY_FILE ".\n"
	       "     -r / --random-file -  Random number source file. Default is \n"
	       "            " RANDOM_SOURCE ". As an example /dev/random may be requested\n"
	       "            (that may require user input for entropy).\n"
	       "     -l / --less-secure - Not used, option is kept only\n"
	       "            for compatibility.\n"
	       "     -s / --size -  Length of key.\n"
	       "     -h / --help -  Print basic usage.\n\n");
}

/* Parse the command line into @o; exits on -h and on errors, as the real
 * tool does. */
static void parse_options(int argc, char **argv, struct keygen_opts *o)
{
	static const struct option long_options[] = {
		{ "key-file", required_argument, NULL, 'k' },
		{ "random-file", required_argument, NULL, 'r' },
		{ "size", required_argument, NULL, 's' },
		{ "less-secure", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long long size;
	int c;

	while ((c = getopt_long(argc, argv, "k:r:s:lh", long_options, NULL)) != -1) {
		switch (c) {
		case 'k':
			o->key_file = optarg;
			break;
		case 'r':
			o->random_file = optarg;
			break;
		case 's':
			if (tool_strtonum(optarg, KEY_SIZE_MIN, KEY_SIZE_MAX, &size) < 0) {
				errx(1, "Unsupported key size (supported <%u,%u>)\n", KEY_SIZE_MIN,
				     KEY_SIZE_MAX);
			}
			o->size = (size_t)size;
			break;
		case 'l':
			break; /* /dev/urandom is the default anyway */
		case 'h':
			usage();
			exit(0);
		default:
			printf("Error parsing command line options.\n");
			exit(1);
		}
	}
}

/* Fill @key (@size bytes) from @random_file, telling how many bits are
 * still missing after each short read. */
static void read_key(const char *random_file, unsigned char *key, size_t size)
{
	int fd = open(random_file, O_RDONLY);
	size_t got = 0;

	if (fd < 0) {
		err(1, "Failed to open random source");
	}
	for (;;) {
		ssize_t n = read(fd, key + got, size - got);
		if (n < 0) {
			/* corosync names /dev/random here, whatever the source. */
			err(1, "Could not read /dev/random");
		}
		if (n == 0) {
			/* corosync's tool waits for ever here; an empty source
			 * will not fill up. */
			errx(1, "Could not read %s: end of file", random_file);
		}
		got += (size_t)n;
		if (got == size) {
			break;
		}
		printf("Press keys on your keyboard to generate entropy (%zu bits still needed).\n",
		       (size - got) * 8);
	}
	close(fd);
}

static void write_key(const char *key_file, const unsigned char *key, size_t size)
{
	int fd = open(key_file, O_CREAT | O_WRONLY | O_TRUNC, 0600);

	if (fd < 0) {
		err(2, "Could not create %s", key_file);
	}
	if (fchmod(fd, 0400) < 0) {
		err(3, "Failed to set key file permissions to 0400");
	}
	printf("Writing corosync key to %s.\n", key_file);
	if (write(fd, key, size) != (ssize_t)size) {
		err(4, "Could not write %s", key_file);
	}
	if (close(fd) < 0) {
		err(5, "Could not close %s", key_file);
	}
}

int main(int argc, char **argv)
{
	struct keygen_opts o = { COROSYNC_KEY_FILE, RANDOM_SOURCE, KEY_SIZE_DEFAULT };
	unsigned char key[KEY_SIZE_MAX];

	parse_options(argc, argv, &o);
	printf("Corosync Cluster Engine Authentication key generator.\n");
	printf("Gathering %zu bits for key from %s.\n", o.size * 8, o.random_file);
	read_key(o.random_file, key, o.size);
	write_key(o.key_file, key, o.size);
	return 0;
}
