"""Open data: a municipality's twin towns and network memberships (JSON or ?format=csv).

Only public fields: no contact persons, no representatives, no consuls, no evaluations,
no user who recorded anything. The serializers list their fields explicitly so that a
new model field never leaks into the export by accident.
"""

from django.db.models import Prefetch
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from intlstrategy.api import MunicipalityScopedMixin, api_language

from .models import CategoryChange, NetworkMembership, Relation


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


class LanguageListMixin(MunicipalityScopedMixin):
    """Serializes in the chosen language.

    The foundation's `MunicipalityScopedMixin.list` renders the response before DRF has
    chosen a renderer (AssertionError: accepted_renderer not set). The data is computed
    eagerly by `serializer.data`, so overriding the language around `list` is enough.
    """

    def list(self, request, *args, **kwargs):
        with translation.override(api_language(request, self.get_municipality())):
            return generics.ListAPIView.list(self, request, *args, **kwargs)


@extend_schema(summary="Twin towns and partner cities of a municipality, with category history")
class TwinTownList(LanguageListMixin, generics.ListAPIView):
    serializer_class = TwinTownSerializer

    def get_queryset(self):
        return (
            Relation.objects.for_municipality(self.get_municipality())
            .prefetch_related(
                Prefetch("category_changes", queryset=CategoryChange.objects.order_by("date", "id"))
            )
            .order_by("city")
        )


@extend_schema(summary="Network and organisation memberships of a municipality")
class NetworkList(LanguageListMixin, generics.ListAPIView):
    serializer_class = NetworkSerializer

    def get_queryset(self):
        return NetworkMembership.objects.for_municipality(self.get_municipality()).for_list()
