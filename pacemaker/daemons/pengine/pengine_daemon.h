/*
 * The pengine daemon's parts: the saved input series (pengine_series.c),
 * one scheduling run (pengine_calc.c) and the IPC server answering
 * requests (pengine_server.c).  main() is in pengine_main.c.
 */
#ifndef PENGINE_DAEMON_H
#define PENGINE_DAEMON_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/common/ipc.h>

/* ---- pengine_series.c: pe-input-N.bz2, pe-warn-N.bz2, pe-error-N.bz2 ---- */

/* Which series an input is saved in: by how its run went. */
enum pengine_series {
	PENGINE_SERIES_INPUT, /* clean */
	PENGINE_SERIES_WARN,  /* configuration warnings */
	PENGINE_SERIES_ERROR, /* configuration errors, or no graph at all */
};

/* "pe-input", "pe-warn", "pe-error". */
const char *pengine_series_name(enum pengine_series s);

/* The cluster option that bounds @s ("pe-input-series-max", ...). */
const char *pengine_series_option(enum pengine_series s);

/* How many files series @s keeps, from the option's @value (NULL or not
 * a number: the default, 4000 / 5000 / -1).  0 keeps none; -1 (and any
 * value below it) keeps all. */
int pengine_series_wrap(enum pengine_series s, const char *value);

/* The number the next file of @s in @dir gets: what its NAME.last file
 * says, 0 when that file is missing or unreadable. */
unsigned int pengine_series_next(const char *dir, enum pengine_series s);

/* Save @input bzip2-compressed as DIR/NAME-N.bz2 (N from
 * pengine_series_next(), replacing the file of that name, atomically)
 * and record N + 1 in NAME.last, back to 0 once it reaches @wrap (when
 * @wrap > 0).  With @wrap == 0 nothing is written.  *@path is the file
 * written (caller frees with g_free()), NULL when none.  Returns 0 or
 * -errno; *@path is set on an error only when the input was saved but
 * NAME.last could not be updated. */
int pengine_series_save(const char *dir, enum pengine_series s, int wrap, const xmlNode *input,
			char **path);

/* ---- pengine_calc.c: one CIB in, one graph out ---- */

struct pengine_calc {
	int rc;            /* 0: a graph; < 0: none, see error */
	char *error;       /* g_free() */
	xmlNode *graph;    /* root of its own document */
	xmlNode *input;    /* the CIB as read, with execution-date: to save */
	GPtrArray *errors; /* char *: configuration errors */
	GPtrArray *warnings;
	enum pengine_series series;
	int wrap; /* of that series, from the CIB's options */
};

/* Schedule a copy of @cib (any element: what is not a valid CIB gets
 * rc < 0 and a message) as transition @transition_id at time @now
 * (seconds since the epoch, recorded as execution-date).  Fills @out;
 * free with pengine_calc_clear(). */
void pengine_calc_run(const xmlNode *cib, int transition_id, long long now,
		      struct pengine_calc *out);

void pengine_calc_clear(struct pengine_calc *c);

/* ---- pengine_server.c ---- */

struct pengine_daemon {
	const char *dir;      /* where inputs are saved */
	const char *ipc_name; /* PENGINE_IPC_NAME unless testing */
	struct pcmk_ipc_server *server;
	char *last_digest; /* of the last input, to skip saving repeats */
	char *last_path;   /* where it was saved */
};

/* Answer request @msg: schedule, save the input, log.  Returns the reply
 * (caller frees with pcmk_xml_free()), NULL only when memory runs out. */
xmlNode *pengine_handle_request(struct pengine_daemon *d, const xmlNode *msg);

/* Serve d->ipc_name.  Returns 0 or -errno (logged). */
int pengine_server_start(struct pengine_daemon *d);

/* Stop serving and free the daemon's state. */
void pengine_server_stop(struct pengine_daemon *d);

#endif /* PENGINE_DAEMON_H */
