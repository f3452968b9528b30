"""Who may do what with a dossier. The dossier itself is always loaded through dossiers.domain.queries, which
already limits it to the user's area (or, for a producer account, to its own producer)."""

import rules

from ocop.accounts.domain.roles import ministry_takes_part
from ocop.accounts.rules import (
    is_admin,
    is_commune_officer,
    is_council_member,
    is_department_staff,
    is_district_officer,
    is_ministry_office,
    is_producer,
    is_province_office,
)
from ocop.dossiers.enums import DossierState, Level

can_edit_area = is_admin | is_province_office | is_district_officer | is_commune_officer


@rules.predicate
def is_editable(user, dossier) -> bool:
    return dossier is None or dossier.state in (DossierState.DRAFT, DossierState.SUPPLEMENT_REQUESTED)


@rules.predicate
def with_commune(user, dossier) -> bool:
    return dossier is None or (dossier.state == DossierState.SUBMITTED and dossier.current_level == Level.COMMUNE)


@rules.predicate
def with_evaluation_level(user, dossier) -> bool:
    return dossier is None or dossier.state == DossierState.FORWARDED


@rules.predicate
def evaluates_at_district(user, dossier) -> bool:
    return dossier is None or dossier.evaluation_level == Level.DISTRICT


@rules.predicate
def evaluates_at_province(user, dossier) -> bool:
    # Until the Ministry has an account in the deployment, the province also takes in the dossiers it sent to the
    # Ministry: it records the Ministry's council for them.
    if dossier is None:
        return True
    return dossier.evaluation_level == Level.PROVINCE or (
        dossier.evaluation_level == Level.CENTRAL and not ministry_takes_part()
    )


@rules.predicate
def evaluates_at_central(user, dossier) -> bool:
    return dossier is None or dossier.evaluation_level == Level.CENTRAL


commune_reviewer = is_admin | is_commune_officer | is_province_office
evaluation_officer = (
    is_admin
    | (is_district_officer & evaluates_at_district)
    | (is_province_office & evaluates_at_province)
    | (is_ministry_office & evaluates_at_central)
)

rules.add_perm(
    "dossiers.view_dossiers",
    can_edit_area | is_department_staff | is_producer | is_council_member | is_ministry_office,
)
rules.add_perm("dossiers.add_dossier", can_edit_area | is_producer)
rules.add_perm("dossiers.change_dossier", (can_edit_area | is_producer) & is_editable)
rules.add_perm("dossiers.review_at_commune", commune_reviewer & with_commune)
rules.add_perm("dossiers.decide_at_evaluation_level", evaluation_officer & with_evaluation_level)
# Whoever holds the dossier now: the commune reviewer while it is with the commune, the evaluation office after.
rules.add_perm("dossiers.review_here", (commune_reviewer & with_commune) | (evaluation_officer & with_evaluation_level))
rules.add_perm("dossiers.view_rounds", can_edit_area | is_department_staff | is_ministry_office)
rules.add_perm("dossiers.record_milestone", can_edit_area | is_producer)
rules.add_perm("dossiers.withdraw_dossier", can_edit_area | is_producer)
rules.add_perm("dossiers.receive_paper_dossier", can_edit_area)
