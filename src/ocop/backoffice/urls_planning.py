"""Back-office URLs of the plan, its targets, tasks and reports (included in the backoffice namespace)."""

from django.urls import path

from ocop.backoffice.views.planning import obligations, plans, quotas, reports, targets, tasks

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("load/", plans.plan_load, name="plan_load"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/close-period/", plans.plan_close_period, name="plan_close_period"),
    path("<int:pk>/targets/new/", targets.plan_target_create, name="plan_target_create"),
    path("targets/<int:pk>/", targets.plan_target_detail, name="plan_target_detail"),
    path("targets/<int:pk>/edit/", targets.plan_target_edit, name="plan_target_edit"),
    path("targets/<int:pk>/values/new/", targets.plan_value_add, name="plan_value_add"),
    path("values/<int:pk>/evidence/", targets.plan_value_evidence, name="plan_value_evidence"),
    path("<int:pk>/quotas/", quotas.plan_quota_list, name="plan_quota_list"),
    path("<int:pk>/quotas/new/", quotas.plan_quota_create, name="plan_quota_create"),
    path("quotas/<int:pk>/", quotas.plan_quota_detail, name="plan_quota_detail"),
    path("quotas/<int:pk>/edit/", quotas.plan_quota_edit, name="plan_quota_edit"),
    path("<int:pk>/tasks/", tasks.plan_task_list, name="plan_task_list"),
    path("<int:pk>/tasks/new/", tasks.plan_task_create, name="plan_task_create"),
    path("tasks/<int:pk>/", tasks.plan_task_detail, name="plan_task_detail"),
    path("tasks/<int:pk>/edit/", tasks.plan_task_edit, name="plan_task_edit"),
    path("tasks/<int:pk>/progress/", tasks.plan_task_progress, name="plan_task_progress"),
    path("tasks/<int:pk>/outputs/", tasks.plan_task_output_add, name="plan_task_output_add"),
    path("task-updates/<int:pk>/evidence/", tasks.plan_task_evidence, name="plan_task_evidence"),
    path("<int:pk>/obligations/new/", obligations.plan_obligation_create, name="plan_obligation_create"),
    path("obligations/<int:pk>/edit/", obligations.plan_obligation_edit, name="plan_obligation_edit"),
    path("reports/", reports.report_list, name="report_list"),
    path("<int:pk>/reports/new/", reports.report_create, name="report_create"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/issue/", reports.report_issue, name="report_issue"),
    path("reports/<int:pk>/file.<str:fmt>", reports.report_download, name="report_download"),
]
