/*
 * For the differential test: a cibadmin command line run with our CIB
 * operations on a CIB file, the way the file backend runs it.
 */
#ifndef OPS_CIBADMIN_H
#define OPS_CIBADMIN_H

/* Run cibadmin-style arguments @argv (@argc of them, no program name;
 * -Q -C -M -R -D -E -B -P --upgrade, -o, -X, -x, -A, --allow-create,
 * --no-children, -e, -d, --force) on the CIB file @path, writing it back
 * when it changed.  *@out receives what cibadmin prints on stdout
 * (malloc'd, maybe empty).  Returns the exit code cibadmin ends with. */
int ops_cibadmin_run(const char *path, int argc, char **argv, char **out);

#endif /* OPS_CIBADMIN_H */
