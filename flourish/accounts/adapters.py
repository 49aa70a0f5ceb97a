"""How django-allauth fits Flourish."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open: anyone may make an account to apply, list a group or join a timebank."""

    def is_open_for_signup(self, request: object) -> bool:
        return True
