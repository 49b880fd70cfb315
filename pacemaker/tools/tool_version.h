/*
 * --version of the pacemaker tools: the pacemaker release whose behaviour
 * they follow, in pacemaker's words.
 */
#ifndef TOOL_VERSION_H
#define TOOL_VERSION_H

#include <stdio.h>

static inline void tool_print_version(FILE *out)
{
	fprintf(out, "Pacemaker %s\nWritten by the %s contributors\n", PCMK_COMPAT_VERSION,
		PACKAGE_NAME);
}

#endif /* TOOL_VERSION_H */
