"""Login, logout, password change and the optional second factor."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from ocop.accounts.domain import two_factor
from ocop.accounts.domain.users import change_own_password
from ocop.accounts.interfaces.forms import LoginForm, TwoFactorTokenForm


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        device = two_factor.confirmed_device(user)
        if device is not None and not two_factor.verify_token(device, form.cleaned_data.get("otp_token", "")):
            # Counted by the lockout like a wrong password, and answered the same way.
            user_login_failed.send(
                sender=__name__, credentials={"username": form.cleaned_data["username"]}, request=self.request
            )
            form.add_error(None, form.get_invalid_login_error())
            return self.form_invalid(form)
        response = super().form_valid(form)
        if device is not None:
            otp_login(self.request, device)
        return response


class LogoutView(auth_views.LogoutView):
    next_page = "backoffice:login"


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_own_password(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("backoffice:dashboard")
    return render(
        request,
        "backoffice/password_change.html",
        {
            "form": form,
            "forced": request.user.must_change_password,
            "breadcrumbs": [(_("My account"), None), (_("Change password"), None)],
        },
    )


@login_required
def security(request):
    device = two_factor.confirmed_device(request.user)
    form = TwoFactorTokenForm(request.POST or None)
    if request.method == "POST" and device is None and form.is_valid():
        try:
            device = two_factor.enable_two_factor(user=request.user, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            otp_login(request, device)  # this session gave the code; the user's other sessions will be asked for it
            messages.success(request, _("Two-step login is on. You will be asked for a code at every login."))
            return redirect("backoffice:security")
    context = {
        "device": device,
        "form": form,
        "required": two_factor.must_set_up(request.user),
        "disable_form": TwoFactorTokenForm(),
        "breadcrumbs": [(_("My account"), None), (_("Two-step login"), None)],
    }
    if device is None:
        pending = two_factor.pending_device(request.user)
        context |= {"qr_svg": two_factor.provisioning_qr_svg(pending), "secret": pending.key}
    return render(request, "backoffice/security.html", context)


@login_required
@require_POST
def security_disable(request):
    try:
        two_factor.disable_two_factor(user=request.user, token=request.POST.get("token", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Two-step login is off."))
    return redirect("backoffice:security")
