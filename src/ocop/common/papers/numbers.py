"""Numbers and dates written the Vietnamese way in documents, whatever the screen language: 1.234.567,5 and
21/02/2024."""

import datetime
from decimal import ROUND_HALF_UP, Decimal


def vi_number(value, places: int | None = None) -> str:
    """1234567.5 → "1.234.567,5". ``places`` fixes the number of decimals; without it whole numbers print without
    decimals and others with the decimals they have (trailing zeros dropped)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if places is None:
        places = 0 if number == number.to_integral_value() else max(-number.normalize().as_tuple().exponent, 0)
    quantised = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if quantised < 0 else ""
    text = f"{abs(quantised):f}"
    whole, _dot, decimals = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if decimals and places:
        result += "," + decimals
    return sign + result


def vi_day(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value:%d/%m/%Y}"
