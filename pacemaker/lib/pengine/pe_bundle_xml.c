/*
 * What a <bundle> stands for, written out as the resources a user could
 * have configured: per replica an IPaddr2 (with ip-range-start), the
 * container (the launcher's agent) and, when a primitive is bundled, the
 * connection to the replica's guest node; then the primitive cloned once
 * per replica (promotable with promoted-max).  The scheduler then treats
 * them as any other resources.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>

#include "pe_bundle_private.h"
#include "pe_sched_private.h"

static const char *const launchers[] = { "docker", "podman", "rkt" };

static int attr_int(const xmlNode *x, const char *name, int dflt)
{
	const char *v = x == NULL ? NULL : pcmk_xml_attr(x, name);

	return v == NULL ? dflt : pcmk_score_from_string(v);
}

static xmlNode *launcher_of(xmlNode *xml)
{
	for (size_t i = 0; i < G_N_ELEMENTS(launchers); i++) {
		xmlNode *x = pcmk_xml_first_child(xml, launchers[i]);

		if (x != NULL) {
			return x;
		}
	}
	return NULL;
}

int pe_bundle_spec_read(xmlNode *xml, struct pe_bundle_spec *spec)
{
	const char *port;
	int promoted;

	memset(spec, 0, sizeof(*spec));
	spec->xml = xml;
	spec->id = pcmk_xml_attr(xml, "id");
	spec->launcher = launcher_of(xml);
	if (spec->id == NULL || spec->launcher == NULL) {
		return -EINVAL;
	}
	spec->agent = (const char *)spec->launcher->name;
	spec->image = pcmk_xml_attr(spec->launcher, "image");
	spec->network = pcmk_xml_first_child(xml, "network");
	spec->storage = pcmk_xml_first_child(xml, "storage");
	spec->primitive = pcmk_xml_first_child(xml, "primitive");
	/* "masters" is the old name of promoted-max. */
	promoted = attr_int(spec->launcher, "masters", 0);
	spec->promoted_max = attr_int(spec->launcher, "promoted-max", promoted);
	spec->replicas = attr_int(spec->launcher, "replicas",
				  spec->promoted_max > 0 ? spec->promoted_max : 1);
	spec->replicas_per_host = attr_int(spec->launcher, "replicas-per-host", 1);
	port = spec->network == NULL ? NULL : pcmk_xml_attr(spec->network, "control-port");
	spec->control_port = port != NULL ? port : PE_BUNDLE_REMOTE_PORT;
	if (spec->replicas < 0) {
		spec->replicas = 0;
	}
	return spec->image == NULL ? -EINVAL : 0;
}

char *pe_bundle_replica_ip(const struct pe_bundle_spec *spec, int i)
{
	const char *start =
		spec->network == NULL ? NULL : pcmk_xml_attr(spec->network, "ip-range-start");
	unsigned int a, b, c, d;
	unsigned long long addr;
	char end;

	if (start == NULL || sscanf(start, "%u.%u.%u.%u%c", &a, &b, &c, &d, &end) != 4 || a > 255 ||
	    b > 255 || c > 255 || d > 255) {
		return NULL;
	}
	addr = ((unsigned long long)a << 24 | b << 16 | c << 8 | d) + (unsigned int)i;
	if (addr > 0xffffffffULL) {
		return NULL;
	}
	return g_strdup_printf("%llu.%llu.%llu.%llu", addr >> 24, (addr >> 16) & 255,
			       (addr >> 8) & 255, addr & 255);
}

char *pe_bundle_container_id(const struct pe_bundle_spec *spec, int i)
{
	return g_strdup_printf("%s-%s-%d", spec->id, spec->agent, i);
}

char *pe_bundle_remote_id(const struct pe_bundle_spec *spec, int i)
{
	return g_strdup_printf("%s-%d", spec->id, i);
}

char *pe_bundle_ip_id(const struct pe_bundle_spec *spec, const char *ipaddr)
{
	return g_strdup_printf("%s-ip-%s", spec->id, ipaddr);
}

static xmlNode *primitive_add(xmlNode *parent, const char *id, const char *provider,
			      const char *type)
{
	xmlNode *p = pcmk_xml_add_child(parent, "primitive");

	pcmk_xml_set_attr(p, "id", id);
	pcmk_xml_set_attr(p, "class", "ocf");
	pcmk_xml_set_attr(p, "provider", provider);
	pcmk_xml_set_attr(p, "type", type);
	return p;
}

static xmlNode *set_add(xmlNode *rsc, const char *element, const char *id)
{
	xmlNode *set = pcmk_xml_add_child(rsc, element);
	char *set_id = g_strdup_printf("%s-%s", id, element);

	pcmk_xml_set_attr(set, "id", set_id);
	g_free(set_id);
	return set;
}

/* The bundle's meta attributes hold for everything made for it. */
static void meta_copy(const struct pe_bundle_spec *spec, xmlNode *rsc)
{
	for (xmlNode *m = pcmk_xml_first_child(spec->xml, "meta_attributes"); m != NULL;
	     m = pcmk_xml_next(m, true)) {
		pcmk_xml_adopt(rsc, pcmk_xml_copy(m));
	}
}

static void monitor_add(xmlNode *rsc, const char *id, const char *interval, const char *timeout)
{
	xmlNode *ops = pcmk_xml_add_child(rsc, "operations");

	pe_xml_op_add(ops, id, "monitor", interval, timeout);
}

