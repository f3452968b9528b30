from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.roles import has_role
from ocop.accounts.domain.scope import own_area_units, scope_of
from ocop.accounts.enums import Role
from ocop.accounts.models import User
from ocop.common.forms import DateInput, DayFirstDateField, DomainModelForm
from ocop.councils.domain.membership import council_candidates
from ocop.councils.enums import MemberRole, NoteKind
from ocop.councils.models import Council, Session
from ocop.dossiers.models import Round
from ocop.geo.enums import UnitLevel


class CouncilForm(DomainModelForm):
    class Meta:
        model = Council
        fields = ["name", "level", "unit", "established_by", "allowed_spread", "quorum_fraction"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        if has_role(actor, Role.MINISTRY_OFFICE) and scope_of(actor).is_empty:
            # The Ministry's coordination office creates the Ministry's own council: central, for every province.
            self.fields["level"].choices = [("central", _("Ministry"))]
            del self.fields["unit"]
        else:
            self._offer_areas(actor)
        self.fields["allowed_spread"].required = False
        self.fields["quorum_fraction"].required = False

    def _offer_areas(self, actor):
        areas = (
            scope_of(actor)
            .filter(own_area_units(actor), unit_field="pk")
            .filter(level__in=[UnitLevel.DISTRICT, UnitLevel.PROVINCE])
        )
        self.fields["unit"].queryset = areas.order_by("-era", "level", "name")

    def clean(self):
        return super().clean() | ({} if "unit" in self.fields else {"unit": None})


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role in the council"), choices=MemberRole.choices)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        people = council_candidates(council).exclude(council_memberships__council=council)  # not those already on it
        self.fields["user"].queryset = people.order_by("full_name")


class ConflictForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    producer = forms.IntegerField(label=_("Producer"))
    reason = forms.CharField(label=_("Link with the producer"), max_length=300)


class SessionForm(DomainModelForm):
    class Meta:
        model = Session
        fields = ["round", "held_on", "place"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = Round.objects.filter(
            level=council.level, unit=council.unit, closed_at__isnull=True
        ).order_by("cutoff")


class ConfirmForm(forms.Form):
    """An irreversible step: the person ticks that they mean it (the page works without JavaScript)."""

    confirm = forms.BooleanField(
        label=_("I have checked the results: this cannot be undone."),
        error_messages={"required": _("Tick the confirmation first: this step cannot be undone.")},
    )


class DecisionForm(ConfirmForm):
    number = forms.CharField(label=_("Decision number"), max_length=60)
    decided_on = DayFirstDateField(label=_("Decision date"))
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200)
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Title of the signer"), max_length=150)

    field_order = ["number", "decided_on", "issuing_body", "signer_name", "signer_title", "confirm"]


class SpreadReasonForm(forms.Form):
    dossier = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why the result stands"), max_length=500)


class RescoreForm(forms.Form):
    dossier = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why score again"), max_length=300)


class NoteForm(forms.Form):
    dossier = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=NoteKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
