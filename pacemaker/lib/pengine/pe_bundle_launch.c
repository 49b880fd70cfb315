/*
 * The command-line options a bundle's container agent starts a replica
 * with (its run_opts parameter): host name, environment for the
 * executor inside, network, storage mappings, port mappings, the user's
 * options and host entries for the other replicas.  The text must be
 * what pacemaker makes, since it is compared in the resource's digest.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "pe_bundle_private.h"
#include "pe_sched_private.h"

/* Where a guest's executor finds its key, and the parent of the
 * per-replica log directories mounted as the container's /var/log. */
#define BUNDLE_AUTHKEY "/etc/pacemaker/authkey"
#define BUNDLE_LOG_ROOT "/var/log/pacemaker/bundles"

struct launch_text {
	const struct pe_bundle_spec *spec;
	int replica;
	GString *opts;
	GString *mount_points;
	int volumes; /* rkt names its volumes */
};

struct launcher_syntax {
	const char *agent;
	const char *restart;  /* docker does not restart containers itself */
	const char *hostname; /* the option naming the container's host */
	const char *env;      /* the option setting one environment variable */
	void (*mount)(struct launch_text *t, const char *source, const char *target,
		      const char *options);
	void (*port)(struct launch_text *t, const char *ip, const char *port, const char *target);
};

static void v_mount(struct launch_text *t, const char *source, const char *target,
		    const char *options)
{
	g_string_append_printf(t->opts, " -v %s:%s", source, target);
	if (options != NULL) {
		g_string_append_printf(t->opts, ":%s", options);
	}
}

static void rkt_mount(struct launch_text *t, const char *source, const char *target,
		      const char *options)
{
	g_string_append_printf(t->opts, " --volume vol%d,kind=host,source=%s", t->volumes, source);
	if (options != NULL) {
		g_string_append_printf(t->opts, ",%s", options);
	}
	g_string_append_printf(t->opts, " --mount volume=vol%d,target=%s", t->volumes, target);
	t->volumes++;
}

static void p_port(struct launch_text *t, const char *ip, const char *port, const char *target)
{
	if (ip != NULL) {
		g_string_append_printf(t->opts, " -p %s:%s:%s", ip, port, target);
	} else {
		g_string_append_printf(t->opts, " -p %s:%s", port, target);
	}
}

static void rkt_port(struct launch_text *t, const char *ip, const char *port, const char *target)
{
	if (ip != NULL) {
		g_string_append_printf(t->opts, " --port=%s:%s:%s", target, ip, port);
	} else {
		g_string_append_printf(t->opts, " --port=%s:%s", target, port);
	}
}

static const struct launcher_syntax syntaxes[] = {
	{ "docker", " --restart=no", " -h ", " -e ", v_mount, p_port },
	{ "podman", "", " -h ", " -e ", v_mount, p_port },
	{ "rkt", "", " --hostname=", " --environment=", rkt_mount, rkt_port },
};

static const struct launcher_syntax *syntax_of(const char *agent)
{
	for (size_t i = 0; i < G_N_ELEMENTS(syntaxes); i++) {
		if (strcmp(syntaxes[i].agent, agent) == 0) {
			return &syntaxes[i];
		}
	}
	return &syntaxes[0];
}

static const char *network_attr(const struct pe_bundle_spec *spec, const char *name)
{
	return spec->network == NULL ? NULL : pcmk_xml_attr(spec->network, name);
}

/* A mapping whose source is a root gets a directory per replica there. */
static void one_mount(struct launch_text *t, const struct launcher_syntax *syn, const char *source,
		      bool per_replica, const char *target, const char *options)
{
	char *dir = per_replica ? g_strdup_printf("%s/%s-%d", source, t->spec->id, t->replica)
				: g_strdup(source);

	if (per_replica) {
		if (t->mount_points->len > 0) {
			g_string_append_c(t->mount_points, ',');
		}
		g_string_append(t->mount_points, dir);
	}
	syn->mount(t, dir, target, options);
	g_free(dir);
}

