"""Who may do what in core."""

import rules

from flourish.accounts.rules import is_administrator

rules.add_perm("core.view_audit_trail", is_administrator)
