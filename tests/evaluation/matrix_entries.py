"""Permission matrix entries of the rule-set screens: the provincial office and the administrator read the list,
only the administrator loads a set (as with ``ocop load_ruleset`` on the server)."""

from ocop.accounts.enums import Role
from tests.matrix import OFFICE

ENTRIES = {
    "backoffice:rule_set_list": ("get", None, OFFICE, 200),
    "backoffice:rule_set_load": ("get", None, {Role.ADMIN}, 200),
}
