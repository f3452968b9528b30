import json

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.grants import grantable_roles
from ocop.accounts.domain.queries import visible_organisations
from ocop.accounts.domain.roles import validate_role_target
from ocop.accounts.domain.scope import own_area_units, scope_of
from ocop.accounts.domain.tokens import scopes_for
from ocop.accounts.enums import ROLE_UNIT_LEVEL, OrganisationKind, Role
from ocop.accounts.models import Organisation
from ocop.common.forms import DateInput
from ocop.geo.domain.queries import home_first
from ocop.geo.enums import Era


class UnitSelect(forms.Select):
    """Each unit option says its level, so that the page can offer only the units a chosen role needs."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if unit := getattr(value, "instance", None):
            option["attrs"]["data-level"] = unit.level
        return option


class UnitChoiceField(forms.ModelChoiceField):
    widget = UnitSelect

    def label_from_instance(self, unit) -> str:
        era = _("before 1/7/2025") if unit.era == Era.BEFORE_2025 else _("from 1/7/2025")
        return f"{unit.name} ({unit.code}) – {era}"


def units_for(actor):
    """The units an actor may pick: the actor's province in both eras, narrowed to the actor's own area."""
    return home_first(scope_of(actor).filter(own_area_units(actor), unit_field="pk"))


class OrganisationLabels:
    """Organisations by name, the former ones marked: "UBND xã Vĩnh Hải" exists before and after 1/7/2025."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organisation.objects.none())
        super().__init__(**kwargs)

    def label_from_instance(self, organisation) -> str:
        if organisation.unit is not None and organisation.unit.era == Era.BEFORE_2025:
            return f"{organisation.name} ({_('before 1/7/2025')})"
        return organisation.name


class OrganisationChoiceField(OrganisationLabels, forms.ModelChoiceField):
    pass


class OrganisationMultipleChoiceField(OrganisationLabels, forms.ModelMultipleChoiceField):
    pass


class LoginForm(auth_forms.AuthenticationForm):
    # One answer for a wrong password and for a right password with a missing or wrong code: the form must not tell
    # a guesser that the password was right.
    error_messages = auth_forms.AuthenticationForm.error_messages | {
        "invalid_login": _(
            "Enter a correct username and password, and the code from your authenticator app if you turned on "
            "two-step login. The password is case-sensitive."
        ),
    }
    otp_token = forms.CharField(
        label=_("Authenticator code"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Only if you turned on two-step login."),
    )


class UserForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    organisation = OrganisationChoiceField(label=_("Organisation"), required=False)

    def __init__(self, *args, actor, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = visible_organisations(actor).filter(is_active=True).select_related("unit")
        self.fields["organisation"].queryset = organisations.order_by("name")
        if editing:
            del self.fields["username"]


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    unit = UnitChoiceField(
        label=_("Administrative unit"),
        queryset=None,
        required=False,
        help_text=_("Needed for provincial, department, district and commune roles."),
    )
    producer = forms.ModelChoiceField(
        label=_("Producer"),
        queryset=None,
        required=False,
        help_text=_("Needed for a producer account."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, actor, producers, **kwargs):
        """``producers``: the producers the actor may tie a producer account to (the registry sits above accounts,
        so the view passes them)."""
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in grantable_roles(actor)]
        self.fields["role"].widget.attrs["data-unit-levels"] = json.dumps(ROLE_UNIT_LEVEL)
        self.fields["role"].widget.attrs["data-producer-role"] = Role.PRODUCER.value
        self.fields["unit"].queryset = units_for(actor)
        self.fields["producer"].queryset = producers.order_by("name")

    def clean(self):
        """The role's own rule (unit of its level, producer only for a producer account), told at the field."""
        data = super().clean()
        if self.has_error("role") or self.has_error("unit") or self.has_error("producer"):
            return data
        try:
            validate_role_target(data["role"], data.get("unit"), data.get("producer"))
        except ValidationError as error:
            self.add_error("producer" if error.code.startswith("producer") else "unit", error)
        return data


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    unit = UnitChoiceField(label=_("Administrative unit"), queryset=None, required=False)
    parent = OrganisationChoiceField(label=_("Superior body"), required=False)
    symbol = forms.CharField(
        label=_("Symbol in document numbers"), max_length=20, required=False, help_text=_("As in “BC-SNNMT”: SNNMT.")
    )
    valid_from = forms.DateField(label=_("In office from"), required=False, widget=DateInput)
    valid_until = forms.DateField(label=_("In office until"), required=False, widget=DateInput)
    successor = OrganisationChoiceField(
        label=_("Succeeded by"), required=False, help_text=_("The body that holds this office after the date above.")
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(actor)
        bodies = visible_organisations(actor).select_related("unit").order_by("name")
        self.fields["parent"].queryset = bodies
        self.fields["successor"].queryset = bodies


class TwoFactorTokenForm(forms.Form):
    """The six-digit code, to turn two-step login on or off."""

    token = forms.CharField(
        label=_("Six-digit code"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ApiTokenForm(forms.Form):
    """A new API token for one's own account: a name, the scopes the account may hold, an optional last day."""

    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("Which system uses it, e.g. “Tablet of member 3”.")
    )
    scopes = forms.MultipleChoiceField(label=_("Scopes"), widget=forms.CheckboxSelectMultiple)
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=DateInput(), help_text=_("Leave empty for no end date.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [(scope.value, f"{scope.value} – {scope.label}") for scope in scopes_for(user)]
