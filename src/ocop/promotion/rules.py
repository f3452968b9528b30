"""Who may do what with trade promotion. Which records a user sees is decided by promotion.domain.queries.

Sales points and fairs are kept by the provincial OCOP office and the departments that own those tasks of the plan
(Industry and Trade, the trade-promotion centre); every officer reads them. A producer reads the fairs, registers its
own certified products for them, and answers the buyer inquiries routed to it; an officer may register a product for
its producer. The office and the departments read every inquiry with the response rates."""

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

rules.add_perm("promotion.view_sales_points", officers)
rules.add_perm("promotion.manage_sales_points", keepers)
rules.add_perm("promotion.view_fairs", officers | is_producer)
rules.add_perm("promotion.manage_fairs", keepers)
rules.add_perm("promotion.register_for_fairs", keepers | is_producer)
rules.add_perm("promotion.view_inquiries", keepers | is_producer)
rules.add_perm("promotion.view_all_inquiries", keepers)
rules.add_perm("promotion.answer_inquiries", is_producer)
