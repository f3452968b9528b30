"""The EPCIS event hash ID of GS1's Core Business Vocabulary 2.0 (section 8.9) for events in JSON-LD.

The event is written out as a canonical pre-hash string: its fields in the standard's order as ``key=value`` with no
separators, lists sorted, times in UTC to the millisecond, numbers without trailing zeros, bare CBV words, CBV URNs
and CURIEs expanded to full URIs, EPC URNs and Digital Links reduced to canonical ``https://id.gs1.org/…`` links,
user extensions as ``{namespace}name=value`` sorted. The ID is ``ni:///sha-256;<hex>?ver=CBV2.0`` of that string.
``eventID``, ``recordTime`` and ``errorDeclaration`` are not part of it: an error declaration keeps the ID of the event
it declares wrong.
"""

import datetime
import hashlib
import re
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CBV = "https://ref.gs1.org/cbv/"
GS1_VOC = "https://gs1.org/voc/"
DIGITAL_LINK = "https://id.gs1.org"
STANDARD_PREFIXES = {
    "gs1": GS1_VOC,
    "cbv": CBV,
    "epcis": "https://ref.gs1.org/epcis/",
    "cbvmda": "urn:epcglobal:cbv:mda:",
}
NOT_HASHED = {"type", "eventID", "recordTime", "errorDeclaration", "rdfs:comment", "comment"}

Namespaces = Mapping[str, str]


def event_hash_id(event: dict, context: Mapping[str, str] | None = None) -> str:
    digest = hashlib.sha256(pre_hash_string(event, context).encode()).hexdigest()
    return f"ni:///sha-256;{digest}?ver=CBV2.0"


def pre_hash_string(event: dict, context: Mapping[str, str] | None = None) -> str:
    namespaces = {**STANDARD_PREFIXES, **(context or {}), **namespaces_of(event.get("@context"))}
    parts = [f"eventType={event['type']}"]
    parts += [_ORDER[name](event[name], namespaces) for name in _ORDER if name in event]
    known = set(_ORDER) | NOT_HASHED
    parts += sorted(_extensions({k: v for k, v in event.items() if k not in known}, namespaces))
    return "".join(parts)


def namespaces_of(document_context: Any) -> dict[str, str]:
    """The prefixes a document's ``@context`` declares (its remote contexts, given as strings, declare none here)."""
    if isinstance(document_context, dict):
        return {k: v for k, v in document_context.items() if isinstance(v, str) and not k.startswith("@")}
    if isinstance(document_context, list):
        return {k: v for part in document_context for k, v in namespaces_of(part).items()}
    return {}


# --- values -------------------------------------------------------------------------------------------------------

_CBV_URNS = {
    "urn:epcglobal:cbv:bizstep:": "BizStep-",
    "urn:epcglobal:cbv:disp:": "Disp-",
    "urn:epcglobal:cbv:btt:": "BTT-",
    "urn:epcglobal:cbv:sdt:": "SDT-",
    "urn:epcglobal:cbv:er:": "ER-",
}
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _value(raw: Any, namespaces: Namespaces, vocabulary: str = "") -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int | float):
        return _number(str(raw))
    text = str(raw).strip()
    if vocabulary and text and ":" not in text:
        return vocabulary + text
    for urn, term in _CBV_URNS.items():
        if text.startswith(urn):
            return CBV + term + text[len(urn) :]
    prefix, colon, rest = text.partition(":")
    if colon and prefix in namespaces and not rest.startswith("//"):
        text = namespaces[prefix] + rest
    if _NUMBER.fullmatch(text):
        return _number(text)
    return digital_link(text) or text


def _number(text: str) -> str:
    number = Decimal(text)
    if number == 0:
        return "0"
    plain = f"{number:f}"
    return plain.rstrip("0").rstrip(".") if "." in plain else plain


