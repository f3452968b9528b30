"""What the stamp register shows beside the criteria that ask for an electronic trace code.

QĐ 26/2026 asks for "mã truy xuất nguồn gốc điện tử" in some options of its sheets: criterion 2.3 (labelling) and 5.1
(the product story carried in the trace content) on the food, drink and herbal sheets, 2.2 on the craft sheets…
The criteria are found by what their options ask, by code in the sheet being scored, so a sheet without such a
criterion shows nothing. The evidence is the product's (traceability.domain.evidence): it is shown to the producer
scoring itself and to the council members, and never chooses an option.
"""

import datetime

from ocop.common.text import fold
from ocop.dossiers.models import Dossier
from ocop.evaluation.definitions import Sheet
from ocop.traceability.domain.evidence import TraceEvidence, trace_evidences

TRACE_CODE_WORDS = fold("truy xuất nguồn gốc điện tử")


def trace_criteria(sheet: Sheet) -> tuple[str, ...]:
    """The codes of the sheet's criteria one of whose options asks for an electronic trace code."""
    return tuple(
        leaf.code for leaf in sheet.leaves if any(TRACE_CODE_WORDS in fold(option.label) for option in leaf.options)
    )


def criterion_evidence(dossier: Dossier, sheet: Sheet, day: datetime.date) -> dict[str, TraceEvidence]:
    """The evidence to show beside each criterion of ``sheet`` asking for a trace code, by criterion code: none when
    the sheet asks for none (no query) or the dossier's product has no trace code on ``day`` (one query)."""
    codes = trace_criteria(sheet)
    if not codes:
        return {}
    evidence = trace_evidences([dossier.product_id], day).get(dossier.product_id)
    return dict.fromkeys(codes, evidence) if evidence else {}
