/*
 * cib_load: time CIB modifications through the client library.
 *   cib_load COUNT [PREFIX]
 * Sends COUNT synchronous modify requests (each adds one nvpair to a
 * cluster_property_set named PREFIX) and prints
 *   updates=N seconds=S rate=R/s p50_ms=A p99_ms=B max_ms=C
 * The CIB is the daemon's, or a file when CIB_file is set.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <crm/cib.h>
#include <crm/common/log.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int modify_one(struct cib *cib, const char *prefix, long i)
{
	char text[512];
	xmlDoc *doc = NULL;
	struct cib_op_request req = { .op = CIB_OP_MODIFY,
				      .section = "crm_config",
				      .options = CIB_OPT_CAN_CREATE };
	int rc;

	snprintf(text, sizeof(text),
		 "<cluster_property_set id=\"%s\"><nvpair id=\"%s-%ld\" name=\"%s-%ld\" "
		 "value=\"%ld\"/></cluster_property_set>",
		 prefix, prefix, i, prefix, i, i);
	rc = pcmk_xml_parse(text, strlen(text), &doc, NULL);
	if (rc < 0) {
		return rc;
	}
	req.data = xmlDocGetRootElement(doc);
	rc = cib_request(cib, &req, 0, NULL, NULL);
	xmlFreeDoc(doc);
	return rc;
}

int main(int argc, char **argv)
{
	long count = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	const char *prefix = argc > 2 ? argv[2] : "load";
	struct cib *cib = NULL;
	double *lat, start, total;
	int rc;

	if (count <= 0) {
		fprintf(stderr, "usage: cib_load COUNT [PREFIX]\n");
		return PCMK_EX_USAGE;
	}
	pcmk_log_init_tool("cib_load", LOG_ERR);
	lat = calloc((size_t)count, sizeof(*lat));
	rc = lat != NULL ? cib_open("cib_load", false, &cib) : -ENOMEM;
	if (rc < 0) {
		fprintf(stderr, "cib_load: %s\n", pcmk_strerror(rc));
		free(lat);
		return pcmk_result_to_exit(rc);
	}
	start = now_s();
	for (long i = 0; i < count && rc == 0; i++) {
		double t = now_s();

		rc = modify_one(cib, prefix, i);
		lat[i] = (now_s() - t) * 1000.0;
	}
	total = now_s() - start;
	cib_close(cib);
	if (rc < 0) {
		fprintf(stderr, "cib_load: update failed: %s\n", pcmk_strerror(rc));
		free(lat);
		return pcmk_result_to_exit(rc);
	}
	qsort(lat, (size_t)count, sizeof(*lat), compare_doubles);
	printf("updates=%ld seconds=%.3f rate=%.0f/s p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", count,
	       total, (double)count / total, lat[count / 2], lat[(count * 99) / 100],
	       lat[count - 1]);
	free(lat);
	return 0;
}
