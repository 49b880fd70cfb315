/*
 * corosync-cmapctl's value types, parsing and printing.
 */
#include <inttypes.h>
#include <string.h>

#include "cmapctl_value.h"

struct type_desc {
	const char *name;
	cmap_value_types_t type;
	int is_signed;
	int64_t min;
	uint64_t max;
};

/* In the order corosync's tool lists them; min/max bound the integers. */
static const struct type_desc types[] = {
	{ "i8", CMAP_VALUETYPE_INT8, 1, INT8_MIN, INT8_MAX },
	{ "u8", CMAP_VALUETYPE_UINT8, 0, 0, UINT8_MAX },
	{ "i16", CMAP_VALUETYPE_INT16, 1, INT16_MIN, INT16_MAX },
	{ "u16", CMAP_VALUETYPE_UINT16, 0, 0, UINT16_MAX },
	{ "i32", CMAP_VALUETYPE_INT32, 1, INT32_MIN, INT32_MAX },
	{ "u32", CMAP_VALUETYPE_UINT32, 0, 0, UINT32_MAX },
	{ "i64", CMAP_VALUETYPE_INT64, 1, INT64_MIN, INT64_MAX },
	{ "u64", CMAP_VALUETYPE_UINT64, 0, 0, UINT64_MAX },
	{ "flt", CMAP_VALUETYPE_FLOAT, 0, 0, 0 },
	{ "dbl", CMAP_VALUETYPE_DOUBLE, 0, 0, 0 },
	{ "str", CMAP_VALUETYPE_STRING, 0, 0, 0 },
	{ "bin", CMAP_VALUETYPE_BINARY, 0, 0, 0 },
};

#define N_TYPES (sizeof(types) / sizeof(types[0]))

static const struct type_desc *desc_of(cmap_value_types_t type)
{
	for (size_t i = 0; i < N_TYPES; i++) {
		if (types[i].type == type) {
			return &types[i];
		}
	}
	return NULL;
}

int cmapctl_type_from_name(const char *name)
{
	for (size_t i = 0; name != NULL && i < N_TYPES; i++) {
		if (strcmp(name, types[i].name) == 0) {
			return (int)types[i].type;
		}
	}
	return -1;
}

const char *cmapctl_type_name(cmap_value_types_t type)
{
	const struct type_desc *d = desc_of(type);

	return d != NULL ? d->name : NULL;
}

/* The integer in @text into @out (@len bytes), checked against @d. */
static enum cmapctl_parse_result parse_integer(const struct type_desc *d, const char *text,
					       struct cmapctl_number *out)
{
	int64_t s;
	uint64_t u;

	if (d->is_signed) {
		if (sscanf(text, "%" SCNd64, &s) != 1) {
			return CMAPCTL_NOT_A_VALUE;
		}
		if (s < d->min || (s > 0 && (uint64_t)s > d->max)) {
			return CMAPCTL_OUT_OF_RANGE;
		}
		u = (uint64_t)s;
	} else {
		if (sscanf(text, "%" SCNu64, &u) != 1) {
			return CMAPCTL_NOT_A_VALUE;
		}
		if (u > d->max) {
			return CMAPCTL_OUT_OF_RANGE;
		}
	}
	/* Little-endian: the low bytes of the 64-bit value are the value. */
	out->u64 = u;
	return CMAPCTL_PARSED;
}

static size_t size_of(cmap_value_types_t type)
{
	switch (type) {
	case CMAP_VALUETYPE_INT8:
	case CMAP_VALUETYPE_UINT8:
		return 1;
	case CMAP_VALUETYPE_INT16:
	case CMAP_VALUETYPE_UINT16:
		return 2;
	case CMAP_VALUETYPE_INT32:
	case CMAP_VALUETYPE_UINT32:
	case CMAP_VALUETYPE_FLOAT:
		return 4;
	default:
		return 8;
	}
}

enum cmapctl_parse_result cmapctl_parse_number(cmap_value_types_t type, const char *text,
					       struct cmapctl_number *out)
{
	const struct type_desc *d = desc_of(type);

	memset(out, 0, sizeof(*out));
	if (d == NULL || text == NULL || type == CMAP_VALUETYPE_STRING ||
	    type == CMAP_VALUETYPE_BINARY) {
		return CMAPCTL_NOT_A_VALUE;
	}
	out->len = size_of(type);
	if (type == CMAP_VALUETYPE_FLOAT) {
		return sscanf(text, "%f", &out->flt) == 1 ? CMAPCTL_PARSED : CMAPCTL_NOT_A_VALUE;
	}
	if (type == CMAP_VALUETYPE_DOUBLE) {
		return sscanf(text, "%lf", &out->dbl) == 1 ? CMAPCTL_PARSED : CMAPCTL_NOT_A_VALUE;
	}
	return parse_integer(d, text, out);
}

static void print_binary(FILE *out, const char *value, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = value[i];
		if (c >= ' ' && c < 0x7f && c != '\\') {
			fputc(c, out);
		} else if (c == '\\') {
			fputs("\\\\", out);
		} else {
			fprintf(out, "\\x%02X", (unsigned int)(int)c);
		}
	}
}

/* A number of @type stored in the @len bytes at @value, printed as
 * corosync's tool does. */
static void print_number(FILE *out, cmap_value_types_t type, const void *value, size_t len)
{
	struct cmapctl_number n;
	size_t size = size_of(type);

	memset(&n, 0, sizeof(n));
	memcpy(n.bytes, value, len < size ? len : size);
	switch (type) {
	case CMAP_VALUETYPE_INT8:
		fprintf(out, "%" PRId8, n.i8);
		break;
	case CMAP_VALUETYPE_UINT8:
		fprintf(out, "%" PRIu8, n.u8);
		break;
	case CMAP_VALUETYPE_INT16:
		fprintf(out, "%" PRId16, n.i16);
		break;
	case CMAP_VALUETYPE_UINT16:
		fprintf(out, "%" PRIu16, n.u16);
		break;
	case CMAP_VALUETYPE_INT32:
		fprintf(out, "%" PRId32, n.i32);
		break;
	case CMAP_VALUETYPE_UINT32:
		fprintf(out, "%" PRIu32, n.u32);
		break;
	case CMAP_VALUETYPE_INT64:
		fprintf(out, "%" PRId64, n.i64);
		break;
	case CMAP_VALUETYPE_UINT64:
		fprintf(out, "%" PRIu64, n.u64);
		break;
	case CMAP_VALUETYPE_FLOAT:
		fprintf(out, "%f", n.flt);
		break;
	default:
		fprintf(out, "%f", n.dbl);
		break;
	}
}

void cmapctl_print(FILE *out, const struct cmapctl_style *style, const char *key,
		   cmap_value_types_t type, const void *value, size_t len)
{
	const struct type_desc *d = desc_of(type);

	if (!style->quiet) {
		fprintf(out, "%s (", key);
	}
	if (d == NULL) {
		/* corosync's tool prints nothing for a type it does not know. */
	} else if (type == CMAP_VALUETYPE_BINARY) {
		fputs("bin)", out);
		if (style->show_binary) {
			fputs(" = ", out);
			if (value != NULL) {
				print_binary(out, value, len);
			} else {
				fputs("*empty*", out);
			}
		}
	} else {
		if (!style->quiet) {
			fprintf(out, "%s) = ", d->name);
		}
		if (type == CMAP_VALUETYPE_STRING) {
			fprintf(out, "%.*s", (int)strnlen(value, len), (const char *)value);
		} else {
			print_number(out, type, value, len);
		}
	}
	fputc('\n', out);
}
