"""Back-office URLs of the plan, its targets, tasks and reports (included in the backoffice namespace)."""

from django.urls import path

from ocop.backoffice.views import planning as views

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("load/", views.plan_load, name="plan_load"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/close-period/", views.plan_close_period, name="plan_close_period"),
    path("<int:pk>/targets/new/", views.plan_target_create, name="plan_target_create"),
    path("targets/<int:pk>/", views.plan_target_detail, name="plan_target_detail"),
    path("targets/<int:pk>/edit/", views.plan_target_edit, name="plan_target_edit"),
    path("targets/<int:pk>/values/new/", views.plan_value_add, name="plan_value_add"),
    path("values/<int:pk>/evidence/", views.plan_value_evidence, name="plan_value_evidence"),
    path("<int:pk>/quotas/", views.plan_quota_list, name="plan_quota_list"),
    path("<int:pk>/quotas/new/", views.plan_quota_create, name="plan_quota_create"),
    path("quotas/<int:pk>/", views.plan_quota_detail, name="plan_quota_detail"),
    path("quotas/<int:pk>/edit/", views.plan_quota_edit, name="plan_quota_edit"),
    path("<int:pk>/tasks/", views.plan_task_list, name="plan_task_list"),
    path("<int:pk>/tasks/new/", views.plan_task_create, name="plan_task_create"),
    path("tasks/<int:pk>/", views.plan_task_detail, name="plan_task_detail"),
    path("tasks/<int:pk>/edit/", views.plan_task_edit, name="plan_task_edit"),
    path("tasks/<int:pk>/progress/", views.plan_task_progress, name="plan_task_progress"),
    path("tasks/<int:pk>/outputs/", views.plan_task_output_add, name="plan_task_output_add"),
    path("task-updates/<int:pk>/evidence/", views.plan_task_evidence, name="plan_task_evidence"),
    path("<int:pk>/obligations/new/", views.plan_obligation_create, name="plan_obligation_create"),
    path("obligations/<int:pk>/edit/", views.plan_obligation_edit, name="plan_obligation_edit"),
    path("reports/", views.report_list, name="report_list"),
    path("<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/issue/", views.report_issue, name="report_issue"),
    path("reports/<int:pk>/file.<str:fmt>", views.report_download, name="report_download"),
]
