"""Who may do what with programme support. Which records a user sees is decided by support.domain.queries.

Training classes, IP support cases and the plan's funding are kept by the provincial OCOP office and the departments
that own those tasks of the plan (Science and Technology for marks, Industry and Trade for promotion money); every
officer reads classes and funding, IP cases and a producer's support those of the producers they see. A producer
account reads its own IP cases and the support it received."""

import rules

from ocop.accounts.rules import (
    is_admin,
    is_commune_officer,
    is_department_staff,
    is_district_officer,
    is_producer,
    is_province_office,
)

office = is_admin | is_province_office
keepers = office | is_department_staff
officers = keepers | is_district_officer | is_commune_officer

rules.add_perm("support.view_training", officers)
rules.add_perm("support.manage_training", keepers)
rules.add_perm("support.view_ip_cases", officers | is_producer)
rules.add_perm("support.manage_ip_cases", keepers)
rules.add_perm("support.view_funding", officers)
rules.add_perm("support.manage_funding", keepers)
rules.add_perm("support.view_producer_support", officers | is_producer)
rules.add_perm("support.manage_producer_support", keepers)
