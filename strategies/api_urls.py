from django.urls import path

from . import api

urlpatterns = [
    path("strategies/", api.StrategyDocumentList.as_view(), name="api_strategies"),
]
