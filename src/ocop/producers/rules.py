"""Who may read and write the registry. Which records they see is decided by producers.domain.queries."""

import rules

from ocop.accounts.rules import (
    is_admin,
    is_commune_officer,
    is_department_staff,
    is_district_officer,
    is_ministry_office,
    is_producer,
    is_province_office,
)

can_edit_area = is_admin | is_province_office | is_district_officer | is_commune_officer

# The Ministry's coordination office reads the registry records of the producers whose dossiers were sent up to it.
rules.add_perm("producers.view_registry", can_edit_area | is_department_staff | is_producer | is_ministry_office)
rules.add_perm("producers.add_producer", can_edit_area)
rules.add_perm("producers.change_producer", can_edit_area | is_producer)
rules.add_perm("producers.add_product", can_edit_area | is_producer)
rules.add_perm("producers.change_product", can_edit_area | is_producer)
rules.add_perm("producers.check_document", can_edit_area)
rules.add_perm("producers.view_craft_villages", can_edit_area | is_department_staff)
rules.add_perm("producers.manage_craft_villages", can_edit_area)
rules.add_perm("producers.import_registry", is_admin | is_province_office)
rules.add_perm("producers.decide_identity_change", is_admin | is_province_office)
