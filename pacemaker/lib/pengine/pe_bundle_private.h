/*
 * Bundles inside lib/pengine: the settings read from a <bundle> element
 * and the resource definitions made from them (pe_bundle_xml.c), which
 * pe_unpack_bundle.c turns into resources.
 */
#ifndef PE_BUNDLE_PRIVATE_H
#define PE_BUNDLE_PRIVATE_H

#include <stdbool.h>
#include <libxml/tree.h>

#include <crm/pengine/status.h>

/* The port a guest node's executor listens on unless control-port says. */
#define PE_BUNDLE_REMOTE_PORT "3121"

struct pe_bundle_spec {
	xmlNode *xml;
	const char *id;
	const char *agent;  /* the launcher element's name: docker, podman, rkt */
	xmlNode *launcher;  /* that element */
	xmlNode *network;   /* <network>, or NULL */
	xmlNode *storage;   /* <storage>, or NULL */
	xmlNode *primitive; /* the bundled primitive, or NULL */
	const char *image;
	const char *control_port;
	int replicas;
	int replicas_per_host;
	int promoted_max;
};

/* Read @xml (a <bundle>) into @spec, which points into @xml.  Returns 0,
 * or -EINVAL (no id, no launcher element or no image). */
int pe_bundle_spec_read(xmlNode *xml, struct pe_bundle_spec *spec);

/* The address of replica @i from ip-range-start (IPv4), or NULL without a
 * range or past its end; caller frees. */
char *pe_bundle_replica_ip(const struct pe_bundle_spec *spec, int i);

/* The ids made for replica @i; caller frees. */
char *pe_bundle_container_id(const struct pe_bundle_spec *spec, int i);
char *pe_bundle_remote_id(const struct pe_bundle_spec *spec, int i);
char *pe_bundle_ip_id(const struct pe_bundle_spec *spec, const char *ipaddr);

/* The element <bundle id=...> holding, replica by replica, the IP,
 * container and connection primitives of @spec, then the clone of its
 * primitive, added under @parent.  Returns that element. */
xmlNode *pe_bundle_xml_build(const struct pe_bundle_spec *spec, xmlNode *parent);

/* The launcher's run options for replica @i (pe_bundle_launch.c): the
 * container's run_opts, and in *@mount_points (caller frees both) the
 * per-replica host directories it mounts, comma-separated. */
char *pe_bundle_run_opts(const struct pe_bundle_spec *spec, int i, char **mount_points);

#endif /* PE_BUNDLE_PRIVATE_H */
