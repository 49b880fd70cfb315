# HA_EXPAND_PREFIXES
# Resolve prefix and exec_prefix so that HA_PATH can expand directory
# variables to absolute paths at configure time.
AC_DEFUN([HA_EXPAND_PREFIXES], [
    AS_IF([test "x$prefix" = xNONE], [prefix=$ac_default_prefix])
    AS_IF([test "x$exec_prefix" = xNONE], [exec_prefix='${prefix}'])
])

# HA_PATH(NAME, VALUE, DESCRIPTION)
# Expand VALUE (which may refer to ${prefix}, ${localstatedir}, earlier
# HA_PATH names...) to an absolute path, then publish it as NAME both in
# config.h and as a substitution for Makefiles and scripts.
AC_DEFUN([HA_PATH], [
    $1="$2"
    ha_path_guard=0
    while echo "[$]$1" | grep -q '\$'; do
        eval $1="\"[$]$1\""
        ha_path_guard=`expr $ha_path_guard + 1`
        AS_IF([test $ha_path_guard -gt 20],
              [AC_MSG_ERROR([cannot expand path $1=$2])])
    done
    AC_SUBST([$1])
    AC_DEFINE_UNQUOTED([$1], ["[$]$1"], [$3])
])
