"""Who may do what in learning. Guides are written by the administrators who run this
Flourish site: they already hold the one role trusted with the whole site (and two-step
sign-in), so no new role is needed for a handful of writers."""

from typing import Any

import rules

from flourish.accounts.rules import is_administrator

rules.add_perm("learning.write_guides", is_administrator)
rules.add_perm("learning.run_support", is_administrator)


def may_write_guides(user: Any) -> bool:
    return bool(user.has_perm("learning.write_guides"))
