"""Back-office screens of the plans, one module per area: plans, targets, quotas, tasks, reporting obligations and
plan reports."""