static void mounts(struct launch_text *t, const struct launcher_syntax *syn)
{
	for (xmlNode *m = pcmk_xml_first_child(t->spec->storage, "storage-mapping"); m != NULL;
	     m = pcmk_xml_next(m, true)) {
		const char *root = pcmk_xml_attr(m, "source-dir-root");
		const char *source = root != NULL ? root : pcmk_xml_attr(m, "source-dir");
		const char *target = pcmk_xml_attr(m, "target-dir");

		if (source != NULL && target != NULL) {
			one_mount(t, syn, source, root != NULL, target,
				  pcmk_xml_attr(m, "options"));
		}
	}
	if (t->spec->primitive != NULL) {
		one_mount(t, syn, BUNDLE_AUTHKEY, false, BUNDLE_AUTHKEY, NULL);
		one_mount(t, syn, BUNDLE_LOG_ROOT, true, "/var/log", NULL);
	}
}

/* Ports are mapped on the replica's address; with the host's network
 * there is nothing to map. */
static void ports(struct launch_text *t, const struct launcher_syntax *syn, const char *ip)
{
	const char *net = pcmk_xml_attr(t->spec->launcher, "network");

	if (ip == NULL && g_strcmp0(net, "host") == 0) {
		return;
	}
	for (xmlNode *p = pcmk_xml_first_child(t->spec->network, "port-mapping"); p != NULL;
	     p = pcmk_xml_next(p, true)) {
		const char *port = pcmk_xml_attr(p, "port");
		const char *internal = pcmk_xml_attr(p, "internal-port");

		if (port == NULL) {
			port = pcmk_xml_attr(p, "range");
			internal = port;
		}
		if (port != NULL) {
			syn->port(t, ip, port, internal != NULL ? internal : port);
		}
	}
	if (t->spec->primitive != NULL) {
		syn->port(t, ip, t->spec->control_port, t->spec->control_port);
	}
}

/* " --add-host=NAME-i:ADDR" for every replica, so that they find each
 * other by name. */
static void host_entries(struct launch_text *t)
{
	const char *add = network_attr(t->spec, "add-host");

	g_string_append_c(t->opts, ' ');
	if (add != NULL && !pe_text_is_true(add)) {
		return;
	}
	for (int i = 0; i < t->spec->replicas; i++) {
		char *ip = pe_bundle_replica_ip(t->spec, i);

		if (ip != NULL) {
			g_string_append_printf(t->opts, " --add-host=%s-%d:%s", t->spec->id, i, ip);
		}
		g_free(ip);
	}
}

char *pe_bundle_run_opts(const struct pe_bundle_spec *spec, int i, char **mount_points)
{
	const struct launcher_syntax *syn = syntax_of(spec->agent);
	struct launch_text t = { spec, i, g_string_new(syn->restart), g_string_new(NULL), 0 };
	char *ip = pe_bundle_replica_ip(spec, i);
	const char *net = pcmk_xml_attr(spec->launcher, "network");
	const char *options = pcmk_xml_attr(spec->launcher, "options");

	if (ip != NULL) {
		g_string_append_printf(t.opts, "%s%s-%d", syn->hostname, spec->id, i);
	}
	g_string_append_printf(t.opts, "%sPCMK_stderr=1", syn->env);
	if (net != NULL) {
		g_string_append_printf(t.opts, " --net=%s", net);
	}
	g_string_append_printf(t.opts, "%sPCMK_remote_port=%s", syn->env, spec->control_port);
	mounts(&t, syn);
	ports(&t, syn, ip);
	if (options != NULL) {
		g_string_append_printf(t.opts, " %s", options);
	}
	host_entries(&t);
	g_free(ip);
	*mount_points = g_string_free(t.mount_points, FALSE);
	return g_string_free(t.opts, FALSE);
}
