"""EPCIS 2.0 documents in JSON-LD: checking one against GS1's JSON schema (shipped with the app, resolved locally:
nothing is fetched), reading its events, the product identifiers its events name, and writing events back out as a
document. What is stored and when is traceability.domain.events."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from django.utils.translation import gettext as _
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from ocop.common.json_formats import format_checker

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "epcis" / "schema"
SCHEMA_PREFIX = "https://gs1.github.io/EPCIS/JSON-Schema/"
EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
MAX_ERRORS = 50  # a document with more faults than this is answered with the first ones

# Where an event names the things it is about (EPCIS 2.0 §7.4): instance identifiers and class identifiers.
INSTANCE_FIELDS = ("epcList", "childEPCs", "inputEPCList", "outputEPCList")
QUANTITY_FIELDS = ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList")

GTIN_IN_LINK = re.compile(r"/01/(\d{8,14})(?:/|$|\?)")
OCOP_CODE_IN_LINK = re.compile(r"/ocop/([^/?#]+)")
SERIAL_IN_LINK = re.compile(r"/21/([^/?#]+)")
GTIN_URN = re.compile(r"^urn:epc:(?:id:sgtin|class:lgtin|idpat:sgtin):(\d+)\.(\d+)\.")


@dataclass(frozen=True)
class FieldError:
    """One fault of a document: where (a JSON path such as ``epcisBody.eventList[2].eventTime``) and what."""

    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


@cache
def _validator() -> Draft7Validator:
    resources = [
        (SCHEMA_PREFIX + str(path.relative_to(SCHEMA_DIR)), Resource.from_contents(_load(path), DRAFT7))
        for path in SCHEMA_DIR.rglob("*.json")
    ]
    registry = Registry().with_resources(resources)
    root = _load(SCHEMA_DIR / "EPCIS-JSON-Schema-root.json")
    # The root schema's $id names EPCIS-JSON-Schema.json, a file GS1 publishes under the other name.
    registry = registry.with_resource(root["$id"], Resource.from_contents(root, DRAFT7))
    return Draft7Validator(root, registry=registry, format_checker=format_checker("date-time"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def parse(raw: bytes | str) -> tuple[dict | None, list[FieldError]]:
    """The document in ``raw`` (JSON text), or why it is not one."""
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        return None, [FieldError("", _("This is not JSON: %(error)s") % {"error": error})]
    if not isinstance(document, dict):
        return None, [FieldError("", _("An EPCIS document is a JSON object."))]
    return document, []


def faults(document: dict) -> list[FieldError]:
    """Every way the document breaks the EPCIS 2.0 JSON schema, field by field (the first ``MAX_ERRORS``). A fault
    inside a field is said there, not again on the object around it."""
    errors = sorted(_validator().iter_errors(document), key=lambda error: [str(part) for part in error.absolute_path])
    paths = [tuple(error.absolute_path) for error in errors]
    found = []
    for error, path in zip(errors, paths, strict=True):
        if any(len(other) > len(path) and other[: len(path)] == path for other in paths):
            continue
        found.append(FieldError(_json_path(path), _said(error)))
        if len(found) == MAX_ERRORS:
            break
    if not found and document.get("type") not in {"EPCISDocument", "EPCISQueryDocument"}:
        found.append(FieldError("type", _("Only EPCIS documents can be captured: type EPCISDocument.")))
    return found


def _said(error: SchemaError) -> str:
    """The schema's verdict in the reader's language."""
    rule = error.validator
    if rule in {"anyOf", "oneOf"} and error.context:
        return _said(best_match(error.context))
    if rule == "required":
        return _("a required field is missing: %(detail)s") % {"detail": error.message.split(" ", 1)[0]}
    if rule == "enum":
        values = ", ".join(str(value) for value in error.validator_value)
        return _("%(value)s is not one of the allowed values: %(values)s") % {
            "value": json.dumps(error.instance, ensure_ascii=False)[:60],
            "values": values,
        }
    if rule == "format" and error.validator_value == "date-time":
        return _("%(value)s is not a time with its offset, such as 2024-07-01T08:30:00+07:00") % {
            "value": json.dumps(error.instance, ensure_ascii=False)[:60]
        }
    if rule == "type":
        return _("has the wrong type (expected %(type)s)") % {"type": error.validator_value}
    return _("does not follow the EPCIS 2.0 schema (rule %(rule)s): %(detail)s") % {
        "rule": rule,
        "detail": error.message[:200],
    }


def _json_path(parts) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def events_of(document: dict) -> list[tuple[str, dict]]:
    """The document's events with the path each sits at (a capture document's ``epcisBody.eventList``, or a query
    document's results)."""
    body = document.get("epcisBody", {})
    if "eventList" in body:
        return [(f"epcisBody.eventList[{index}]", event) for index, event in enumerate(body["eventList"])]
    if "event" in body:
        return [("epcisBody.event", body["event"])]
    results = body.get("queryResults", {}).get("resultsBody", {}).get("eventList", [])
    return [(f"epcisBody.queryResults.resultsBody.eventList[{index}]", event) for index, event in enumerate(results)]


def identifiers_of(event: dict) -> list[str]:
    """The instance and class identifiers an event is about (its EPCs, parent, quantities)."""
    found = [identifier for field in INSTANCE_FIELDS for identifier in event.get(field, [])]
    found += [quantity["epcClass"] for field in QUANTITY_FIELDS for quantity in event.get(field, [])]
    if event.get("parentID"):
        found.append(event["parentID"])
    return [identifier for identifier in found if isinstance(identifier, str)]


def gtin_of(identifier: str) -> str | None:
    """The GTIN-14 an identifier carries: a GS1 Digital Link URI (any host) or an SGTIN / LGTIN EPC URN."""
    if match := GTIN_IN_LINK.search(identifier):
        return match.group(1).zfill(14)
    if match := GTIN_URN.match(identifier):
        company, indicator_and_item = match.groups()
        body = indicator_and_item[:1] + company + indicator_and_item[1:]
        return body + _gs1_check_digit(body) if len(body) == 13 else None
    return None


def ocop_code_of(identifier: str) -> str | None:
    """The OCOP product code of a link in this system's scheme for products without a GTIN (``/ocop/<code>/…``)."""
    match = OCOP_CODE_IN_LINK.search(identifier)
    return match.group(1) if match else None


def serial_of(identifier: str) -> str | None:
    """The serial (AI 21) of a GS1 Digital Link URI, as one of this system's stamps writes it."""
    match = SERIAL_IN_LINK.search(identifier)
    return match.group(1) if match else None


def lot_in(identifier: str) -> str:
    """The lot (AI 10) of a class identifier written as a GS1 Digital Link URI, or ""."""
    if "/10/" not in identifier:
        return ""
    return unquote(identifier.split("/10/", 1)[1].split("/", 1)[0].split("?", 1)[0])[:60]


def _gs1_check_digit(digits: str) -> str:
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def document_of(events: list[tuple[dict, dict[str, str]]], *, created: str) -> dict:
    """An EPCIS 2.0 document holding ``events``, each with the namespace prefixes its extensions use as its own
    ``@context``: events captured from different documents may give one prefix different namespaces, or use a
    prefix their document never defined (then it is not one), and each must read as it was captured."""
    return {
        "@context": [EPCIS_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": created,
        "epcisBody": {"eventList": [_with_context(event, namespaces) for event, namespaces in events]},
    }


def _with_context(event: dict, namespaces: dict[str, str]) -> dict:
    if not namespaces:
        return event
    return {"@context": dict(sorted(namespaces.items())), **{k: v for k, v in event.items() if k != "@context"}}
