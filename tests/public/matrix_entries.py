"""Permission matrix entries of the public certificate check, catalogue and producer pages: open to everyone."""

from tests.matrix import ALL

CONTEXT_ORDER = 70  # after tests/certificates (its certificate is checked here)


def _number(ctx, user):
    return {"number": ctx["certificate"].number}


def _producer(ctx, user):
    return {"pk": ctx["producer"].pk}


ENTRIES = {
    "public:certificate_search": ("get", None, ALL, 200),
    "public:certificate": ("get", _number, ALL, 200),
    "public:certificate_json": ("get", _number, ALL, 200),
    "public:catalogue": ("get", None, ALL, 200),
    "public:catalogue_json": ("get", None, ALL, 200),
    "public:producer": ("get", _producer, ALL, 200),
    "public:producer_json": ("get", _producer, ALL, 200),
}
