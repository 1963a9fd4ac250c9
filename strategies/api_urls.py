from django.urls import path

from intlstrategy.public_cache import cache_public_page

from . import api

urlpatterns = [
    path(
        "strategies/",
        cache_public_page(api.StrategyDocumentList.as_view(), vary_on_accept=True),
        name="api_strategies",
    ),
]
