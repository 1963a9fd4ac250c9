from django.urls import path

# Not in the public page cache: the API answers conditional GETs from the same
# generations (304 without a query) and is rate-limited per client (intlstrategy.api),
# which a cached answer would bypass.
from . import api

urlpatterns = [
    path(
        "strategies/",
        api.StrategyDocumentList.as_view(),
        name="api_strategies",
    ),
    path(
        "strategies/<int:pk>/progress/",
        api.StrategyProgressList.as_view(),
        name="api_strategy_progress",
    ),
]
