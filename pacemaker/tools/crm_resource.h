/*
 * crm_resource: show and change resources in the CIB, with pacemaker
 * 2.1.5's flags, output and exit codes.  Each command is one function in
 * its own file; main() reads the CIB once, unpacks it with libpengine and
 * runs the command chosen on the command line.
 */
#ifndef CRM_RESOURCE_H
#define CRM_RESOURCE_H

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/common/results.h>

struct cib;
struct pe_cluster;
struct pe_resource;

enum rsc_cmd {
	RSC_CMD_LIST, /* the default */
	RSC_CMD_LIST_RAW,
	RSC_CMD_LOCATE,
	RSC_CMD_QUERY_XML,
	RSC_CMD_QUERY_XML_RAW,
	RSC_CMD_GET_PARAM,
	RSC_CMD_SET_PARAM,
	RSC_CMD_DEL_PARAM,
	RSC_CMD_DELETE,
	RSC_CMD_MOVE,
	RSC_CMD_BAN,
	RSC_CMD_CLEAR,
	RSC_CMD_CLEANUP,
	RSC_CMD_WHY,
	RSC_CMD_LIST_STANDARDS,
	RSC_CMD_LIST_PROVIDERS,
	RSC_CMD_LIST_AGENTS,
	RSC_CMD_LIST_ALTERNATIVES,
	RSC_CMD_METADATA,
	RSC_CMD_FORCE_START,
	RSC_CMD_FORCE_STOP,
	RSC_CMD_FORCE_CHECK,
	RSC_CMD_FORCE_PROMOTE,
	RSC_CMD_FORCE_DEMOTE,
	RSC_CMD_COUNT
};

/* Which attribute sets -p/-g/-d work on. */
enum rsc_attr_kind { RSC_ATTR_INSTANCE, RSC_ATTR_META, RSC_ATTR_UTILIZATION };

struct rsc_opts {
	enum rsc_cmd cmd;
	enum rsc_attr_kind attr_kind;
	const char *rsc_id;      /* -r */
	const char *node;        /* -N */
	const char *param;       /* -p/-g/-d NAME */
	const char *value;       /* -v */
	const char *lifetime;    /* -u */
	const char *set_name;    /* -s */
	const char *nvpair_id;   /* -i */
	const char *rsc_type;    /* -t */
	const char *operation;   /* -n */
	const char *interval;    /* -I */
	const char *agent_spec;  /* --list-agents, --show-metadata, ... */
	const char *check_level; /* --force-check=LEVEL */
	const char *timeout;     /* -T */
	const char *output_as;   /* --output-as (text only) */
	bool force;              /* -f */
	bool quiet;              /* -Q */
	bool promoted;           /* --promoted / --master */
	bool expired;            /* -e */
	bool help;
	bool version;
	int verbose;
	int commands; /* how many command options were given */
};

/* Parse the command line into @o (pointing into @argv).  Returns 0, or -1
 * after printing what is wrong to stderr (exit 64). */
int rsc_opts_parse(int argc, char **argv, struct rsc_opts *o);

/* The --help text. */
void rsc_usage(FILE *out);

/* What a command works on.  The command's result is an exit code; when it
 * fails with words to say, it puts them in @msg, and main prints them as
 * pacemaker's tool does. */
struct rsc_ctx {
	const struct rsc_opts *o;
	struct cib *cib;
	xmlDoc *doc;                /* the CIB as read */
	struct pe_cluster *cluster; /* unpacked from @doc */
	struct pe_resource *rsc;    /* -r, when given and found */
	GString *msg;               /* error words for main to print */
};

/* Commands (one per file).  Each returns the tool's exit code. */
enum pcmk_exit rsc_cmd_list(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_list_raw(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_locate(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_query_xml(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_get_param(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_set_param(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_del_param(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_delete(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_move(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_ban(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_clear(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_cleanup(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_why(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_list_standards(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_list_providers(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_list_agents(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_list_alternatives(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_metadata(struct rsc_ctx *ctx);
enum pcmk_exit rsc_cmd_force(struct rsc_ctx *ctx);

/* Shared helpers (crm_resource_util.c). */

/* The resource -r names: a resource id, a clone instance id, or the id
 * of an anonymous clone's member (its first instance then).  NULL when
 * there is none. */
struct pe_resource *rsc_lookup(const struct pe_cluster *c, const char *id);

/* The outermost collective @rsc belongs to (itself at the top). */
struct pe_resource *rsc_top(struct pe_resource *rsc);

/* The nodes @rsc is active on, for --locate and its checks (a clone: every
 * instance's), as struct pe_node * in the order pacemaker prints them;
 * free with g_ptr_array_free(.., TRUE). */
GPtrArray *rsc_active_nodes(const struct pe_resource *rsc);

/* Instance attributes of @rsc with those of the collectives around it
 * (its own win), name -> value; free with g_hash_table_destroy(). */
GHashTable *rsc_instance_params(const struct pe_cluster *c, const struct pe_resource *rsc);

/* The definition of @rsc in the configuration (for an instance, its
 * member's), or NULL. */
xmlNode *rsc_config_xml(const struct rsc_ctx *ctx, const struct pe_resource *rsc);

/* Send one change to the CIB; returns 0 or the library's negative result
 * (and says why in ctx->msg). */
int rsc_cib_change(struct rsc_ctx *ctx, int op, const char *section, const xmlNode *data,
		   const char *xpath);

/* Print "Resource checks" lines (crm_resource_why.c): why @rsc may stay
 * stopped or unmanaged, as pacemaker's tool says it after --why and
 * --cleanup. */
void rsc_print_checks(const struct pe_resource *rsc);

#endif /* CRM_RESOURCE_H */
