"""Open data: the adopted strategy documents of a municipality, read-only and public.

Field names are part of the public contract (docs/open-data.md): add fields, never
rename or remove them. Texts are in `?lang=` or the municipality's language, falling
back to another language when a translation is missing.
"""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from intlstrategy.api import EXPORT_PARAMETERS, MunicipalityScopedMixin

from .models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    DocumentKind,
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


class StrategyDocumentApiFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        field_name="adopted_on", lookup_expr="year", help_text="Adopted in this year."
    )
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)

    class Meta:
        model = StrategyDocument
        fields = ["kind"]


@extend_schema(
    summary="Adopted strategy documents of a municipality",
    parameters=EXPORT_PARAMETERS,
)
class StrategyDocumentList(MunicipalityScopedMixin, generics.ListAPIView):
    """The municipality's adopted documents with goal areas, strategies, amendments,
    action plans (activities, indicators and yearly values) and follow-ups. By id."""

    serializer_class = StrategyDocumentSerializer
    queryset = StrategyDocument.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = StrategyDocumentApiFilter
    # A document's lists hold lists (goal areas' goals, plans' activities): its CSV is
    # rendered from the whole (short) list; ?format=xlsx is streamed like the others.
    export_streamed = False
    export_title = "strategies"

    def get_queryset(self):
        municipality = self.get_municipality()
        return document_tree(
            StrategyDocument.objects.for_municipality(municipality).adopted().order_by("pk"),
            municipality,
        )


class ProgressRowSerializer(serializers.Serializer):
    """One row of the public progress page: a measure (once per goal area it serves) or
    an action-plan activity, with its newest reported status."""

    kind = serializers.CharField(help_text="measure or activity")
    reference = serializers.CharField(help_text="`1a` for a measure, the number for an activity")
    goal_area = serializers.IntegerField(allow_null=True, help_text="Measures: the goal area.")
    action_plan = serializers.CharField(help_text="Activities: the action plan's title.")
    text = serializers.CharField()
    responsible_departments = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField(
        help_text="not_started, on_track, delayed, done, cancelled, or empty (never reported)"
    )
    status_label = serializers.CharField()
    year = serializers.IntegerField(allow_null=True, help_text="The year of the last report.")
    note = serializers.CharField(help_text="The note of the last report.")
    carried_from_year = serializers.IntegerField(
        allow_null=True, help_text="Activities: the plan year it was last carried over from."
    )


@extend_schema(
    summary="Progress of a strategy document's measures and activities",
    parameters=[
        *EXPORT_PARAMETERS,
        OpenApiParameter("area", int, description="Goal area number."),
        OpenApiParameter("department", str, description="Department short name."),
    ],
)
class StrategyProgressList(MunicipalityScopedMixin, generics.ListAPIView):
    """The rows of the public progress page (`/strategy/<id>/progress/`), with the same
    filters; `?format=csv` gives the same rows as a spreadsheet."""

    serializer_class = ProgressRowSerializer
    queryset = StrategyDocument.objects.none()
    export_streamed = False  # rows come from one prefetched document, not a queryset
    export_title = "progress"

    def get_queryset(self):
        from django.shortcuts import get_object_or_404

        from .public_progress import departments_of, progress_document, progress_of, progress_rows

        municipality = self.get_municipality()
        document = get_object_or_404(
            progress_document(
                StrategyDocument.objects.for_municipality(municipality).exclude(status="draft"),
                municipality,
            ),
            pk=self.kwargs["pk"],
        )
        departments = departments_of(document, municipality)
        area = self.request.query_params.get("area", "")
        department = self.request.query_params.get("department", "")
        progress = progress_of(
            document,
            area=next((a.pk for a in document.goal_areas.all() if str(a.number) == area), None),
            department=next((d.pk for d in departments if d.slug == department), None),
        )
        return progress_rows(progress)
