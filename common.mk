# Included by every Makefile.am that compiles C.
# File names in log lines are relative to the source folder, not the build.
AM_CFLAGS = $(WARN_CFLAGS) -fmacro-prefix-map=$(srcdir)/=
AM_CPPFLAGS = -include $(top_builddir)/config.h

# Unit tests are cmocka programs printing TAP.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = CMOCKA_MESSAGE_OUTPUT=TAP; export CMOCKA_MESSAGE_OUTPUT;

# make check-memcheck: the same unit tests under valgrind; any invalid access
# or definite leak fails the test.
VALGRIND_CMD = valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--error-exitcode=99 --suppressions=$(top_srcdir)/tests/valgrind.supp
check-memcheck:
	$(MAKE) $(AM_MAKEFLAGS) check LOG_COMPILER="env CHECK_UNDER_VALGRIND=1 $(LIBTOOL) --mode=execute $(VALGRIND_CMD)"
.PHONY: check-memcheck
