from django.urls import path

from . import api

urlpatterns = [
    path("twin-towns/", api.TwinTownList.as_view(), name="api_twin_towns"),
    path("networks/", api.NetworkList.as_view(), name="api_networks"),
]
