/*
 * Who may talk to the cluster's daemons: root, the cluster's account and
 * the members of its group.
 */
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <crm/common/ipc.h>

/* Whether the user @uid (primary group @gid) is in group @group. */
static bool user_in_group(uid_t uid, gid_t gid, const char *group)
{
	struct group *gr = getgrnam(group);
	struct passwd *pw;
	gid_t groups[256];
	int n = 256;

	if (gr == NULL) {
		return false;
	}
	if (gid == gr->gr_gid) {
		return true;
	}
	pw = getpwuid(uid);
	if (pw == NULL || getgrouplist(pw->pw_name, gid, groups, &n) < 0) {
		return false;
	}
	for (int i = 0; i < n; i++) {
		if (groups[i] == gr->gr_gid) {
			return true;
		}
	}
	return false;
}

bool pcmk_ipc_cluster_user(uid_t uid, gid_t gid)
{
	struct passwd *pw = getpwnam(CLUSTER_USER);

	return uid == 0 || (pw != NULL && pw->pw_uid == uid) ||
	       user_in_group(uid, gid, CLUSTER_GROUP);
}
