/*
 * corosync-cmapctl: reads, writes, deletes and tracks the keys of the
 * daemon's configuration map (or, with -m stats, its statistics map), in
 * corosync 3.1.7's formats, messages and exit statuses:
 *   (no option) key...   list the keys under each prefix, or all keys;
 *                        status 1 when none was found
 *   -g key...            print keys; the first missing one ends with 1
 *   -s key type value    set a key (type i8...u64, flt, dbl, str, bin)
 *   -d key...  -D prefix...   delete keys
 *   -p file              load "[^[^]]key [type value]" lines
 *   -t key  -T prefix    print changes until "q" on standard input
 *   -C what              clear statistics
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <corosync/cmap.h>

#include "cmapctl_value.h"

/* Calls refused with CS_ERR_TRY_AGAIN are made again, once a second. */
#define MAX_TRY_AGAIN 10
/* Lines of a -p file longer than this are read in pieces, as there. */
#define LOAD_LINE_MAX 1024

enum action {
	ACTION_GET,
	ACTION_SET,
	ACTION_DELETE,
	ACTION_DELETE_PREFIX,
	ACTION_PRINT_PREFIX,
	ACTION_TRACK,
	ACTION_LOAD,
	ACTION_CLEARSTATS,
};

struct cmapctl {
	cmap_handle_t h;
	struct cmapctl_style style;
};

static void usage(void)
{
	fputs("\n"
	      "usage:  corosync-cmapctl [-b] [-DdghsqTCt] [-p filename] [-m map] [params...]\n"
	      "\n"
	      "    -b show binary values\n"
	      "\n"
	      "    -m select map to use\n"
	      "          The  default  map is 'icmap' which contains configuration information and "
	      "some runtime variables used by corosync. \n"
	      "          A 'stats' map is also available which displays network statistics - in "
	      "great detail when knet is used as the transport.\n"
	      "Set key:\n"
	      "    corosync-cmapctl -s key_name type value\n"
	      "\n"
	      "    where type is one of ([i|u][8|16|32|64] | flt | dbl | str | bin)\n"
	      "    for bin, value is file name (or - for stdin)\n"
	      "\n"
	      "    map can be either 'icmap' (the default) which contains corosync\n"
	      "    configuration information, or 'stats' which contains statistics\n"
	      "    about the networking and IPC traffic in some detail.\n"
	      "\n"
	      "Clear stats:\n"
	      "    corosync-cmapctl -C [knet|ipc|totem|schedmiss|all]\n"
	      "    The 'stats' map is implied\n"
	      "\n"
	      "Load settings from a file:\n"
	      "    corosync-cmapctl -p filename\n"
	      "\n"
	      "    the format of the file is:\n"
	      "    [^[^]]<key_name>[ <type> <value>]\n"
	      "    Keys prefixed with single caret ('^') are deleted (see -d).\n"
	      "    Keys (actually prefixes) prefixed with double caret ('^^') are deleted by "
	      "prefix "
	      "(see -D).\n"
	      "    <type> and <value> are optional (not checked) in above cases.\n"
	      "    Other keys are set (see -s) so both <type> and <value> are required.\n"
	      "\n"
	      "Delete key:\n"
	      "    corosync-cmapctl -d key_name...\n"
	      "\n"
	      "Delete multiple keys with prefix:\n"
	      "    corosync-cmapctl -D key_prefix...\n"
	      "\n"
	      "Get key:\n"
	      "    corosync-cmapctl [-b] -g key_name...\n"
	      "\n"
	      "Quiet mode:\n"
	      "    corosync-cmapctl [-b] -q -g key_name...\n"
	      "\n"
	      "Display all keys:\n"
	      "    corosync-cmapctl [-b]\n"
	      "\n"
	      "Display keys with prefix key_name:\n"
	      "    corosync-cmapctl [-b] key_name...\n"
	      "\n"
	      "Track changes on keys with key_name:\n"
	      "    corosync-cmapctl [-b] -t key_name\n"
	      "\n"
	      "Track changes on keys with key prefix:\n"
	      "    corosync-cmapctl [-b] -T key_prefix\n"
	      "\n",
	      stdout);
}

