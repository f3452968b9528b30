"""Permission matrix entries of the rule-set screens: the provincial office, the Ministry's coordination office and
the administrator read the list, only the administrator loads a set (as with ``ocop load_ruleset`` on the server)."""

from ocop.accounts.enums import Role
from tests.matrix import MINISTRY, OFFICE

ENTRIES = {
    "backoffice:rule_set_list": ("get", None, OFFICE | MINISTRY, 200),
    "backoffice:rule_set_load": ("get", None, {Role.ADMIN}, 200),
    "backoffice:rule_set_detail": ("get", lambda ctx, user: {"pk": _qd26().pk}, OFFICE | MINISTRY, 200),
}


def _qd26():
    from ocop.evaluation.models import RuleSet

    return RuleSet.objects.get(identifier="QD26-2026")  # loaded with the reference data
