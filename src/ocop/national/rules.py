"""Who may export the national OCOP database: the provincial office and the administrator. What the export holds is
what the person sees (national.domain.export). The national view (every province's certified products, counted) is
the Ministry's coordination office's and the administrator's."""

import rules

from ocop.accounts.rules import is_admin, is_ministry_office, is_province_office

rules.add_perm("national.export", is_admin | is_province_office)
rules.add_perm("national.view_overview", is_admin | is_ministry_office)