static void ip_build(const struct pe_bundle_spec *spec, const char *ipaddr, xmlNode *parent)
{
	char *id = pe_bundle_ip_id(spec, ipaddr);
	xmlNode *rsc = primitive_add(parent, id, "heartbeat", "IPaddr2");
	xmlNode *set = set_add(rsc, "instance_attributes", id);
	const char *nic = pcmk_xml_attr(spec->network, "host-interface");
	const char *mask = pcmk_xml_attr(spec->network, "host-netmask");

	pe_xml_nvpair_add(set, id, "ip", ipaddr);
	if (nic != NULL) {
		pe_xml_nvpair_add(set, id, "nic", nic);
	}
	pe_xml_nvpair_add(set, id, "cidr_netmask", mask != NULL ? mask : "32");
	meta_copy(spec, rsc);
	monitor_add(rsc, id, "60s", NULL);
	g_free(id);
}

/* The command run in the container: the guest's executor unless the user
 * names another. */
static const char *run_command(const struct pe_bundle_spec *spec)
{
	const char *cmd = pcmk_xml_attr(spec->launcher, "run-command");

	if (cmd == NULL && spec->primitive != NULL) {
		cmd = "/usr/sbin/pacemaker-remoted";
	}
	return cmd;
}

static void container_build(const struct pe_bundle_spec *spec, int i, xmlNode *parent)
{
	char *id = pe_bundle_container_id(spec, i);
	xmlNode *rsc = primitive_add(parent, id, "heartbeat", spec->agent);
	xmlNode *set = set_add(rsc, "instance_attributes", id);
	char *mount_points = NULL;
	char *opts = pe_bundle_run_opts(spec, i, &mount_points);

	pe_xml_nvpair_add(set, id, "image", spec->image);
	pe_xml_nvpair_add(set, id, "allow_pull", "true");
	pe_xml_nvpair_add(set, id, "force_kill", "false");
	pe_xml_nvpair_add(set, id, "reuse", "false");
	pe_xml_nvpair_add(set, id, "run_opts", opts);
	pe_xml_nvpair_add(set, id, "mount_points", mount_points);
	if (run_command(spec) != NULL) {
		pe_xml_nvpair_add(set, id, "run_cmd", run_command(spec));
	}
	/* The executor inside answers the cluster: the container only has
	 * to be there. */
	pe_xml_nvpair_add(set, id, "monitor_cmd", "/bin/true");
	meta_copy(spec, rsc);
	monitor_add(rsc, id, "60s", NULL);
	g_free(opts);
	g_free(mount_points);
	g_free(id);
}

/* The connection goes to the replica's address, or to the host running
 * the container ("#uname", resolved once that is known). */
static void remote_build(const struct pe_bundle_spec *spec, int i, const char *ipaddr,
			 xmlNode *parent)
{
	char *id = pe_bundle_remote_id(spec, i);
	char *container = pe_bundle_container_id(spec, i);
	xmlNode *rsc = primitive_add(parent, id, "pacemaker", "remote");
	xmlNode *meta = set_add(rsc, "meta_attributes", id);
	xmlNode *set = set_add(rsc, "instance_attributes", id);

	pe_xml_nvpair_add(meta, id, "container", container);
	pe_xml_nvpair_add(set, id, "addr", ipaddr != NULL ? ipaddr : "#uname");
	pe_xml_nvpair_add(set, id, "port", spec->control_port);
	meta_copy(spec, rsc);
	monitor_add(rsc, id, "30s", "30s");
	g_free(container);
	g_free(id);
}

static void clone_meta(const struct pe_bundle_spec *spec, xmlNode *clone, const char *id)
{
	xmlNode *set = set_add(clone, "meta_attributes", id);
	const char *notify = pe_xml_plain_meta(spec->primitive, "notify");
	char text[16];

	g_snprintf(text, sizeof(text), "%d", spec->replicas);
	pe_xml_nvpair_add(set, id, "clone-max", text);
	g_snprintf(text, sizeof(text), "%d", spec->replicas_per_host);
	pe_xml_nvpair_add(set, id, "clone-node-max", text);
	pe_xml_nvpair_add(set, id, "globally-unique",
			  spec->replicas_per_host > 1 ? "true" : "false");
	if (notify != NULL) {
		pe_xml_nvpair_add(set, id, "notify", notify);
	}
	if (spec->promoted_max > 0) {
		g_snprintf(text, sizeof(text), "%d", spec->promoted_max);
		pe_xml_nvpair_add(set, id, "promotable", "true");
		pe_xml_nvpair_add(set, id, "promoted-max", text);
	}
	meta_copy(spec, clone);
}

static void clone_build(const struct pe_bundle_spec *spec, xmlNode *parent)
{
	const char *kind = spec->promoted_max > 0 ? "master" : "clone";
	xmlNode *clone = pcmk_xml_add_child(parent, kind);
	char *id = g_strdup_printf("%s-%s", spec->id, kind);

	pcmk_xml_set_attr(clone, "id", id);
	clone_meta(spec, clone, id);
	pcmk_xml_adopt(clone, pcmk_xml_copy(spec->primitive));
	g_free(id);
}

xmlNode *pe_bundle_xml_build(const struct pe_bundle_spec *spec, xmlNode *parent)
{
	xmlNode *wrapper = pcmk_xml_add_child(parent, "bundle");

	pcmk_xml_set_attr(wrapper, "id", spec->id);
	for (int i = 0; i < spec->replicas; i++) {
		char *ipaddr = pe_bundle_replica_ip(spec, i);

		if (ipaddr != NULL) {
			ip_build(spec, ipaddr, wrapper);
		}
		container_build(spec, i, wrapper);
		if (spec->primitive != NULL) {
			remote_build(spec, i, ipaddr, wrapper);
		}
		g_free(ipaddr);
	}
	if (spec->primitive != NULL) {
		clone_build(spec, wrapper);
	}
	return wrapper;
}
