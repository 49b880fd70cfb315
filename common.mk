# Included by every Makefile.am that compiles C.
# File names in log lines are relative to the source folder, not the build.
AM_CFLAGS = $(WARN_CFLAGS) -fmacro-prefix-map=$(srcdir)/=
AM_CPPFLAGS = -include $(top_builddir)/config.h

# Unit tests are cmocka programs printing TAP.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = CMOCKA_MESSAGE_OUTPUT=TAP; export CMOCKA_MESSAGE_OUTPUT;
