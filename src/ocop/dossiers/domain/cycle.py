"""Where a product stands in the yearly OCOP cycle, derived from its lifecycle state and cycle steps."""

from ocop.dossiers.enums import CycleStage, MilestoneKind
from ocop.producers.enums import ProductState


def cycle_stage(state: str, reached: set[str]) -> CycleStage | None:
    """``state`` from dossiers.domain.lifecycle.with_lifecycle; ``reached`` the MilestoneKinds the product has.

    A withdrawn product has left the cycle (None). A product whose certificate expired or was revoked falls back to
    the last step it reached before evaluation.
    """
    if state == ProductState.WITHDRAWN:
        return None
    if state == ProductState.CERTIFIED:
        return CycleStage.PROMOTION
    if state == ProductState.REGISTERED:
        return CycleStage.EVALUATION
    if MilestoneKind.IMPLEMENTATION_STARTED in reached:
        return CycleStage.IMPLEMENTATION
    if MilestoneKind.BUSINESS_PLAN_RECEIVED in reached:
        return CycleStage.BUSINESS_PLAN
    return CycleStage.IDEA