/* Read @key's value of @type (@len bytes) into a new buffer (*@value, the
 * caller frees it), as corosync's tool reads it: strings in two steps,
 * numbers into a 16-byte buffer; again while the daemon is busy. */
static cs_error_t fetch(cmap_handle_t h, const char *key, cmap_value_types_t type, size_t len,
			void **value)
{
	cs_error_t error;

	for (int tries = 0;; tries++) {
		if (type == CMAP_VALUETYPE_STRING) {
			error = cmap_get_string(h, key, (char **)value);
		} else {
			size_t room = type == CMAP_VALUETYPE_BINARY ? len : 16;
			*value = calloc(1, room ? room : 1);
			if (*value == NULL) {
				return CS_ERR_NO_MEMORY;
			}
			error = cmap_get(h, key, *value, &room, NULL);
			if (error != CS_OK) {
				free(*value);
			}
		}
		if (error != CS_ERR_TRY_AGAIN || tries >= MAX_TRY_AGAIN) {
			return error;
		}
		sleep(1);
	}
}

/* Print one key read from the daemon; a binary value is read only for -b. */
static void print_key(const struct cmapctl *c, const char *key, cmap_value_types_t type, size_t len)
{
	void *value = NULL;

	if (type != CMAP_VALUETYPE_BINARY || c->style.show_binary) {
		cs_error_t error = fetch(c->h, key, type, len, &value);
		if (error != CS_OK) {
			fprintf(stderr, "Can't get value of %s. Error %s\n", key,
				cs_strerror(error));
			return;
		}
	}
	cmapctl_print(stdout, &c->style, key, type, value, len);
	free(value);
}

/* A walk over @prefix (NULL: everything), or exit(1). */
static cmap_iter_handle_t walk_start(const struct cmapctl *c, const char *prefix)
{
	cmap_iter_handle_t it;
	cs_error_t error = cmap_iter_init(c->h, prefix, &it);

	if (error != CS_OK) {
		fprintf(stderr, "Failed to initialize iteration. Error %s\n", cs_strerror(error));
		exit(EXIT_FAILURE);
	}
	return it;
}

/* Print the keys under @prefix; the number found. */
static int print_prefix(const struct cmapctl *c, const char *prefix)
{
	cmap_iter_handle_t it = walk_start(c, prefix);
	char key[CMAP_KEYNAME_MAXLEN + 1];
	size_t len;
	cmap_value_types_t type;
	int found = 0;

	while (cmap_iter_next(c->h, it, key, &len, &type) == CS_OK) {
		print_key(c, key, type, len);
		found++;
	}
	cmap_iter_finalize(c->h, it);
	return found;
}

static void delete_prefix(const struct cmapctl *c, const char *prefix)
{
	cmap_iter_handle_t it = walk_start(c, prefix);
	char key[CMAP_KEYNAME_MAXLEN + 1];

	while (cmap_iter_next(c->h, it, key, NULL, NULL) == CS_OK) {
		cs_error_t error = cmap_delete(c->h, key);
		if (error != CS_OK) {
			fprintf(stderr, "Can't delete key %s. Error %s\n", key, cs_strerror(error));
		}
	}
	cmap_iter_finalize(c->h, it);
}

/* The contents of file @name ("-": standard input) as a binary value. */
static cs_error_t set_binary(const struct cmapctl *c, const char *key, const char *name)
{
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
	char buf[4096];
	char *value = NULL;
	size_t size = 0, n;

	if (f == NULL) {
		perror("Can't open input file");
		exit(EXIT_FAILURE);
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) != 0) {
		char *bigger = realloc(value, size + n);
		if (bigger == NULL) {
			fprintf(stderr, "Can't alloc memory\n");
			exit(EXIT_FAILURE);
		}
		value = bigger;
		memcpy(value + size, buf, n);
		size += n;
	}
	if (f != stdin) {
		fclose(f);
	}
	cs_error_t error = cmap_set(c->h, key, value, size, CMAP_VALUETYPE_BINARY);
	free(value);
	return error;
}

