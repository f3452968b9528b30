"""The reference data every test database starts with: Vietnam's administrative units and the built-in rule sets."""


def load_reference_data() -> None:
    from ocop.evaluation.domain.rule_sets import load_builtin_rule_sets
    from ocop.geo.domain.loader import load_administrative_units
    from ocop.geo.models import AdministrativeUnit

    if not AdministrativeUnit.objects.exists():
        load_administrative_units()
    load_builtin_rule_sets()
