"""Who sees the rule sets and who loads one. The provincial OCOP office and the Ministry's coordination office read
which rules are loaded and in force;
loading a rule set changes how every dossier is scored, so only the system administrator does it (as with
``ocop load_ruleset`` on the server)."""

import rules

from ocop.accounts.rules import is_admin, is_ministry_office, is_province_office

rules.add_perm("evaluation.view_rule_sets", is_admin | is_province_office | is_ministry_office)
rules.add_perm("evaluation.load_rule_sets", is_admin)
