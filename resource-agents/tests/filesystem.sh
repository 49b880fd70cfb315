#!/bin/bash
# ocf:heartbeat:Filesystem in a private mount namespace (nothing mounted
# here is seen outside, and it all goes with the namespace): tmpfs, bind
# mounts, mounts below the mount point, busy file systems, and ext4 on a
# loop device when the host has loop devices.

# Run the whole file in a mount namespace of its own.
if [ -z "${RA_FS_PRIVATE:-}" ] && [ "$(id -u)" -eq 0 ] &&
	unshare --mount --propagation private true 2>/dev/null; then
	export RA_FS_PRIVATE=1
	exec unshare --mount --propagation private bash "$0" "$@"
fi
. "$(dirname "$0")/ralib.sh"
[ -n "${RA_FS_PRIVATE:-}" ] || skip_all "needs root and a private mount namespace (unshare --mount)"

mnt=$RA_STAGE/mnt
# unmount everything of ours before the stage is removed
unmount_all() {
	local m
	awk -v m="$RA_STAGE/" 'index($2, m) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$(printf '%b' "$m")"; done
}
ra_at_exit unmount_all

mounted() { awk -v d="$1" '$2 == d { f = 1 } END { exit !f }' /proc/mounts; }
unmounted() { ! mounted "$1"; }
fstype_of() { awk -v d="$1" '$2 == d { print $3 }' /proc/mounts; }
alive() { [ -n "$1" ] && [ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }

T=(device=tmpfs fstype=tmpfs directory="$mnt/t" options=size=1m)

# ------------------------------------------------------------ tmpfs
is_rc "meta-data" 0 Filesystem meta-data
is_rc "validate-all" 0 Filesystem validate-all "${T[@]}"
is_rc "probe of a stopped resource" 7 Filesystem monitor "${T[@]}"
is_rc "start" 0 Filesystem start "${T[@]}"
check "start creates the mount point and mounts it" mounted "$mnt/t"
check "as a tmpfs" test "$(fstype_of "$mnt/t")" = tmpfs
check "with the options" grep -q " $mnt/t tmpfs .*size=1024k" /proc/mounts
is_rc "start again" 0 Filesystem start "${T[@]}"
check "start again mounts nothing more" test "$(grep -c " $mnt/t " /proc/mounts)" -eq 1
is_rc "monitor" 0 Filesystem monitor "${T[@]}" CRM_meta_interval=20000
OCF_CHECK_LEVEL=10 is_rc "monitor depth 10 (no device to read)" 0 Filesystem monitor "${T[@]}"
OCF_CHECK_LEVEL=20 is_rc "monitor depth 20" 0 Filesystem monitor "${T[@]}"
check "depth 20 writes its status file" test -s "$mnt/t/.Filesystem_status/test-Filesystem_$(uname -n)"
OCF_CHECK_LEVEL=15 is_rc "unknown monitor depth" 6 Filesystem monitor "${T[@]}"
is_rc "monitor with a trailing slash on the directory" 0 Filesystem monitor \
	device=tmpfs fstype=tmpfs directory="$mnt/t/"
is_rc "stop" 0 Filesystem stop "${T[@]}"
check "stop unmounts" unmounted "$mnt/t"
is_rc "stop again" 0 Filesystem stop "${T[@]}"
is_rc "monitor after stop" 7 Filesystem monitor "${T[@]}" CRM_meta_interval=20000

# a space in the mount point (/proc/mounts writes it as \040)
W=(device=tmpfs fstype=tmpfs directory="$mnt/with space")
is_rc "start on a mount point with a space" 0 Filesystem start "${W[@]}"
check "it is mounted" grep -q " $mnt/with\\\\040space tmpfs" /proc/mounts
is_rc "monitor finds it" 0 Filesystem monitor "${W[@]}"
is_rc "stop" 0 Filesystem stop "${W[@]}"
is_rc "monitor after stop" 7 Filesystem monitor "${W[@]}"

# --------------------------------------------- mounts below, busy users
is_rc "start (for mounts below)" 0 Filesystem start "${T[@]}"
mkdir "$mnt/t/sub" && mount -t tmpfs tmpfs "$mnt/t/sub"
is_rc "stop with a file system mounted below" 0 Filesystem stop "${T[@]}"
check "both are unmounted" eval "unmounted '$mnt/t/sub' && unmounted '$mnt/t'"
mkdir -p "$mnt/t/sub" && mount -t tmpfs tmpfs "$mnt/t/sub"
is_rc "start over a mount below the mount point is refused" 6 Filesystem start "${T[@]}"
check "the reason names it" grep -q "ocf-exit-reason:$mnt/t/sub is already mounted below" "$RA_STDERR"
umount "$mnt/t/sub"

# busy_user: a process with its working directory in the file system
busy_user() {
	(cd "$mnt/t" && exec sleep 60) &
	busy=$!
	ra_at_exit "kill -KILL $busy"
	sleep 0.1
}
for mode in true safe; do
	is_rc "start (force_unmount=$mode)" 0 Filesystem start "${T[@]}"
	busy_user
	is_rc "stop of a busy file system, force_unmount=$mode" 0 Filesystem stop "${T[@]}" \
		force_unmount=$mode CRM_meta_timeout=6000
	check "the user was killed (force_unmount=$mode)" eval "! alive $busy"
	check "and the file system unmounted (force_unmount=$mode)" unmounted "$mnt/t"
	wait $busy 2>/dev/null
done
is_rc "start (force_unmount=false)" 0 Filesystem start "${T[@]}"
busy_user
is_rc "stop of a busy file system, force_unmount=false, fails" 1 Filesystem stop "${T[@]}" \
	force_unmount=false CRM_meta_timeout=2000
check "the user lives on" alive $busy
check "the reason names the mount point" grep -q "ocf-exit-reason:could not unmount $mnt/t " "$RA_STDERR"
kill $busy
wait $busy 2>/dev/null
is_rc "stop once the user is gone" 0 Filesystem stop "${T[@]}" force_unmount=false

# --------------------------------------------------------- bind mount
mkdir -p "$RA_STAGE/src" && echo bound >"$RA_STAGE/src/file"
B=(device="$RA_STAGE/src" directory="$mnt/b" fstype=none options=bind)
is_rc "start of a bind mount" 0 Filesystem start "${B[@]}"
check "the source is seen at the mount point" grep -q bound "$mnt/b/file"
is_rc "monitor of the bind mount" 0 Filesystem monitor "${B[@]}"
is_rc "stop of the bind mount" 0 Filesystem stop "${B[@]}"
check "the bind mount is gone" unmounted "$mnt/b"
check "its source is untouched" grep -q bound "$RA_STAGE/src/file"

# ------------------------------------------------ parameters, programs
is_rc "no device" 6 Filesystem validate-all directory="$mnt/t" fstype=tmpfs
check "the reason names device" grep -q "ocf-exit-reason:device is required" "$RA_STDERR"
is_rc "no directory" 6 Filesystem start device=tmpfs fstype=tmpfs
is_rc "relative directory" 6 Filesystem start device=tmpfs fstype=tmpfs directory=mnt/t
check "the reason names directory" grep -q "ocf-exit-reason:directory=mnt/t is not an absolute path" "$RA_STDERR"
is_rc "directory /" 6 Filesystem validate-all device=tmpfs fstype=tmpfs directory=/
is_rc "bad run_fsck" 6 Filesystem validate-all "${T[@]}" run_fsck=sometimes
check "the reason names run_fsck" grep -q "ocf-exit-reason:run_fsck=sometimes" "$RA_STDERR"
is_rc "unknown file system type" 5 Filesystem start device=x fstype=nosuchfs$$ directory="$mnt/x"
MOUNT=$RA_STAGE/no-mount is_rc "mount missing: start" 5 Filesystem start "${T[@]}"
check "the reason names the program" grep -q "ocf-exit-reason:$RA_STAGE/no-mount is not installed" "$RA_STDERR"
MOUNT=$RA_STAGE/no-mount is_rc "mount missing: probe" 7 Filesystem monitor "${T[@]}"
MOUNT=$RA_STAGE/no-mount is_rc "mount missing: stop of a stopped resource" 0 Filesystem stop "${T[@]}"
is_rc "missing block device" 5 Filesystem start device=/dev/no-such-disk-$$ fstype=ext4 directory="$mnt/x"
check "the reason names the device" grep -q "ocf-exit-reason:device=/dev/no-such-disk-$$: no such block device" "$RA_STDERR"
is_rc "ext4 as a clone is refused" 6 Filesystem start device=/dev/null fstype=ext4 directory="$mnt/x" \
	CRM_meta_clone_max=2
is_rc "unknown action" 3 Filesystem frobnicate "${T[@]}"

# ---------------------------------------------------- ext4 on a loop device
loop_test() {
	local img=$RA_STAGE/disk.img dev fsck_log=$RA_STAGE/fsck.log
	have() { command -v "$1" >/dev/null; }
	if ! have losetup || ! have mkfs.ext4 || ! grep -qw ext4 /proc/filesystems; then
		echo "# ext4 on a loop device skipped: losetup, mkfs.ext4 or ext4 support missing"
		return
	fi
	dd if=/dev/zero of="$img" bs=1M count=8 status=none && mkfs.ext4 -q -F "$img" || return
	if ! dev=$(losetup -f --show "$img" 2>/dev/null) || [ ! -b "$dev" ]; then
		echo "# ext4 on a loop device skipped: no free loop device"
		return
	fi
	ra_at_exit "losetup -d $dev"
	E=(device="$dev" fstype=ext4 directory="$mnt/e")
	# a recording fsck in front of the real one
	printf '#!/bin/sh\necho "$*" >>%s\nexec fsck "$@"\n' "$fsck_log" >"$RA_STAGE/fsck"
	chmod +x "$RA_STAGE/fsck"
	FSCK=$RA_STAGE/fsck is_rc "start of ext4 on $dev with run_fsck=force" 0 Filesystem start "${E[@]}" run_fsck=force
	check "fsck checked the device first" grep -q -- "-t ext4 -p $dev" "$fsck_log"
	check "ext4 is mounted" test "$(fstype_of "$mnt/e")" = ext4
	OCF_CHECK_LEVEL=10 is_rc "monitor depth 10 reads the device" 0 Filesystem monitor "${E[@]}"
	OCF_CHECK_LEVEL=20 is_rc "monitor depth 20 on ext4" 0 Filesystem monitor "${E[@]}"
	echo data >"$mnt/e/kept"
	OCF_CHECK_LEVEL=20 is_rc "stop of ext4" 0 Filesystem stop "${E[@]}"
	check "ext4 is unmounted" unmounted "$mnt/e"
	: >"$fsck_log"
	FSCK=$RA_STAGE/fsck is_rc "start again, run_fsck=auto" 0 Filesystem start "${E[@]}"
	check "auto runs no fsck on a journaling file system" test ! -s "$fsck_log"
	check "the data is still there" grep -q data "$mnt/e/kept"
	check "the depth 20 stop removed its status file" \
		test ! -e "$mnt/e/.Filesystem_status/test-Filesystem_$(uname -n)"
	is_rc "stop" 0 Filesystem stop "${E[@]}"
	FSCK=$RA_STAGE/no-fsck is_rc "fsck missing with run_fsck=force" 5 Filesystem start "${E[@]}" run_fsck=force
	check "and nothing was mounted" unmounted "$mnt/e"
}
loop_test

finish
