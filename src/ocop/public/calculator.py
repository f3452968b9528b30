"""The public self-assessment calculator: pick a product set, tick options, see total, band, star and the minima
still missing; the same as a JSON endpoint for other systems."""

import json

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ocop.common.limits import throttled
from ocop.evaluation.domain.calculator import estimate
from ocop.evaluation.domain.misprints import sheet_misprints
from ocop.evaluation.domain.rule_sets import rule_set_in_force
from ocop.evaluation.domain.scoring import answers_from_form
from ocop.producers import product_sets


def _rule_set():
    return rule_set_in_force(timezone.localdate())


@throttled("page")
@require_http_methods(["GET"])
def calculator_index(request):
    return render(
        request, "public/calculator_index.html", {"product_sets": product_sets.PRODUCT_SETS, "rule_set": _rule_set()}
    )


@throttled("page")
@require_http_methods(["GET", "POST"])
def calculator_sheet(request, sheet_no: int):
    if sheet_no not in product_sets.BY_NUMBER:
        raise Http404
    rule_set = _rule_set()
    sheet = rule_set.sheet(sheet_no)
    answers = answers_from_form(sheet, request.POST)
    result, problems = None, []
    if request.method == "POST":
        try:
            result = estimate(rule_set, sheet_no, answers)
        except ValidationError as error:
            problems = error.messages
    suspects = sheet_misprints(rule_set, sheet_no)
    parts = [
        (part, [(leaf, answers.get(leaf.code), suspects.get(leaf.code)) for leaf in sheet.leaves if leaf.part == part])
        for part in sheet.parts
    ]
    return render(
        request,
        "public/calculator_sheet.html",
        {
            "sheet": sheet,
            "parts": parts,
            "result": result,
            "problems": problems,
            "rule_set": rule_set,
            "product_set": product_sets.BY_NUMBER[sheet_no],
        },
        status=400 if problems else 200,
    )


SHEET_NUMBERS = {str(number) for number in product_sets.BY_NUMBER}


def _bad_request(message) -> JsonResponse:
    return JsonResponse({"errors": message if isinstance(message, list) else [message]}, status=400)


@csrf_exempt  # a stateless computation with no session: nothing to forge
@throttled("page")
@require_http_methods(["GET", "POST"])
def calculator_api(request):
    """GET ?sheet=N: the sheet's criteria and options. POST {"sheet": N, "answers": {"<code>": option}}: the estimate.

    Options are numbered from 1 in the sheet's printed order; a yes/no criterion printed without options counts 1 as
    "no" and 2 as "yes".
    """
    rule_set = _rule_set()
    if request.method == "GET":
        sheet_no = request.GET.get("sheet", "")
        if sheet_no not in SHEET_NUMBERS:
            return _bad_request(_("“sheet” must be a product set number from 1 to 26."))
        sheet = rule_set.sheet(int(sheet_no))
        return JsonResponse(
            {
                "rule_set": rule_set.identifier,
                "sheet": sheet.no,
                "title": sheet.title,
                "criteria": [
                    {
                        "code": leaf.code,
                        "title": leaf.title,
                        "part": leaf.part,
                        "max": str(leaf.max_points),
                        "options": [
                            {"number": o.order, "label": o.label, "points": str(o.points), "min_star": o.min_star}
                            for o in leaf.options
                        ],
                    }
                    for leaf in sheet.leaves
                ],
            }
        )
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):  # not UTF-8, not JSON, a number of thousands of digits, nested too deeply
        return _bad_request(_("The body must be a JSON object."))
    if not isinstance(payload, dict):
        return _bad_request(_("The body must be a JSON object."))
    sheet_no, answers = payload.get("sheet"), payload.get("answers", {})
    if isinstance(sheet_no, bool) or not isinstance(sheet_no, int) or sheet_no not in product_sets.BY_NUMBER:
        return _bad_request(_("“sheet” must be a product set number from 1 to 26."))
    if not isinstance(answers, dict):
        return _bad_request(_("“answers” must be an object of criterion code → option number."))
    try:
        return JsonResponse(estimate(rule_set, sheet_no, answers).as_dict())
    except ValidationError as error:
        return _bad_request(error.messages)
