"""Vietnamese text helpers: NFC normalisation, accent folding for search, and Vietnamese alphabetical order."""

import functools
import unicodedata

# Marks that make a different letter in the Vietnamese alphabet (ă â ê ô ơ ư); tone marks are only a secondary key.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tone order as dictionaries list it: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}


def nfc(value: str) -> str:
    """Normalise to NFC: text typed on Windows, macOS and phones arrives in different forms."""
    return unicodedata.normalize("NFC", value)


def clean_text(value: str | None) -> str:
    """NFC, trimmed, inner whitespace collapsed: what every text input is stored as."""
    if not value:
        return ""
    return " ".join(nfc(value).split())


def clean_lines(value: str | None) -> str:
    """A text written one item a line (reasons, what is missing): each line cleaned, empty lines dropped."""
    return "\n".join(line for line in (clean_text(line) for line in (value or "").splitlines()) if line)


def fold(value: str | None) -> str:
    """Lowercase, drop every diacritic and map đ to d: "Nước mắm Đông Hải" -> "nuoc mam dong hai"."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


@functools.cache  # a few hundred characters ever occur
def _letter_and_tone(char: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", char.lower())
    base = "".join(ch for ch in decomposed if ch not in _TONE_ORDER)
    tone = next((_TONE_ORDER[ch] for ch in decomposed if ch in _TONE_ORDER), 0)
    letter = unicodedata.normalize("NFC", base)
    rank = _LETTER_RANK.get(letter)
    if rank is None:
        # Digits, punctuation and foreign letters sort before the alphabet by their code point.
        return (ord(letter[0]) - 0x110000 if letter else 0, tone)
    return (rank, tone)


# SQLite sorts with vi_compare, called for every comparison (n log n per sorted list): the keys are kept.
@functools.lru_cache(maxsize=100_000)
def vi_sort_key(value: str | None) -> tuple:
    """A key that orders strings as a Vietnamese dictionary does: A Ă Â B C D Đ E Ê … with tones second."""
    text = nfc(value or "")
    pairs = [_letter_and_tone(ch) for ch in text]
    return (tuple(p[0] for p in pairs), tuple(p[1] for p in pairs), text)


def vi_compare(left: str | None, right: str | None) -> int:
    a, b = vi_sort_key(left), vi_sort_key(right)
    return (a > b) - (a < b)
