"""Open data: the adopted strategy documents of a municipality, read-only and public.

Field names are part of the public contract (docs/open-data.md): add fields, never
rename or remove them. Texts are in `?lang=` or the municipality's language, falling
back to another language when a translation is missing.
"""

from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from intlstrategy.api import MunicipalityScopedMixin, api_language

from .models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
    Strategy,
    StrategyDocument,
)
from .selectors import document_tree


class GoalSerializer(serializers.ModelSerializer):
    letter = serializers.CharField()
    text = serializers.CharField()

    class Meta:
        model = Goal
        fields = ["letter", "text"]


class GoalAreaSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    municipality = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Set for a municipality-specific part.",
    )
    goals = GoalSerializer(many=True)

    class Meta:
        model = GoalArea
        fields = ["number", "title", "description", "municipality", "goals"]


class MeasureSerializer(serializers.ModelSerializer):
    letter = serializers.CharField()
    text = serializers.CharField()
    responsible_departments = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    goal_areas = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["letter", "text", "responsible_departments", "goal_areas"]


class StrategySerializer(serializers.ModelSerializer):
    number = serializers.IntegerField()
    text = serializers.CharField(source="title")
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    goal_areas = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    measures = MeasureSerializer(many=True)

    class Meta:
        model = Strategy
        fields = ["number", "text", "municipality", "goal_areas", "measures"]


class AmendmentSerializer(serializers.ModelSerializer):
    item = serializers.CharField()
    body = serializers.CharField()
    decided_on = serializers.DateField()
    kind = serializers.CharField(help_text="added or changed")
    text = serializers.CharField()
    proposed_text = serializers.CharField(help_text="The wording as proposed; empty when added.")
    target = serializers.SerializerMethodField()

    def get_target(self, amendment) -> str:
        """`goal 1a`, `strategy 3`, `measure 3f`, a document text, or `` for the whole."""
        if amendment.goal:
            return f"goal {amendment.goal.goal_area.number}{amendment.goal.letter}"
        if amendment.strategy:
            return f"strategy {amendment.strategy.number}"
        if amendment.measure:
            return f"measure {amendment.measure.strategy.number}{amendment.measure.letter}"
        return amendment.part

    class Meta:
        model = CouncilAmendment
        fields = ["item", "body", "decided_on", "kind", "text", "proposed_text", "target"]


class MilestoneSerializer(serializers.ModelSerializer):
    title = serializers.CharField()
    due_on = serializers.DateField()
    done = serializers.BooleanField()

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done"]


class ActivitySerializer(serializers.ModelSerializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    responsible_department = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    result_target = serializers.CharField()
    resources_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    resources_currency = serializers.CharField()
    measures = serializers.SerializerMethodField()
    milestones = MilestoneSerializer(many=True)

    def get_measures(self, activity) -> list[str]:
        """Measures as `<strategy number><letter>`, e.g. `1f`."""
        return [f"{m.strategy.number}{m.letter}" for m in activity.measures.all()]

    class Meta:
        model = ActionPlanActivity
        fields = [
            "number",
            "title",
            "description",
            "responsible_department",
            "starts_on",
            "ends_on",
            "result_target",
            "resources_amount",
            "resources_currency",
            "measures",
            "milestones",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = IndicatorValue
        fields = ["year", "value"]


class IndicatorSerializer(serializers.ModelSerializer):
    name = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.CharField(help_text="higher or lower (which is better)")
    baseline = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    baseline_year = serializers.IntegerField(allow_null=True)
    target = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    target_year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(
        allow_null=True, help_text="on_track, at_risk, off_track, or null without value/target"
    )
    values = IndicatorValueSerializer(many=True)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "baseline",
            "baseline_year",
            "target",
            "target_year",
            "status",
            "values",
        ]


class ActionPlanSerializer(serializers.ModelSerializer):
    title = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    is_demo = serializers.BooleanField()
    activities = ActivitySerializer(many=True)
    indicators = IndicatorSerializer(many=True)

    class Meta:
        model = ActionPlan
        fields = ["title", "start_year", "end_year", "is_demo", "activities", "indicators"]


class FollowUpSerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="followed_up_on")
    body = serializers.CharField()
    paragraph = serializers.CharField()
    summary = serializers.CharField()
    decision = serializers.CharField()

    class Meta:
        model = FollowUp
        fields = ["date", "body", "paragraph", "summary", "decision"]


class StrategyDocumentSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    adopted_by = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    paragraph = serializers.CharField()
    case_number = serializers.CharField()
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    replaces = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    replaces_note = serializers.CharField()
    municipalities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    introduction = serializers.CharField()
    purpose = serializers.CharField()
    vision = serializers.CharField()
    guidelines = serializers.CharField()
    responsibilities = serializers.CharField()
    is_demo = serializers.BooleanField()
    goal_areas = GoalAreaSerializer(many=True)
    strategies = StrategySerializer(many=True)
    amendments = AmendmentSerializer(many=True)
    action_plans = ActionPlanSerializer(many=True)
    follow_ups = FollowUpSerializer(many=True)

    class Meta:
        model = StrategyDocument
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "adopted_by",
            "adopted_on",
            "paragraph",
            "case_number",
            "owner",
            "valid_until",
            "replaces",
            "replaces_note",
            "municipalities",
            "introduction",
            "purpose",
            "vision",
            "guidelines",
            "responsibilities",
            "is_demo",
            "goal_areas",
            "strategies",
            "amendments",
            "action_plans",
            "follow_ups",
        ]


@extend_schema(
    summary="Adopted strategy documents of a municipality",
    parameters=[
        OpenApiParameter(
            "lang",
            str,
            enum=["nb", "sv", "en"],
            description="Language of the texts (default: the municipality's).",
        ),
    ],
)
class StrategyDocumentList(MunicipalityScopedMixin, generics.ListAPIView):
    """The municipality's adopted documents with goal areas, strategies, amendments,
    action plans (activities, indicators and yearly values) and follow-ups."""

    serializer_class = StrategyDocumentSerializer

    def get_queryset(self):
        municipality = self.get_municipality()
        return document_tree(
            StrategyDocument.objects.for_municipality(municipality).adopted().order_by("pk"),
            municipality,
        )

    def list(self, request, *args, **kwargs):
        # The texts are resolved while serialising (inside the language override); the
        # shared mixin's early `response.render()` fails before DRF has chosen a
        # renderer, so we leave rendering to DRF.
        with translation.override(api_language(request, self.get_municipality())):
            return generics.ListAPIView.list(self, request, *args, **kwargs)