/* -s and the set lines of -p: any error ends the program with status 1. */
static void set_key(const struct cmapctl *c, const char *key, const char *type_name,
		    const char *text)
{
	int type = cmapctl_type_from_name(type_name);
	struct cmapctl_number num;
	cs_error_t error;

	if (type < 0) {
		fprintf(stderr, "Unknown type %s\n", type_name);
		exit(EXIT_FAILURE);
	}
	if (type == CMAP_VALUETYPE_STRING) {
		error = cmap_set_string(c->h, key, text);
	} else if (type == CMAP_VALUETYPE_BINARY) {
		error = set_binary(c, key, text);
	} else {
		switch (cmapctl_parse_number(type, text, &num)) {
		case CMAPCTL_NOT_A_VALUE:
			fprintf(stderr, "%s is not valid %s type value\n", text, type_name);
			exit(EXIT_FAILURE);
		case CMAPCTL_OUT_OF_RANGE:
			fprintf(stderr, "%s is not valid %s integer\n", text, type_name);
			exit(EXIT_FAILURE);
		default:
			break;
		}
		error = cmap_set(c->h, key, num.bytes, num.len, type);
	}
	if (error != CS_OK) {
		fprintf(stderr, "Failed to set key %s. Error %s\n", key, cs_strerror(error));
		exit(EXIT_FAILURE);
	}
}

/* One line of a -p file (blank lines and comments already skipped). */
static void load_line(const struct cmapctl *c, char *line)
{
	char *save = NULL;
	char *key = strtok_r(line, " \n", &save);

	if (key == NULL) {
		return;
	}
	if (key[0] == '^' && key[1] == '^') {
		delete_prefix(c, key + 2);
	} else if (key[0] == '^') {
		cs_error_t error = cmap_delete(c->h, key + 1);
		if (error != CS_OK) {
			fprintf(stderr, "Can't delete key %s. Error %s\n", key + 1,
				cs_strerror(error));
		}
	} else {
		char *type = strtok_r(NULL, " \n", &save);
		char *value = strtok_r(NULL, " \n", &save);
		if (type == NULL || value == NULL) {
			fprintf(stderr, "Both type and value for key %s are required\n", key);
			exit(EXIT_FAILURE);
		}
		set_key(c, key, type, value);
	}
}

/* A file that cannot be opened is reported, but the status stays 0, as
 * with corosync's tool. */
static void load_file(const struct cmapctl *c, const char *name)
{
	char buf[LOAD_LINE_MAX];
	FILE *f = fopen(name, "r");

	if (f == NULL) {
		perror("Couldn't open file.");
		return;
	}
	while (fgets(buf, sizeof(buf), f) != NULL) {
		char *line = buf + strspn(buf, " \t");
		if (*line != '#' && *line != '\n' && *line != '\0') {
			load_line(c, line);
		}
	}
	fclose(f);
}

static void on_change(cmap_handle_t h, cmap_track_handle_t track, int32_t event, const char *key,
		      struct cmap_notify_value new_value, struct cmap_notify_value old_value,
		      void *user_data)
{
	const struct cmapctl *c = user_data;
	const struct cmap_notify_value *v = &new_value;

	switch (event) {
	case CMAP_TRACK_ADD:
		printf("create> ");
		break;
	case CMAP_TRACK_DELETE:
		printf("delete> ");
		v = &old_value;
		break;
	case CMAP_TRACK_MODIFY:
		printf("modify> ");
		break;
	default:
		printf("unknown change> ");
		return;
	}
	cmapctl_print(stdout, &c->style, key, v->type, v->data, v->len);
}

static void track_add(struct cmapctl *c, const char *key, int prefix)
{
	cmap_track_handle_t track;
	int32_t type = CMAP_TRACK_ADD | CMAP_TRACK_DELETE | CMAP_TRACK_MODIFY;

	if (prefix) {
		type |= CMAP_TRACK_PREFIX;
	}
	cs_error_t error = cmap_track_add(c->h, key, type, on_change, c, &track);
	if (error != CS_OK) {
		fprintf(stderr, "Failed to add tracking function. Error %s\n", cs_strerror(error));
		exit(EXIT_FAILURE);
	}
}

