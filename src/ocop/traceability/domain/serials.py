"""Stamp serials: random, short enough to type, and checked before any database lookup.

A serial is 10 random symbols (50 bits, from the operating system's secure generator) followed by 2 check symbols,
in Crockford's base 32 (digits and capitals without I, L, O, U, so that nothing reads as another symbol). The check
symbols make the whole serial, read as a number in base 32, leave 1 when divided by the prime 1021 (the pure check
system of ISO/IEC 7064, with two check symbols): every single wrong symbol, every swap of two neighbours or of two
symbols one apart is caught, and a serial typed at random passes in about 1 case in 1,021. It is printed in three
groups of four (``7K3M-Q9XT-2BW4``); it is read back forgivingly (lower case, spaces, dashes, O for 0, I or L for 1).
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RADIX = len(ALPHABET)
MODULUS = 1021  # prime, below 32 * 32: the check value fits in two symbols
BODY_LENGTH = 10
LENGTH = BODY_LENGTH + 2
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _number(symbols: str) -> int:
    number = 0
    for symbol in symbols:
        number = number * RADIX + _VALUE[symbol]
    return number


def with_check(body: str) -> str:
    """The serial for this body: the body and its two check symbols."""
    check = (1 - _number(body) * RADIX * RADIX) % MODULUS
    return body + ALPHABET[check // RADIX] + ALPHABET[check % RADIX]


def new_serials(count: int) -> list[str]:
    """``count`` new serials, distinct among themselves (the database keeps them unique across all batches)."""
    serials: set[str] = set()
    while len(serials) < count:
        number = secrets.randbits(5 * BODY_LENGTH)
        body = "".join(ALPHABET[(number >> shift) & 31] for shift in range(5 * (BODY_LENGTH - 1), -1, -5))
        serials.add(with_check(body))
    return list(serials)


def normalise(raw: str | None) -> str | None:
    """The serial as stored, or None when what was typed or scanned cannot be one (wrong length, symbol or check)."""
    serial = "".join((raw or "").upper().replace("-", "").split()).translate(_MISREAD)
    if len(serial) != LENGTH or any(symbol not in _VALUE for symbol in serial):
        return None
    return serial if _number(serial) % MODULUS == 1 else None


def printed(serial: str) -> str:
    """As printed under the QR code: three groups of four."""
    return "-".join(serial[start : start + 4] for start in range(0, LENGTH, 4))
