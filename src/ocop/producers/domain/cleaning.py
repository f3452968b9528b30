"""Input hygiene shared by the registry's domain functions: NFC text, trimmed identifiers, folded search names."""

from ocop.common.text import clean_text


def clean_values(values: dict, *, text_fields: tuple[str, ...], identifier_fields: tuple[str, ...] = ()) -> dict:
    """Text fields are NFC with single spaces; identifiers (numbers, codes) lose every space."""
    cleaned = dict(values)
    for field in text_fields:
        if field in cleaned:
            cleaned[field] = clean_text(cleaned[field])
    for field in identifier_fields:
        if field in cleaned:
            cleaned[field] = "".join(clean_text(cleaned[field]).split()).upper()
    return cleaned
