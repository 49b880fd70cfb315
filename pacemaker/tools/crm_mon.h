/*
 * crm_mon: the cluster's state (summary, nodes, resources, failures,
 * attributes, history) as pacemaker 2.1.5's crm_mon shows it, once or
 * refreshed, as text, XML or HTML.  Each section's writer lives in its own
 * crm_mon_*.c file; they share what is declared here.
 */
#ifndef CRM_MON_H
#define CRM_MON_H

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/pengine/status.h>

enum mon_format { MON_CONSOLE, MON_TEXT, MON_XML, MON_HTML };

struct mon_opts {
	bool one_shot;     /* -1 */
	int interval_s;    /* -i, seconds between refreshes */
	bool inactive;     /* -r */
	bool failcounts;   /* -f */
	bool operations;   /* -o */
	bool timing;       /* -t (implies -o) */
	bool attributes;   /* -A */
	bool by_node;      /* -n */
	bool hide_headers; /* -D */
	bool simple;       /* -s */
	enum mon_format format;
	const char *output_to;  /* --output-to, -h */
	const char *html_title; /* --html-title */
	char *request;          /* the command line, for the XML result */
	bool help;
	bool version;
};

/* Parse the command line into @o (strings point into @argv; free
 * o->request with g_free()).  Returns 0, or -1 after saying on stderr what
 * is wrong (exit 64). */
int mon_opts_parse(int argc, char **argv, struct mon_opts *o);
void mon_usage(FILE *out);

/* ctime-style text of @t in local time ("Mon Jan 15 12:00:00 2024"). */
void mon_time_text(long long t, char *buf, size_t len);

/* @ms as pacemaker writes intervals and durations ("10s", "1m30s",
 * "332ms"). */
void mon_interval_text(long long ms, char *buf, size_t len);

/* Append one list item at @depth (0: a heading without bullet). */
void mon_item(GString *out, int depth, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* crm_mon_summary.c: the "Cluster Summary" section and -s's line. */
void mon_summary_text(const struct pe_cluster *c, GString *out);
int mon_simple_status(const struct pe_cluster *c, GString *out);
/* The counts the summary reports. */
struct mon_counts {
	int instances;
	int disabled;
	int blocked;
};
void mon_count_instances(const struct pe_cluster *c, struct mon_counts *n);
const char *mon_stack(const struct pe_cluster *c);
const char *mon_dc_version(const struct pe_cluster *c);

/* crm_mon_failures.c: failed operations, in status order. */
GPtrArray *mon_failed_ops(const struct pe_cluster *c); /* xmlNode *, free the array */
void mon_failed_action_text(const struct pe_cluster *c, const xmlNode *op, GString *line);
void mon_failures_text(const struct pe_cluster *c, GString *out);
const char *mon_exec_status_text(long long status);
const char *mon_op_node(const struct pe_cluster *c, const xmlNode *op); /* where it ran */
const char *mon_op_rsc_id(const xmlNode *op, char *buf, size_t len);

/* crm_mon_history.c: node attributes, fail counts and operations. */
struct mon_rsc_history {
	const char *id;                /* as the status section names it */
	const struct pe_resource *rsc; /* NULL: orphan */
	int fail_count;
	long long last_failure;
	GPtrArray *ops; /* xmlNode * lrm_rsc_op shown, by call id */
};
/* The resources with history worth showing on @node: with @all those with
 * operations, else those with fail counts.  Free with g_ptr_array_free(,
 * TRUE). */
/* The resource @lrm_resource (of @node's status) is about (*@rsc, NULL
 * for an orphan) and its operations by call id in *@ops (free the array);
 * @shown: only those the history display lists (no notifies, no probes
 * finding it stopped). */
void mon_history_ops(const struct pe_cluster *c, const struct pe_node *node, xmlNode *lrm_resource,
		     const struct pe_resource **rsc, GPtrArray **ops, bool shown);
/* The online nodes in the order of their node_state entries (the order
 * the history sections follow); free the array. */
GPtrArray *mon_status_nodes(const struct pe_cluster *c);
GPtrArray *mon_node_history(const struct pe_cluster *c, const struct pe_node *node, bool all);
const char *mon_op_task(const xmlNode *op);                 /* "probe" for 0-interval monitors */
GPtrArray *mon_node_attributes(const struct pe_node *node); /* sorted names, free array */
/* Whether @attr is what a ping agent running on @node sets, and the score
 * it sets when every host answers in *@expected. */
bool mon_ping_expected(const struct pe_node *node, const char *attr, int *expected);
void mon_history_text(const struct pe_cluster *c, const struct mon_opts *o, GString *out);
void mon_attributes_text(const struct pe_cluster *c, GString *out);

/* crm_mon_text.c: the whole text output. */
void mon_text(const struct pe_cluster *c, const struct mon_opts *o, GString *out);

/* crm_mon_xml.c: the XML output; @error non-NULL for a result without a
 * cluster. */
char *mon_xml(const struct pe_cluster *c, const struct mon_opts *o, const char *error);

/* crm_mon_bans.c: the <bans> element of the XML output (none without
 * bans). */
void mon_bans_xml(const struct pe_cluster *c, xmlNode *root);

/* crm_mon_tickets.c: the <tickets> element of the XML output (none
 * without tickets), by ticket name. */
void mon_tickets_xml(const struct pe_cluster *c, xmlNode *root);

/* crm_mon_html.c: the HTML page. */
void mon_html(const struct pe_cluster *c, const struct mon_opts *o, GString *out);

/* crm_mon_interactive.c: refresh the screen every interval until 'q'.
 * @fetch builds the text shown; returns the exit code. */
typedef int (*mon_fetch_fn)(struct mon_opts *o, GString *text);
int mon_interactive(struct mon_opts *o, mon_fetch_fn fetch);

#endif /* CRM_MON_H */
