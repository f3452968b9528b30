"""Programme support: training classes with their participants and attendance, trademark and IP support cases,
and the money of the plan by funding source (per task) and the support each producer received."""
