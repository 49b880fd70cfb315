/*
 * What each kind of resource does at each step of a run, in one place.
 */
#include "pe_sched_private.h"

void pe_rsc_create_actions(struct pe_resource *rsc)
{
	switch (rsc->variant) {
	case PE_GROUP:
		pe_group_create_actions(rsc);
		break;
	case PE_CLONE:
		pe_clone_create_actions(rsc);
		break;
	default:
		pe_primitive_create_actions(rsc);
		break;
	}
}

void pe_rsc_internal_constraints(struct pe_resource *rsc)
{
	switch (rsc->variant) {
	case PE_GROUP:
		pe_group_internal_constraints(rsc);
		break;
	case PE_CLONE:
		pe_clone_internal_constraints(rsc);
		break;
	default:
		pe_primitive_internal_constraints(rsc);
		break;
	}
}
