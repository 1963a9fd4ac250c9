from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntlstrategyConfig(AppConfig):
    name = "intlstrategy"
    verbose_name = _("organisation")

    def ready(self):
        from django.db.models import signals
        from django.utils.module_loading import autodiscover_modules

        # Each app may contribute dashboard panels (see intlstrategy.dashboard).
        autodiscover_modules("dashboard")
        from . import permissions  # noqa: F401  registers the rules permissions
        from .public_cache import content_changed, deploy_check  # noqa: F401  registers the check

        # Any content change makes the cached public pages stale (intlstrategy.public_cache).
        for name in ("post_save", "post_delete", "m2m_changed"):
            getattr(signals, name).connect(content_changed, dispatch_uid=f"public-cache-{name}")
        # A deploy runs migrate: pages cached by the old release (its static file names,
        # forms and settings) must not outlive it in a Redis that survives the deploy.
        signals.post_migrate.connect(_invalidate_after_migrate, sender=self)


def _invalidate_after_migrate(**kwargs) -> None:
    from .public_cache import invalidate

    invalidate()
