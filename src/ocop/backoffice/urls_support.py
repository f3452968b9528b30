"""Back-office URLs of programme support: training classes, IP support cases, funding, support received by
producers (included in the backoffice namespace)."""

from django.urls import path

from ocop.backoffice.views import support

urlpatterns = [
    path("classes/", support.training_class_list, name="training_class_list"),
    path("classes/new/", support.training_class_create, name="training_class_create"),
    path("classes/<int:pk>/", support.training_class_detail, name="training_class_detail"),
    path("classes/<int:pk>/enrol/", support.training_class_enrol, name="training_class_enrol"),
    path("classes/<int:pk>/attendance/", support.training_class_attendance, name="training_class_attendance"),
    path("ip-cases/", support.ip_case_list, name="ip_case_list"),
    path("ip-cases/new/", support.ip_case_create, name="ip_case_create"),
    path("ip-cases/<int:pk>/", support.ip_case_detail, name="ip_case_detail"),
    path("ip-cases/<int:pk>/status/", support.ip_case_status, name="ip_case_status"),
    path("funding/", support.funding_list, name="funding_list"),
    path("funding/new/", support.funding_create, name="funding_create"),
    path("funding/<int:pk>/evidence/", support.funding_evidence, name="funding_evidence"),
    path("producer-support/", support.support_received_list, name="support_received_list"),
    path("producer-support/new/", support.support_received_create, name="support_received_create"),
]
