from django.db import models


def apply_changes(instance: models.Model, changes: dict, editable: tuple[str, ...]) -> dict[str, str | None]:
    """Set the fields that really change and return them as text for the activity log.

    Only fields named in ``editable`` may be changed: a typo or a forbidden field is a programming error.
    """
    unknown = set(changes) - set(editable)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed: dict[str, str | None] = {}
    for field, value in changes.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed[field] = None if value is None else str(value)
    return changed
