import django_filters
from django.db.models import F, Prefetch, Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from intlstrategy.api import EXPORT_PARAMETERS, MunicipalityScopedMixin

from .models import PUBLIC_STATUSES, Project, ProjectPartner, ProjectStatus
from .serializers import PublicProjectSerializer


class ProjectApiFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[
            (value, label)
            for value, label in ProjectStatus.choices
            if value in PUBLIC_STATUSES or value == ProjectStatus.WITHDRAWN
        ],
        help_text="Only projects with this status.",
    )
    year = django_filters.NumberFilter(
        method="filter_year",
        help_text="Projects running or completed during the year, or applications "
        "submitted in it (as the register's year view).",
    )
    programme = django_filters.NumberFilter(
        method="filter_programme",
        help_text="Id of a funding programme; its strands are included.",
    )

    class Meta:
        model = Project
        fields = ["status"]

    def filter_year(self, queryset, name, value):
        return queryset.in_year(int(value))

    def filter_programme(self, queryset, name, value):
        return queryset.filter(Q(programme_id=value) | Q(programme__parent_id=value))


@extend_schema(
    summary="Projects and applications of a municipality (public fields only)",
    parameters=EXPORT_PARAMETERS,
)
class ProjectList(MunicipalityScopedMixin, generics.ListAPIView):
    """Submitted, approved, rejected, ongoing and completed projects (and applications
    withdrawn after submission). Ideas and applications in preparation are internal.
    Newest first (start date, then title, then id)."""

    serializer_class = PublicProjectSerializer
    queryset = Project.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectApiFilter
    export_title = "projects"

    def get_queryset(self):
        return (
            Project.objects.for_municipality(self.get_municipality())
            # A tenant condition on the joined departments too: without it PostgreSQL
            # hashes every municipality's departments for one municipality's page.
            .filter(lead_department__municipality=self.get_municipality())
            .public()
            .with_related()
            .prefetch_related(
                Prefetch(
                    "partners",
                    queryset=ProjectPartner.objects.select_related("relation", "organisation"),
                )
            )
            .order_by(F("start_date").desc(nulls_last=True), "title", "pk")
        )
