from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "flourish.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from flourish.accounts.adapters import record_two_step_on_activation

        # allauth offers no adapter hook for "an authenticator was turned on";
        # its signal is the supported way in, so this one signal stays.
        authenticator_added.connect(
            record_two_step_on_activation, dispatch_uid="flourish-two-step-on-activation"
        )
