from django.urls import path

from intlstrategy.api import API_PARAMS
from intlstrategy.public_cache import cache_public_page

from . import api

urlpatterns = [
    path(
        "strategies/",
        cache_public_page(
            api.StrategyDocumentList.as_view(), vary_on_accept=True, params=API_PARAMS
        ),
        name="api_strategies",
    ),
]
