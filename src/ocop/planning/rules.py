"""Who may see and do what with plans. Plans are public administrative documents: every officer reads them. The
provincial office manages them; an agency's staff report the progress of the tasks their organisation leads and the
figures of the targets it owns; district and commune officers see the quotas of their units
(planning.domain.queries)."""

import rules

from ocop.accounts.rules import (
    is_admin,
    is_commune_officer,
    is_department_staff,
    is_district_officer,
    is_province_office,
)

office = is_admin | is_province_office
officers = office | is_department_staff | is_district_officer | is_commune_officer


@rules.predicate
def leads_task(user, task) -> bool:
    """The user works for one of the task's lead agencies (without a task: possibly, the task decides)."""
    if task is None:
        return True
    organisation_id = getattr(user, "organisation_id", None)
    return organisation_id is not None and any(org.pk == organisation_id for org in task.lead_agencies.all())


@rules.predicate
def owns_target(user, target) -> bool:
    """The user works for the agency that reports the target's figures."""
    if target is None:
        return True
    organisation_id = getattr(user, "organisation_id", None)
    return organisation_id is not None and target.owner_id == organisation_id


rules.add_perm("planning.view_plans", officers)
rules.add_perm("planning.manage_plans", office)
rules.add_perm("planning.close_period", office)
rules.add_perm("planning.update_task", office | (officers & leads_task))
rules.add_perm("planning.report_value", office | (officers & owns_target))
