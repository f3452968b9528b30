"""Score sheets for council tablets: a member reads the sheets assigned to them, saves answers as often as needed,
and submits each once; the same checks as the scoring screen (open session, no conflict of interest)."""

from django.core.exceptions import ValidationError as DomainError
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from ocop.accounts.enums import TokenScope
from ocop.api import serializers
from ocop.api.views.base import ApiView, refused
from ocop.councils.domain import sheets
from ocop.councils.domain.queries import sheets_of
from ocop.councils.models import Assignment
from ocop.evaluation.domain.scoring import score_sheet, usable_answers


class ScoreSheetList(ApiView, generics.ListAPIView):
    queryset = Assignment.objects.none()  # the schema's model; each request reads get_queryset()
    scopes = {"read": TokenScope.SCORES_WRITE}
    rules = {"read": "councils.view_my_sheets"}
    serializer_class = serializers.ScoreSheetSerializer

    def get_queryset(self):
        return sheets_of(self.request.user).select_related("dossier__product").order_by("session_id", "pk")


class ScoreSheetDetail(ApiView, generics.GenericAPIView):
    queryset = Assignment.objects.none()
    scopes = {"read": TokenScope.SCORES_WRITE, "PUT": TokenScope.SCORES_WRITE}
    rules = {"read": "councils.view_sheet", "PUT": "councils.score"}
    serializer_class = serializers.ScoreSheetSerializer

    def get_queryset(self):
        return sheets_of(self.request.user).select_related(
            "session__council", "dossier__product__producer", "dossier__rule_set", "member__user"
        )

    def _answer(self, sheet):
        criteria = sheets.sheet_of(sheet)
        score = score_sheet(criteria, usable_answers(criteria, sheet.answers), disqualified=sheet.disqualified)
        return Response(serializers.ScoreSheetSerializer(sheet, context={"scores": {sheet.pk: score}}).data)

    def get(self, request, pk):
        return self._answer(self.get_object())

    @extend_schema(request=serializers.AnswersSerializer, responses={200: serializers.ScoreSheetSerializer})
    def put(self, request, pk):
        sheet = self.get_object()
        incoming = serializers.AnswersSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            sheets.save_answers(actor=request.user, assignment=sheet, **incoming.validated_data)
        except DomainError as error:
            raise refused(error) from None
        return self._answer(sheet)


class ScoreSheetSubmit(ScoreSheetDetail):
    """Submit the sheet: every criterion answered; afterwards only a re-score request reopens it."""

    scopes = {"POST": TokenScope.SCORES_WRITE}
    rules = {"POST": "councils.score"}
    http_method_names = ["post", "options"]

    @extend_schema(request=None, responses={200: serializers.ScoreSheetSerializer})
    def post(self, request, pk):
        sheet = self.get_object()
        try:
            sheets.submit_sheet(actor=request.user, assignment=sheet)
        except DomainError as error:
            raise refused(error) from None
        return self._answer(sheet)
