/*
 * The values of corosync-cmapctl: type names ("u32", "str", ...), the
 * parsing of values given on the command line or in a -p file, and the
 * "key (type) = value" lines, all as corosync 3.1.7's tool has them.
 */
#ifndef CMAPCTL_VALUE_H
#define CMAPCTL_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <corosync/cmap.h>

/* The type called @name, or -1. */
int cmapctl_type_from_name(const char *name);

/* The name of @type ("u32"), or NULL for a type cmap does not have. */
const char *cmapctl_type_name(cmap_value_types_t type);

/* A parsed number, as cmap_set() wants it: @len bytes at @bytes. */
struct cmapctl_number {
	union {
		int8_t i8;
		uint8_t u8;
		int16_t i16;
		uint16_t u16;
		int32_t i32;
		uint32_t u32;
		int64_t i64;
		uint64_t u64;
		float flt;
		double dbl;
		unsigned char bytes[8];
	};
	size_t len;
};

enum cmapctl_parse_result {
	CMAPCTL_PARSED = 0,
	CMAPCTL_NOT_A_VALUE,  /* "%s is not valid %s type value" */
	CMAPCTL_OUT_OF_RANGE, /* "%s is not valid %s integer" */
};

/* Parse @text as a number of the numeric @type into @out, the way
 * corosync's tool does (scanf: leading blanks, trailing garbage and, for
 * unsigned types, a minus sign are accepted).  Strings and binaries are
 * not parsed here. */
enum cmapctl_parse_result cmapctl_parse_number(cmap_value_types_t type, const char *text,
					       struct cmapctl_number *out);

/* How cmapctl_print() shows a key. */
struct cmapctl_style {
	int show_binary; /* -b: binary values too */
	int quiet;       /* -q: the value alone */
};

/* Print the line of @key, whose value of @type is @len bytes at @value
 * (NULL: not read, only for BINARY), to @out:
 *   "key (u32) = 3000", with -q "3000";
 * a binary value only as "key (bin)" unless -b, which shows it with
 * unprintable bytes escaped as \xNN (sign-extended above 0x7e, as
 * corosync's tool does) and a backslash as \\.  With -q a binary key
 * still shows "bin)", as there. */
void cmapctl_print(FILE *out, const struct cmapctl_style *style, const char *key,
		   cmap_value_types_t type, const void *value, size_t len);

#endif /* CMAPCTL_VALUE_H */