def _timestamp(raw: str) -> str:
    """UTC, to the millisecond (rounded half up), with ``Z``."""
    text = raw.strip()
    match = re.fullmatch(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|z|[+-]\d\d:?\d\d)?", text)
    if not match:
        return text
    whole, fraction, offset = match.groups()
    moment = datetime.datetime.fromisoformat(whole + (offset or "Z").replace("z", "Z"))
    milliseconds = (Decimal(fraction or "0") * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    moment = moment.astimezone(datetime.UTC) + datetime.timedelta(milliseconds=int(milliseconds))
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# --- GS1 identifiers -----------------------------------------------------------------------------------------------


def _check_digit(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str(-total % 10)


def _gtin(company: str, item: str) -> str:
    body = item[:1] + company + item[1:]
    return body + _check_digit(body)


def _keyed(company: str, reference: str) -> str:
    return company + reference + _check_digit(company + reference)


def _escape(serial: str) -> str:
    """EPC URIs leave these characters bare; a Digital Link percent-encodes them."""
    return "".join(f"%{ord(c):02X}" if c in "!()*+,:" else c for c in serial)


_EPC: dict[str, Callable[[list[str]], str]] = {
    "id:sgtin": lambda f: f"/01/{_gtin(f[0], f[1])}/21/{_escape('.'.join(f[2:]))}",
    "id:sscc": lambda f: f"/00/{_gtin(f[0], f[1])}",
    "id:sgln": lambda f: f"/414/{_keyed(f[0], f[1])}" + ("" if f[2] == "0" else f"/254/{_escape('.'.join(f[2:]))}"),
    "id:grai": lambda f: f"/8003/{_keyed('0' + f[0], f[1])}{_escape('.'.join(f[2:]))}",
    "id:giai": lambda f: f"/8004/{f[0]}{_escape('.'.join(f[1:]))}",
    "id:gsrn": lambda f: f"/8018/{_keyed(f[0], f[1])}",
    "id:gsrnp": lambda f: f"/8017/{_keyed(f[0], f[1])}",
    "id:gdti": lambda f: f"/253/{_keyed(f[0], f[1])}{_escape('.'.join(f[2:]))}",
    "id:cpi": lambda f: f"/8010/{_escape(f[0] + f[1])}/8011/{f[2]}",
    "id:sgcn": lambda f: f"/255/{_keyed(f[0], f[1])}{f[2]}",
    "id:ginc": lambda f: f"/401/{f[0]}{_escape('.'.join(f[1:]))}",
    "id:gsin": lambda f: f"/402/{_keyed(f[0], f[1])}",
    "id:itip": lambda f: f"/8006/{_gtin(f[0], f[1])}{f[2]}{f[3]}/21/{_escape('.'.join(f[4:]))}",
    "id:upui": lambda f: f"/01/{_gtin(f[0], f[1])}/235/{_escape('.'.join(f[2:]))}",
    "id:pgln": lambda f: f"/417/{_keyed(f[0], f[1])}",
    "class:lgtin": lambda f: f"/01/{_gtin(f[0], f[1])}/10/{_escape('.'.join(f[2:]))}",
    "idpat:sgtin": lambda f: f"/01/{_gtin(f[0], f[1])}",
    "idpat:grai": lambda f: f"/8003/{_keyed('0' + f[0], f[1])}",
    "idpat:gdti": lambda f: f"/253/{_keyed(f[0], f[1])}",
    "idpat:sgcn": lambda f: f"/255/{_keyed(f[0], f[1])}",
    "idpat:cpi": lambda f: f"/8010/{_escape(f[0] + f[1])}",
    "idpat:itip": lambda f: f"/8006/{_gtin(f[0], f[1])}{f[2]}{f[3]}",
    "idpat:upui": lambda f: f"/01/{_gtin(f[0], f[1])}",
}
_KEY_NAMES = {
    "gtin": "01", "itip": "8006", "cpid": "8010", "gln": "414", "party": "417", "gsrnp": "8017", "gsrn": "8018",
    "gcn": "255", "sscc": "00", "gdti": "253", "ginc": "401", "gsin": "402", "grai": "8003", "giai": "8004",
    "cpv": "22", "lot": "10", "ser": "21",
}  # fmt: skip
_PRIMARY_KEYS = {
    "00": r"\d{18}", "01": r"\d{14}", "253": r"\d{13}.{0,17}", "255": r"\d{13}\d{0,12}", "401": r".{1,30}",
    "402": r"\d{17}", "414": r"\d{13}", "417": r"\d{13}", "8003": r"\d{14}.{0,16}", "8004": r".{1,30}",
    "8006": r"\d{18}", "8010": r".{1,30}", "8017": r"\d{18}", "8018": r"\d{18}",
}  # fmt: skip
# The one key qualifier kept for each key, finest first (CBV 2.0, 8.9 rule 18: 01 21, 01 10, 01 235, 414 254, …).
_QUALIFIERS = {"01": ("21", "10", "235"), "8006": ("21", "10"), "414": ("254",), "8010": ("8011",)}


def digital_link(identifier: str) -> str | None:
    """The constrained canonical GS1 Digital Link of an EPC URI or a Digital Link on any host, or None."""
    if identifier.startswith("urn:epc:"):
        scheme, _colon, body = identifier[len("urn:epc:") :].rpartition(":")
        fields = body.split(".")
        if scheme not in _EPC or len(fields) < 2:
            return None
        try:
            return DIGITAL_LINK + _EPC[scheme](fields)
        except (IndexError, ValueError):
            return None
    if re.match(r"https?://", identifier):
        return _constrained(identifier)
    return None


def _constrained(uri: str) -> str | None:
    path = uri.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0]
    segments = [_KEY_NAMES.get(s, s) for s in path.split("/")[1:]]
    start = next((i for i, s in enumerate(segments) if s in _PRIMARY_KEYS and i + 1 < len(segments)), None)
    if start is None:
        return None
    key, value = segments[start], segments[start + 1]
    if key == "01" and len(value) in (8, 12, 13):
        value = value.zfill(14)
    if not re.fullmatch(_PRIMARY_KEYS[key], value) or (key not in ("401", "8004", "8010") and not value[:4].isdigit()):
        return None
    pairs = dict(zip(segments[start + 2 :: 2], segments[start + 3 :: 2], strict=False))
    link = f"{DIGITAL_LINK}/{key}/{value}"
    for qualifier in _QUALIFIERS.get(key, ()):
        if pairs.get(qualifier):
            return f"{link}/{qualifier}/{pairs[qualifier]}"
    return link


# --- fields --------------------------------------------------------------------------------------------------------


def _key(name: str, namespaces: Namespaces) -> str:
    """``prefix:name`` as ``{namespace}name``; a URN namespace loses its closing colon, as in XML."""
    prefix, colon, local = name.partition(":")
    if colon and prefix in namespaces:
        namespace = namespaces[prefix]
        return "{" + (namespace.removesuffix(":") if namespace.startswith("urn:") else namespace) + "}" + local
    return name


def _extensions(fields: Mapping[str, Any], namespaces: Namespaces) -> list[str]:
    """User extension elements (nested ones too) as sorted ``{namespace}name=value`` substrings."""
    parts = []
    for name, raw in fields.items():
        if name.startswith("@") or name in ("rdfs:comment", "comment"):
            continue
        key = _key(name, namespaces)
        for item in raw if isinstance(raw, list) else [raw]:
            if isinstance(item, dict):
                parts.append(key + "".join(sorted(_extensions(item, namespaces))))
            elif item is not None and (text := _value(item, namespaces)):
                parts.append(f"{key}={text}")
    return parts


def _simple(name: str, vocabulary: str = "") -> Callable[[Any, Namespaces], str]:
    def write(raw: Any, namespaces: Namespaces) -> str:
        text = _value(raw, namespaces, vocabulary)
        return f"{name}={text}" if text else ""

    return write


def _time(name: str) -> Callable[[Any, Namespaces], str]:
    return lambda raw, _namespaces: f"{name}={_timestamp(raw)}"


def _each(raw: Any) -> list:
    return raw if isinstance(raw, list) else [raw]


def _list(name: str, item: Callable[[Any, Namespaces], str]) -> Callable[[Any, Namespaces], str]:
    def write(raw: Any, namespaces: Namespaces) -> str:
        items = sorted(filter(None, (item(element, namespaces) for element in _each(raw))))
        return name + "".join(items) if items else ""

    return write


def _record(name: str, order: dict, extensible: bool = False) -> Callable[[Any, Namespaces], str]:
    """An object written as its fields in ``order``, then (where the standard allows) its extensions sorted."""

    def write(raw: Any, namespaces: Namespaces) -> str:
        parts = [order[field](raw[field], namespaces) for field in order if field in raw and raw[field] is not None]
        if extensible:
            parts += sorted(_extensions({k: v for k, v in raw.items() if k not in order}, namespaces))
        text = "".join(parts)
        return name + text if text else ""

    return write


def _typed(name: str) -> Callable[[Any, Namespaces], str]:
    """A business transaction, source or destination: its type, then its identifier."""
    order = {"type": _simple("type", CBV + {"bizTransaction": "BTT-"}.get(name, "SDT-")), name: _simple(name)}
    return _record("", order)


_QUANTITY = _record(
    "quantityElement", {"epcClass": _simple("epcClass"), "quantity": _simple("quantity"), "uom": _simple("uom")}
)
_SENSOR_METADATA = _record(
    "sensorMetadata",
    {
        "time": _time("time"),
        "startTime": _time("startTime"),
        "endTime": _time("endTime"),
        **{
            name: _simple(name)
            for name in ("deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules")
        },
    },
    extensible=True,
)
_SENSOR_REPORT = _record(
    "sensorReport",
    {
        "type": _simple("type", GS1_VOC),
        "exception": _simple("exception", GS1_VOC),
        **{name: _simple(name) for name in ("deviceID", "deviceMetadata", "rawData", "dataProcessingMethod")},
        "time": _time("time"),
        "microorganism": _simple("microorganism"),
        "chemicalSubstance": _simple("chemicalSubstance"),
        "value": _simple("value"),
        "component": _simple("component", CBV + "Comp-"),
        **{
            name: _simple(name)
            for name in (
                "stringValue",
                "booleanValue",
                "hexBinaryValue",
                "uriValue",
                "minValue",
                "maxValue",
                "meanValue",
                "sDev",
                "percRank",
                "percValue",
                "uom",
                "coordinateReferenceSystem",
            )
        },
    },
    extensible=True,
)
_SENSOR_ELEMENT = _record(
    "sensorElement",
    {"sensorMetadata": _SENSOR_METADATA, "sensorReport": _list("", _SENSOR_REPORT)},
    extensible=True,
)
_ORDER: dict[str, Callable[[Any, Namespaces], str]] = {
    "eventTime": _time("eventTime"),
    "eventTimeZoneOffset": _simple("eventTimeZoneOffset"),
    "certificationInfo": _list("", _simple("certificationInfo")),
    "parentID": _simple("parentID"),
    "epcList": _list("epcList", _simple("epc")),
    "inputEPCList": _list("inputEPCList", _simple("epc")),
    "childEPCs": _list("childEPCs", _simple("epc")),
    "quantityList": _list("quantityList", _QUANTITY),
    "childQuantityList": _list("childQuantityList", _QUANTITY),
    "inputQuantityList": _list("inputQuantityList", _QUANTITY),
    "outputEPCList": _list("outputEPCList", _simple("epc")),
    "outputQuantityList": _list("outputQuantityList", _QUANTITY),
    "action": _simple("action"),
    "transformationID": _simple("transformationID"),
    "bizStep": _simple("bizStep", CBV + "BizStep-"),
    "disposition": _simple("disposition", CBV + "Disp-"),
    "persistentDisposition": _record(
        "persistentDisposition",
        {"set": _list("", _simple("set", CBV + "Disp-")), "unset": _list("", _simple("unset", CBV + "Disp-"))},
    ),
    "readPoint": _record("readPoint", {"id": _simple("id")}, extensible=True),
    "bizLocation": _record("bizLocation", {"id": _simple("id")}, extensible=True),
    "bizTransactionList": _list("bizTransactionList", _typed("bizTransaction")),
    "sourceList": _list("sourceList", _typed("source")),
    "destinationList": _list("destinationList", _typed("destination")),
    "sensorElementList": _list("sensorElementList", _SENSOR_ELEMENT),
    "ilmd": lambda raw, namespaces: "ilmd" + "".join(sorted(_extensions(raw, namespaces))) if raw else "",
}
