"""The shape of a JSON file people upload (a plan file, a rule set, its criteria), checked at every key before
anything reads it: each wrong type is named with where it is (``plans[1].targets[2].low``), in the person's
language, instead of failing later with a server error.

    PLAN = Object({"reference": TEXT, "targets": ListOf(TARGET)}, required=("reference",))
    problems = shape_problems(data, PLAN)
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.common.column_limits import column_field

MAX_PROBLEMS = 50  # a file of the wrong kind would otherwise list thousands


class Shape:
    def problems(self, value, where: str) -> list[str]:
        raise NotImplementedError


def _at(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


class Text(Shape):
    def problems(self, value, where):
        return [] if isinstance(value, str) else [_at(where, _("must be a text"))]


class Whole(Shape):
    """A whole number (never true/false) from ``low`` to ``high``."""

    def __init__(self, low: int = 0, high: int = 2_147_483_647):
        self.low, self.high = low, high

    def problems(self, value, where):
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            return [
                _at(where, _("must be a whole number from %(low)s to %(high)s") % {"low": self.low, "high": self.high})
            ]
        return []


class Number(Shape):
    """A number written as a number or as text; the reader checks its value."""

    def problems(self, value, where):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return [_at(where, _("must be a number"))]
        return []


class Column(Shape):
    """A number (written as a number or as text) that the given model column can hold: the same limits as a form."""

    def __init__(self, model_field):
        self.model_field = model_field

    def problems(self, value, where):
        wrong = NUMBER.problems(value, where)
        if wrong:
            return wrong
        try:
            column_value(self.model_field, value)
        except ValidationError as error:
            return [_at(where, " ".join(error.messages))]
        return []


def column_value(model_field, value, make_field=column_field):
    """A number read from a file (``12.5``, never typed the Vietnamese way) within what ``model_field`` holds
    (``make_field=capacity_field``: within what its column can hold at all); raises ValidationError with the form's
    message otherwise."""
    field = make_field(model_field, required=False)
    field.localize = False
    return field.clean(value if isinstance(value, str) else str(value))


class Nullable(Shape):
    def __init__(self, shape: Shape):
        self.shape = shape

    def problems(self, value, where):
        return [] if value is None else self.shape.problems(value, where)


class AnyOf(Shape):
    """One of several shapes (a code written as text or as a number); named by the first shape's message."""

    def __init__(self, *shapes: Shape):
        self.shapes = shapes

    def problems(self, value, where):
        found = [shape.problems(value, where) for shape in self.shapes]
        return [] if any(not problems for problems in found) else found[0]


class ListOf(Shape):
    def __init__(self, item: Shape | Callable[[], Shape]):
        self.item = item

    def problems(self, value, where):
        if not isinstance(value, list):
            return [_at(where, _("must be a list"))]
        item = self.item if isinstance(self.item, Shape) else self.item()
        return [
            problem
            for index, entry in enumerate(value, start=1)
            for problem in item.problems(entry, f"{where}[{index}]")
        ]


class MapOf(Shape):
    """An object whose keys are names chosen by the file (agencies by short name, stars → counts)."""

    def __init__(self, item: Shape):
        self.item = item

    def problems(self, value, where):
        if not isinstance(value, dict):
            return [_at(where, _("must be an object"))]
        return [problem for key, entry in value.items() for problem in self.item.problems(entry, f"{where}.{key}")]


class Object(Shape):
    """An object with known keys; keys it does not know are left for the reader to ignore or refuse."""

    def __init__(self, keys: dict[str, Shape | Callable[[], Shape]], required: tuple[str, ...] = ()):
        self.keys, self.required = keys, required

    def problems(self, value, where):
        if not isinstance(value, dict):
            return [_at(where, _("must be an object"))]
        problems = [_at(where, _("“%(key)s” is required") % {"key": key}) for key in self.required if key not in value]
        for key, shape in self.keys.items():
            if key in value:
                shape = shape if isinstance(shape, Shape) else shape()
                problems += shape.problems(value[key], f"{where}.{key}" if where else key)
        return problems


TEXT = Text()
TEXTS = ListOf(TEXT)
NUMBER = Number()


def shape_problems(value, shape: Shape, where: str = "") -> list[str]:
    """Every wrong type in ``value``, at most MAX_PROBLEMS of them (the last line says how many more there are)."""
    try:
        problems = shape.problems(value, where)
    except RecursionError:
        return [_("The file is nested too deeply to be read.")]
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], _("… and %(count)s more problems.") % {"count": rest}]
    return problems
