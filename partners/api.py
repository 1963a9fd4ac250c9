"""Open data: a municipality's twin towns and network memberships (JSON or ?format=csv).

Only public fields: no contact persons, no representatives, no consuls, no evaluations,
no user who recorded anything. The serializers list their fields explicitly so that a
new model field never leaks into the export by accident.
"""

import django_filters
from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from intlstrategy.api import EXPORT_PARAMETERS, MunicipalityScopedMixin

from .models import (
    Category,
    CategoryChange,
    NetworkMembership,
    OrganisationKind,
    Relation,
    RelationKind,
)


class CategoryChangeSerializer(serializers.ModelSerializer):
    # Plain strings: the values are those of `category` (one enum in the schema, not three).
    from_category = serializers.CharField(help_text="Empty for the first grading.")
    to_category = serializers.CharField()
    decided_by = serializers.CharField()

    class Meta:
        model = CategoryChange
        fields = [
            "date",
            "from_category",
            "to_category",
            "reason",
            "decided_by",
            "decision_date",
            "case_number",
        ]


class TwinTownSerializer(serializers.ModelSerializer):
    city = serializers.CharField()
    country_name = serializers.CharField()
    established = serializers.SerializerMethodField()
    category_history = CategoryChangeSerializer(many=True, source="category_changes")

    class Meta:
        model = Relation
        fields = [
            "id",
            "city",
            "country",
            "country_name",
            "latitude",
            "longitude",
            "kind",
            "category",
            "established",
            "ended_on",
            "is_demo",
            "category_history",
        ]

    def get_established(self, relation) -> str | None:
        if relation.established_on:
            return relation.established_on.isoformat()
        return str(relation.established_year) if relation.established_year else None


class NetworkSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(source="organisation.kind")
    country = serializers.CharField(source="organisation.country")
    website = serializers.CharField(source="organisation.website")

    class Meta:
        model = NetworkMembership
        fields = [
            "organisation",
            "kind",
            "country",
            "website",
            "since",
            "yearly_fee",
            "currency",
            "renewal_on",
            "value_note",
            "ended_on",
            "is_demo",
        ]


class TwinTownApiFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=Category.choices)
    kind = django_filters.ChoiceFilter(choices=RelationKind.choices)
    ended = django_filters.BooleanFilter(
        field_name="ended_on",
        lookup_expr="isnull",
        exclude=True,
        help_text="true: only ended relations; false: only current ones.",
    )

    class Meta:
        model = Relation
        fields = ["category", "kind"]


class NetworkApiFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="organisation__kind", choices=OrganisationKind.choices
    )
    ended = django_filters.BooleanFilter(
        field_name="ended_on",
        lookup_expr="isnull",
        exclude=True,
        help_text="true: only ended memberships; false: only current ones.",
    )

    class Meta:
        model = NetworkMembership
        fields = []


@extend_schema(
    summary="Twin towns and partner cities of a municipality, with category history",
    parameters=EXPORT_PARAMETERS,
)
class TwinTownList(MunicipalityScopedMixin, generics.ListAPIView):
    """Ordered by city (then id)."""

    serializer_class = TwinTownSerializer
    queryset = Relation.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = TwinTownApiFilter
    export_title = "twin-towns"

    def get_queryset(self):
        return (
            Relation.objects.for_municipality(self.get_municipality())
            .prefetch_related(
                Prefetch("category_changes", queryset=CategoryChange.objects.order_by("date", "id"))
            )
            .order_by("city", "pk")
        )


@extend_schema(
    summary="Network and organisation memberships of a municipality",
    parameters=EXPORT_PARAMETERS,
)
class NetworkList(MunicipalityScopedMixin, generics.ListAPIView):
    """Ordered by organisation (then id)."""

    serializer_class = NetworkSerializer
    queryset = NetworkMembership.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = NetworkApiFilter
    export_title = "networks"

    def get_queryset(self):
        return (
            NetworkMembership.objects.for_municipality(self.get_municipality())
            .for_list()
            .order_by("organisation__name", "pk")
        )