/* Print changes until "q" (or the end of) standard input. */
static void track_changes(const struct cmapctl *c)
{
	int fd;
	char in[3];
	int quit = 0, ready;

	cs_error_t error = cmap_fd_get(c->h, &fd);
	if (error != CS_OK) {
		fprintf(stderr, "Failed to get file handle. Error %s\n", cs_strerror(error));
		exit(EXIT_FAILURE);
	}
	printf("Type \"q\" to finish\n");
	do {
		struct pollfd pfd[2] = { { .fd = fd, .events = POLLIN },
					 { .fd = STDIN_FILENO, .events = POLLIN } };
		ready = poll(pfd, 2, -1);
		if (ready < 0) {
			perror("poll");
		}
		if (pfd[1].revents & (POLLIN | POLLHUP)) {
			quit = fgets(in, sizeof(in), stdin) == NULL || in[0] == 'q';
		}
		if (pfd[0].revents & POLLIN) {
			error = cmap_dispatch(c->h, CS_DISPATCH_ALL);
			if (error != CS_OK) {
				fprintf(stderr, "Dispatch error %s\n", cs_strerror(error));
				quit = 1;
			}
		}
		fflush(stdout);
	} while (ready > 0 && !quit);
}

struct options {
	enum action action;
	cmap_map_t map;
	int track_prefix;
	const char *file;
	const char *clear;
};

