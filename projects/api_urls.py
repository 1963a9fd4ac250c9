from django.urls import path

from . import api

urlpatterns = [
    path("projects/", api.ProjectList.as_view(), name="api_projects"),
]
