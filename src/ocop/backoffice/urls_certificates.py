"""Back-office URLs of certificates, their revocation and post-certification supervision (included in the
backoffice namespace under certificates/)."""

from django.urls import path

from ocop.backoffice.views import certificates as views

urlpatterns = [
    path("", views.certificate_list, name="certificate_list"),
    path("expiring/", views.expiry_list, name="expiry_list"),
    path("register/", views.certificate_register, name="certificate_register"),
    path("<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("<int:pk>/correct/", views.certificate_correct, name="certificate_correct"),
    path("<int:pk>/suspend/", views.certificate_suspend, name="certificate_suspend"),
    path("<int:pk>/lift-suspension/", views.certificate_lift, name="certificate_lift"),
    path("<int:pk>/propose-revocation/", views.certificate_propose_revocation, name="certificate_propose_revocation"),
    path("revocations/", views.revocation_list, name="revocation_list"),
    path("revocations/<int:pk>/decide/", views.revocation_decide, name="revocation_decide"),
    path("revocations/<int:pk>/close/", views.revocation_close, name="revocation_close"),
    path("supervision/", views.inspection_plan_list, name="inspection_plan_list"),
    path("supervision/new/", views.inspection_plan_create, name="inspection_plan_create"),
    path("supervision/<int:pk>/", views.inspection_plan_detail, name="inspection_plan_detail"),
    path("supervision/<int:pk>/inspections/", views.inspection_add, name="inspection_add"),
    path("supervision/<int:pk>/in-force/", views.inspection_add_in_force, name="inspection_add_in_force"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/findings/", views.inspection_finding_add, name="inspection_finding_add"),
    path("inspections/<int:pk>/actions/", views.inspection_action_add, name="inspection_action_add"),
    path("inspections/<int:pk>/conclude/", views.inspection_conclude, name="inspection_conclude"),
    path("actions/<int:pk>/done/", views.inspection_action_done, name="inspection_action_done"),
]
