from django.db.models import Prefetch
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from intlstrategy.api import MunicipalityScopedMixin, api_language

from .models import Project, ProjectPartner
from .serializers import PublicProjectSerializer


@extend_schema(
    summary="Projects and applications of a municipality (public fields only)",
    parameters=[
        OpenApiParameter("lang", str, enum=["nb", "sv", "en"], description="Language of texts."),
        OpenApiParameter("format", str, enum=["json", "csv"], description="Response format."),
    ],
)
class ProjectList(MunicipalityScopedMixin, generics.ListAPIView):
    """Submitted, approved, rejected, ongoing and completed projects (and applications
    withdrawn after submission). Ideas and applications in preparation are internal."""

    serializer_class = PublicProjectSerializer
    queryset = Project.objects.none()

    def get_queryset(self):
        return (
            Project.objects.for_municipality(self.get_municipality())
            .public()
            .with_related()
            .prefetch_related(
                Prefetch(
                    "partners",
                    queryset=ProjectPartner.objects.select_related("relation", "organisation"),
                )
            )
            .order_by("-start_date", "title")
        )

    def list(self, request, *args, **kwargs):
        # The serializer's data is computed inside super().list(), so the language
        # override covers every translated field. (The shared mixin's list() renders the
        # response before DRF has chosen a renderer, which fails; reported to the lead.)
        with translation.override(api_language(request, self.get_municipality())):
            return generics.ListAPIView.list(self, request, *args, **kwargs)
