from django.urls import path

# Not in the public page cache: the API answers conditional GETs from the same
# generations (304 without a query) and is rate-limited per client (intlstrategy.api),
# which a cached answer would bypass.
from . import api

urlpatterns = [
    path(
        "twin-towns/",
        api.TwinTownList.as_view(),
        name="api_twin_towns",
    ),
    path(
        "networks/",
        api.NetworkList.as_view(),
        name="api_networks",
    ),
]
