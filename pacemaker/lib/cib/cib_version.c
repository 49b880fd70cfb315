/*
 * The version triple of a CIB and pacemaker's rules for moving it.
 */
#include <errno.h>
#include <stdio.h>

#include <crm/cib/version.h>
#include <crm/common/xml.h>

static const char *const version_attrs[] = { "admin_epoch", "epoch", "num_updates" };

static long long *version_field(struct cib_version *v, size_t i)
{
	long long *fields[] = { &v->admin_epoch, &v->epoch, &v->num_updates };

	return fields[i];
}

int cib_version_get(const xmlNode *cib, struct cib_version *v)
{
	struct cib_version read = { 0, 0, 0 };

	if (!pcmk_xml_is(cib, "cib") || v == NULL) {
		return -EINVAL;
	}
	for (size_t i = 0; i < 3; i++) {
		long long *field = version_field(&read, i);
		int rc = pcmk_xml_attr_int(cib, version_attrs[i], field);

		if (rc == -ENOENT) {
			*field = 0;
		} else if (rc < 0 || *field < 0) {
			return -EINVAL;
		}
	}
	*v = read;
	return 0;
}

int cib_version_set(xmlNode *cib, const struct cib_version *v)
{
	struct cib_version copy;

	if (!pcmk_xml_is(cib, "cib") || v == NULL) {
		return -EINVAL;
	}
	copy = *v;
	for (size_t i = 0; i < 3; i++) {
		int rc = pcmk_xml_set_attr_int(cib, version_attrs[i], *version_field(&copy, i));

		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

int cib_version_compare(const struct cib_version *a, const struct cib_version *b)
{
	struct cib_version x = *a, y = *b;

	for (size_t i = 0; i < 3; i++) {
		long long l = *version_field(&x, i), r = *version_field(&y, i);

		if (l != r) {
			return l < r ? -1 : 1;
		}
	}
	return 0;
}

int cib_version_bump(xmlNode *cib, bool config_changed)
{
	struct cib_version v;
	int rc = cib_version_get(cib, &v);

	if (rc < 0) {
		return rc;
	}
	if (config_changed) {
		v.epoch++;
		v.num_updates = 0;
	} else {
		v.num_updates++;
	}
	return cib_version_set(cib, &v);
}

const char *cib_version_to_string(const struct cib_version *v, char *buf, size_t size)
{
	snprintf(buf, size, "%lld.%lld.%lld", v->admin_epoch, v->epoch, v->num_updates);
	return buf;
}