/* What -C may clear (the daemon's stats.clear.<what> key). */
static int is_clear_target(const char *what)
{
	static const char *const targets[] = { "knet", "totem", "ipc", "schedmiss", "all" };

	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		if (strcmp(what, targets[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

/* The map called @name (-m) in *@map; 0 or -1. */
static int map_by_name(const char *name, cmap_map_t *map)
{
	static const struct {
		const char *name;
		cmap_map_t map;
	} maps[] = {
		{ "icmap", CMAP_MAP_ICMAP },
		{ "default", CMAP_MAP_DEFAULT },
		{ "stats", CMAP_MAP_STATS },
	};

	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		if (strcmp(name, maps[i].name) == 0) {
			*map = maps[i].map;
			return 0;
		}
	}
	return -1;
}

/* Parse the options into @o and @c's style; exits as corosync's tool does
 * (-h with status 0, a bad option with 1). */
static void parse_options(int argc, char **argv, struct options *o, struct cmapctl *c)
{
	int opt;

	while ((opt = getopt(argc, argv, "m:hqgsdDtTbp:C:")) != -1) {
		switch (opt) {
		case 'h':
			usage();
			exit(EXIT_SUCCESS);
		case 'b':
			c->style.show_binary++;
			break;
		case 'q':
			c->style.quiet = 1;
			break;
		case 'g':
			o->action = ACTION_GET;
			break;
		case 's':
			o->action = ACTION_SET;
			break;
		case 'd':
			o->action = ACTION_DELETE;
			break;
		case 'D':
			o->action = ACTION_DELETE_PREFIX;
			break;
		case 'p':
			o->file = optarg;
			o->action = ACTION_LOAD;
			break;
		case 'C':
			if (!is_clear_target(optarg)) {
				fprintf(stderr, "argument to -C should be 'knet', 'totem', 'ipc', "
						"'schedmiss' or 'all'\n");
				exit(EXIT_FAILURE);
			}
			o->action = ACTION_CLEARSTATS;
			o->clear = optarg;
			o->map = CMAP_MAP_STATS;
			break;
		case 't':
			o->action = ACTION_TRACK;
			o->track_prefix = 0;
			break;
		case 'T':
			o->action = ACTION_TRACK;
			break;
		case 'm':
			if (map_by_name(optarg, &o->map) < 0) {
				fprintf(stderr, "invalid map name, must be 'default', 'icmap' or "
						"'stats'\n");
				exit(EXIT_FAILURE);
			}
			break;
		default:
			exit(EXIT_FAILURE);
		}
	}
}

static void connect_map(struct cmapctl *c, cmap_map_t map)
{
	cs_error_t error;

	for (int tries = 0;; tries++) {
		error = cmap_initialize_map(&c->h, map);
		if (error != CS_ERR_TRY_AGAIN || tries >= MAX_TRY_AGAIN) {
			break;
		}
		sleep(1);
	}
	if (error != CS_OK) {
		fprintf(stderr, "Failed to initialize the cmap API. Error %s\n",
			cs_strerror(error));
		exit(EXIT_FAILURE);
	}
}

/* -g: the first key that cannot be read ends the program with status 1. */
static void get_keys(const struct cmapctl *c, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		size_t len;
		cmap_value_types_t type;
		cs_error_t error = cmap_get(c->h, argv[i], NULL, &len, &type);
		if (error != CS_OK) {
			fprintf(stderr, "Can't get key %s. Error %s\n", argv[i],
				cs_strerror(error));
			exit(EXIT_FAILURE);
		}
		print_key(c, argv[i], type, len);
	}
}

/* -d: the first key that cannot be deleted ends the program with 1. */
static void delete_keys(const struct cmapctl *c, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		cs_error_t error = cmap_delete(c->h, argv[i]);
		if (error != CS_OK) {
			fprintf(stderr, "Can't delete key %s. Error %s\n", argv[i],
				cs_strerror(error));
			exit(EXIT_FAILURE);
		}
	}
}

/* Listing: status 1 when no prefix had any key. */
static int list_keys(const struct cmapctl *c, int argc, char **argv)
{
	int found = 0;

	if (argc == 0) {
		found = print_prefix(c, NULL);
	}
	for (int i = 0; i < argc; i++) {
		found += print_prefix(c, argv[i]);
	}
	return found > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int run(struct cmapctl *c, const struct options *o, int argc, char **argv)
{
	char key[CMAP_KEYNAME_MAXLEN + 1];

	switch (o->action) {
	case ACTION_PRINT_PREFIX:
		return list_keys(c, argc, argv);
	case ACTION_GET:
		get_keys(c, argc, argv);
		break;
	case ACTION_DELETE:
		delete_keys(c, argc, argv);
		break;
	case ACTION_DELETE_PREFIX:
		for (int i = 0; i < argc; i++) {
			delete_prefix(c, argv[i]);
		}
		break;
	case ACTION_LOAD:
		load_file(c, o->file);
		break;
	case ACTION_TRACK:
		for (int i = 0; i < argc; i++) {
			track_add(c, argv[i], o->track_prefix);
		}
		track_changes(c);
		break;
	case ACTION_SET:
		if (argc < 3) {
			fprintf(stderr, "At least 3 parameters are expected for set\n");
			return EXIT_FAILURE;
		}
		set_key(c, argv[0], argv[1], argv[2]);
		break;
	case ACTION_CLEARSTATS:
		snprintf(key, sizeof(key), "stats.clear.%s", o->clear);
		cmap_set_uint32(c->h, key, 1);
		break;
	}
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	struct options o = { .action = ACTION_PRINT_PREFIX,
			     .map = CMAP_MAP_DEFAULT,
			     .track_prefix = 1 };
	struct cmapctl c = { 0 };

	parse_options(argc, argv, &o, &c);
	argc -= optind;
	argv += optind;
	if (argc == 0 && o.action != ACTION_LOAD && o.action != ACTION_CLEARSTATS &&
	    o.action != ACTION_PRINT_PREFIX) {
		fprintf(stderr, "Expected key after options\n");
		return EXIT_FAILURE;
	}
	connect_map(&c, o.map);
	int rc = run(&c, &o, argc, argv);
	cs_error_t error = cmap_finalize(c.h);
	if (error != CS_OK) {
		fprintf(stderr, "Failed to finalize the cmap API. Error %s\n", cs_strerror(error));
		return EXIT_FAILURE;
	}
	return rc;
}
