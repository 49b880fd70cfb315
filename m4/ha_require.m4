# HA_REQUIRE_PKG(VAR, PKG-CONFIG-SPEC, DEBIAN-PACKAGE, RPM-PACKAGE)
# Find a pkg-config module or stop with one line naming the packages.
AC_DEFUN([HA_REQUIRE_PKG], [
    PKG_CHECK_MODULES([$1], [$2], [],
        [AC_MSG_ERROR([$2 not found: install $3 (Debian/Ubuntu) or $4 (RHEL/CentOS/Rocky)])])
])

# HA_REQUIRE_LIB(VAR, PKG-CONFIG-NAME, LIBRARY, HEADER, DEBIAN-PACKAGE, RPM-PACKAGE)
# As HA_REQUIRE_PKG, with a plain library check where no .pc file ships.
AC_DEFUN([HA_REQUIRE_LIB], [
    PKG_CHECK_MODULES([$1], [$2], [], [
        AC_CHECK_HEADER([$4], [],
            [AC_MSG_ERROR([$4 not found: install $5 (Debian/Ubuntu) or $6 (RHEL/CentOS/Rocky)])])
        AC_CHECK_LIB([$3], [main], [$1_LIBS="-l$3"],
            [AC_MSG_ERROR([lib$3 not found: install $5 (Debian/Ubuntu) or $6 (RHEL/CentOS/Rocky)])])
        AC_SUBST([$1_LIBS])
    ])
])
