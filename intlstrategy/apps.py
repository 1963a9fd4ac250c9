from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntlstrategyConfig(AppConfig):
    name = "intlstrategy"
    verbose_name = _("organisation")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app may contribute dashboard panels (see intlstrategy.dashboard).
        autodiscover_modules("dashboard")
        from . import permissions  # noqa: F401  registers the rules permissions
