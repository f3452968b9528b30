"""Back-office URLs of the plan, its targets, tasks and reports (included in the backoffice namespace)."""

urlpatterns: list = []
