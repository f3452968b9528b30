"""Who may export the national OCOP database: the provincial office and the administrator. What the export holds is
what the person sees (national.domain.export)."""

import rules

from ocop.accounts.rules import is_admin, is_province_office

rules.add_perm("national.export", is_admin | is_province_office)
