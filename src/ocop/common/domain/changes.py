from django.db import models


def ensure_editable(values: dict, editable: tuple[str, ...]) -> None:
    """Only fields named in ``editable`` may be written: a typo or a forbidden field is a programming error."""
    unknown = set(values) - set(editable)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")


def apply_changes(instance: models.Model, changes: dict, editable: tuple[str, ...]) -> dict[str, str | None]:
    """Set the fields that really change and return them as text for the activity log."""
    ensure_editable(changes, editable)
    changed: dict[str, str | None] = {}
    for field, value in changes.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed[field] = None if value is None else str(value)
    return changed
