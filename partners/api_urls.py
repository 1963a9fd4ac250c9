from django.urls import path

from intlstrategy.api import API_PARAMS
from intlstrategy.public_cache import cache_public_page

from . import api

urlpatterns = [
    path(
        "twin-towns/",
        cache_public_page(api.TwinTownList.as_view(), vary_on_accept=True, params=API_PARAMS),
        name="api_twin_towns",
    ),
    path(
        "networks/",
        cache_public_page(api.NetworkList.as_view(), vary_on_accept=True, params=API_PARAMS),
        name="api_networks",
    ),
]
