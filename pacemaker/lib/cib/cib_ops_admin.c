/*
 * The operations on the CIB as a whole: erase, bump, upgrade, apply a
 * patch, sync.
 */
#include <errno.h>
#include <stdlib.h>

#include <crm/cib/patch.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

static xmlNode *scratch_root(const struct cib_op_ctx *ctx)
{
	return xmlDocGetRootElement(ctx->scratch);
}

/* Add one to counter @name of <cib> (a missing one becomes 1). */
static int add_one(xmlNode *cib, const char *name)
{
	long long value = 0;
	int rc = pcmk_xml_attr_int(cib, name, &value);

	if (rc < 0 && rc != -ENOENT) {
		return rc;
	}
	return pcmk_xml_set_attr_int(cib, name, rc == -ENOENT ? 1 : value + 1);
}

static int copy_attrs(xmlNode *to, const xmlNode *from)
{
	for (const xmlAttr *a = from->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;
		int rc = pcmk_xml_set_attr(to, name, pcmk_xml_attr(from, name));

		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

/* Empty sections, the <cib> attributes kept, admin_epoch + 1 so that the
 * empty CIB wins over every copy peers still hold. */
int cib_op_erase(struct cib_op_ctx *ctx)
{
	xmlDoc *empty = cib_new_empty();
	int rc;

	if (empty == NULL) {
		return cib_op_fail(ctx, -ENOMEM, "out of memory");
	}
	rc = copy_attrs(xmlDocGetRootElement(empty), scratch_root(ctx));
	rc = rc ?: add_one(xmlDocGetRootElement(empty), "admin_epoch");
	if (rc < 0) {
		xmlFreeDoc(empty);
		return cib_op_fail(ctx, rc, "cib_erase: %s", pcmk_strerror(rc));
	}
	xmlFreeDoc(ctx->scratch);
	ctx->scratch = empty;
	return 0;
}

int cib_op_bump(struct cib_op_ctx *ctx)
{
	int rc = add_one(scratch_root(ctx), "epoch");

	return rc < 0 ? cib_op_fail(ctx, rc, "cib_bump: epoch is not a number") : 0;
}

/* After a real upgrade pacemaker restarts the version at admin_epoch + 1,
 * epoch 1, num_updates 1; the pipeline then counts the change. */
static int restart_version(xmlNode *cib)
{
	int rc = add_one(cib, "admin_epoch");

	rc = rc ?: pcmk_xml_set_attr(cib, "epoch", "1");
	rc = rc ?: pcmk_xml_set_attr(cib, "num_updates", "1");
	return rc;
}

int cib_op_upgrade(struct cib_op_ctx *ctx)
{
	char *why = NULL;
	int rc = pcmk_schema_upgrade(&ctx->scratch, &why);

	if (rc == -PCMK_E_SCHEMA_UNCHANGED) {
		free(why);
		return 0; /* already the newest: nothing to do, not an error */
	}
	if (rc < 0) {
		cib_op_fail(ctx, rc, "cib_upgrade: %s", why != NULL ? why : pcmk_strerror(rc));
		free(why);
		return rc;
	}
	free(why);
	rc = restart_version(scratch_root(ctx));
	return rc < 0 ? cib_op_fail(ctx, rc, "cib_upgrade: %s", pcmk_strerror(rc)) : 0;
}

int cib_op_apply_diff(struct cib_op_ctx *ctx)
{
	char *why = NULL;
	int rc = cib_patch_apply(scratch_root(ctx), ctx->data, false, &why);

	if (rc < 0) {
		cib_op_fail(ctx, rc, "cib_apply_diff: %s", why != NULL ? why : pcmk_strerror(rc));
	}
	free(why);
	return rc;
}

/* Sync sends this node's CIB to the others; that is the daemon's part.
 * On the CIB itself there is nothing to do. */
int cib_op_sync(struct cib_op_ctx *ctx)
{
	(void)ctx;
	return 0;
}
