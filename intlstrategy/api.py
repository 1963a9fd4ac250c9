"""The open-data API's shared parts: municipalities, and the language switch."""

from django.shortcuts import get_object_or_404
from django.utils import translation
from rest_framework import generics, serializers

from .models import Municipality


class MunicipalitySerializer(serializers.ModelSerializer):
    name = serializers.CharField()

    class Meta:
        model = Municipality
        fields = ["slug", "name", "country", "default_language"]


class MunicipalityList(generics.ListAPIView):
    """All municipalities served by this portal."""

    serializer_class = MunicipalitySerializer
    queryset = Municipality.objects.order_by("slug")
    pagination_class = None

    def list(self, request, *args, **kwargs):
        with translation.override(api_language(request)):
            return super().list(request, *args, **kwargs)


# The query parameters every list of the API reads (its page cache keys by these only).
API_PARAMS = ("lang", "format")


def api_language(request, municipality: Municipality | None = None) -> str:
    """`?lang=nb|sv|en`; default: the municipality's own language (else English)."""
    requested = request.query_params.get("lang", "")
    if requested in {"nb", "sv", "en"}:
        return requested
    return municipality.default_language if municipality else "en"


class MunicipalityScopedMixin:
    """For per-municipality endpoints: resolves <slug>, renders in the chosen language."""

    pagination_class = None

    def get_municipality(self) -> Municipality:
        if not hasattr(self, "_municipality"):
            self._municipality = get_object_or_404(Municipality, slug=self.kwargs["slug"])
        return self._municipality

    def list(self, request, *args, **kwargs):
        # Serializer data is computed inside list(), so the language applies to it; the
        # response is rendered to JSON/CSV later by DRF, which is language-independent.
        with translation.override(api_language(request, self.get_municipality())):
            return super().list(request, *args, **kwargs)
