/*
 * pcmk_ipc_cluster_user: root, the cluster's account and the members of
 * its group may use the cluster's daemons; nobody else.
 */
#include <grp.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <crm/common/ipc.h>

static void root_is_accepted(void **state)
{
	(void)state;
	assert_true(pcmk_ipc_cluster_user(0, 0));
}

static void cluster_account_and_group_are_accepted(void **state)
{
	struct passwd *pw = getpwnam(CLUSTER_USER);
	struct group *gr = getgrnam(CLUSTER_GROUP);

	(void)state;
	if (pw != NULL) {
		assert_true(pcmk_ipc_cluster_user(pw->pw_uid, pw->pw_gid));
	}
	if (gr != NULL) {
		/* any user whose primary group is the cluster's */
		assert_true(pcmk_ipc_cluster_user(65534, gr->gr_gid));
	}
}

static void others_are_refused(void **state)
{
	struct passwd *nobody = getpwnam("nobody");
	/* getpwnam()'s result is overwritten by the next look-up: copy it */
	uid_t uid = nobody == NULL ? 0 : nobody->pw_uid;
	gid_t gid = nobody == NULL ? 0 : nobody->pw_gid;

	(void)state;
	/* an unknown user with an unknown primary group */
	assert_false(pcmk_ipc_cluster_user(4000000, 4000000));
	if (nobody != NULL) {
		assert_false(pcmk_ipc_cluster_user(uid, gid));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(root_is_accepted),
		cmocka_unit_test(cluster_account_and_group_are_accepted),
		cmocka_unit_test(others_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
