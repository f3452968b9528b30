"""Who may do what with stamps. Which batches a user sees is decided by traceability.domain.queries (officers: the
producers of their area; producer accounts: their own)."""

import rules

from ocop.accounts.rules import (
    is_admin,
    is_commune_officer,
    is_department_staff,
    is_district_officer,
    is_producer,
    is_province_office,
)
from ocop.traceability.enums import BatchStatus

office = is_admin | is_province_office
area_editors = office | is_district_officer | is_commune_officer


@rules.predicate
def still_requested(user, batch) -> bool:
    """The batch still waits for the office's decision."""
    return batch is not None and batch.status == BatchStatus.REQUESTED


rules.add_perm("traceability.view_stamps", area_editors | is_department_staff | is_producer)
rules.add_perm("traceability.request_stamps", area_editors | is_producer)
rules.add_perm("traceability.decide_stamps", office)
rules.add_perm("traceability.decide_batch", office & still_requested)  # this batch, now: its page offers the decision
rules.add_perm("traceability.void_stamps", office | is_producer)
rules.add_perm("traceability.print_stamps", office | is_producer)

# Value-chain events: seen like the stamps; recorded by the producer (a cooperative for its member households) and
# the officers of its area; the office may capture events about things that are not the province's products.
rules.add_perm("traceability.view_events", area_editors | is_department_staff | is_producer)
rules.add_perm("traceability.record_events", area_editors | is_producer)
rules.add_perm("traceability.capture_any_event", office)

# The national traceability portal: where the products' records stand, seen by the office and the department's staff;
# changes looked for, records marked sent and answers recorded by the office.
rules.add_perm("traceability.view_portal", office | is_department_staff)
rules.add_perm("traceability.export_portal", office)
