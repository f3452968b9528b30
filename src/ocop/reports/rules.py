"""Plan reports: every officer reads them (a draft shows live figures, an issued one its frozen figures); the
provincial office drafts, edits and issues them."""

import rules

from ocop.planning.rules import office, officers

rules.add_perm("reports.view_reports", officers)
rules.add_perm("reports.manage_reports", office)
