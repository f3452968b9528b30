"""Serials: random, unique, and checked before the database: every single wrong symbol and every swap of two
neighbours (or of two symbols one apart) is refused, and random strings almost never pass."""

import random

from hypothesis import given
from hypothesis import strategies as st

from ocop.traceability.domain.serials import ALPHABET, LENGTH, MODULUS, new_serials, normalise, printed, with_check

bodies = st.text(alphabet=ALPHABET, min_size=10, max_size=10)


def test_a_worked_example():
    # 7K3MQ9XT2B in base 32 is 267,306,661,767,243; times 32 × 32 it leaves 376 divided by 1021, so the check value is
    # (1 − 376) mod 1021 = 646 = 20 × 32 + 6, the symbols M and 6.
    serial = with_check("7K3MQ9XT2B")
    assert serial == "7K3MQ9XT2BM6"
    assert normalise(serial) == serial
    assert printed(serial) == "7K3M-Q9XT-2BM6"
    assert normalise("7k3m q9xt 2bm6") == serial


def test_misread_symbols_are_read_as_meant():
    serial = with_check("10000000OO".replace("O", "0"))
    assert normalise(serial.replace("1", "l").replace("0", "O")) == serial
    assert normalise(serial.replace("1", "I")) == serial


@given(bodies, st.integers(min_value=0, max_value=LENGTH - 1), st.integers(min_value=1, max_value=31))
def test_every_single_wrong_symbol_is_refused(body, position, shift):
    serial = with_check(body)
    wrong = ALPHABET[(ALPHABET.index(serial[position]) + shift) % 32]
    assert normalise(serial[:position] + wrong + serial[position + 1 :]) is None


@given(bodies, st.integers(min_value=0, max_value=LENGTH - 2), st.sampled_from([1, 2]))
def test_every_swap_of_neighbours_or_of_symbols_one_apart_is_refused(body, position, distance):
    serial = with_check(body)
    if position + distance >= LENGTH or serial[position] == serial[position + distance]:
        return
    swapped = list(serial)
    swapped[position], swapped[position + distance] = swapped[position + distance], swapped[position]
    assert normalise("".join(swapped)) is None


def test_random_strings_pass_the_check_about_once_in_a_thousand():
    generator = random.Random(706)
    passed = sum(
        normalise("".join(generator.choice(ALPHABET) for _ in range(LENGTH))) is not None for _ in range(200_000)
    )
    assert 200_000 / MODULUS * 0.8 < passed < 200_000 / MODULUS * 1.2


def test_new_serials_are_distinct_valid_and_not_predictable():
    serials = new_serials(30_000)
    assert len(set(serials)) == 30_000
    assert all(normalise(serial) == serial for serial in serials)
    first_symbols = {serial[0] for serial in serials}
    assert first_symbols == set(ALPHABET)  # spread over the whole alphabet, not counted up


def test_what_cannot_be_a_serial_is_none():
    for raw in (None, "", "ABC", "7K3M-Q9XT-2BW4-X", "7K3MQ9XT2BU0", "<script>alert(1)</script>"):
        assert normalise(raw) is None
