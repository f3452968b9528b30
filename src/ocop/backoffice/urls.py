from django.urls import path

from ocop.backoffice.views import activity, auth, dashboard, organisations, units, users

app_name = "backoffice"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("account/password/", auth.password_change, name="password_change"),
    path("account/security/", auth.security, name="security"),
    path("account/security/disable/", auth.security_disable, name="security_disable"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/roles/", users.user_role_grant, name="user_role_grant"),
    path("users/<int:pk>/roles/<int:role_pk>/revoke/", users.user_role_revoke, name="user_role_revoke"),
    path("users/<int:pk>/active/", users.user_set_active, name="user_set_active"),
    path("users/<int:pk>/reset-password/", users.user_reset_password, name="user_reset_password"),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("units/", units.unit_list, name="unit_list"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("activity/", activity.activity_list, name="activity_list"),
]
