"""Factories for strategy documents; every translated text is filled in all languages."""

import datetime

import factory

from strategies.models import (
    ActionPlan,
    ActionPlanActivity,
    AdoptingBody,
    CouncilAmendment,
    DocumentStatus,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    IndicatorValue,
    Measure,
    Responsibility,
    Strategy,
    StrategyDocument,
)


def _languages(field, text):
    return {
        f"{field}_nb": factory.LazyAttribute(lambda o: f"{text(o)} (nb)"),
        f"{field}_sv": factory.LazyAttribute(lambda o: f"{text(o)} (sv)"),
        f"{field}_en": factory.LazyAttribute(lambda o: f"{text(o)} (en)"),
    }


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyDocument
        skip_postgeneration_save = True

    title_sv = "Internationell strategi"
    title_nb = "Internasjonal strategi"
    title_en = "International strategy"
    title = "International strategy"
    status = DocumentStatus.ADOPTED
    adopted_by = AdoptingBody.COUNCIL
    adopted_on = datetime.date(2013, 10, 15)
    paragraph = "§ 213"
    case_number = "KS/2012:935"
    introduction_sv = "Vi lever i en globaliserad värld."
    introduction_en = "We live in a globalised world."
    vision_sv = "Europas grönaste stad."

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.municipalities.set(extracted)


class GoalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalArea

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_sv = factory.LazyAttribute(lambda o: f"Målområde {o.number}")
    title_nb = factory.LazyAttribute(lambda o: f"Målområde {o.number}")
    title_en = factory.LazyAttribute(lambda o: f"Goal area {o.number}")
    title = factory.LazyAttribute(lambda o: o.title_en)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    goal_area = factory.SubFactory(GoalAreaFactory)
    letter = factory.Sequence(lambda n: "abcdefghijklmnopqrstuvwxyz"[n % 26] + str(n // 26 or ""))
    text_sv = factory.LazyAttribute(lambda o: f"Mål {o.letter}")
    text_nb = factory.LazyAttribute(lambda o: f"Mål {o.letter}")
    text_en = factory.LazyAttribute(lambda o: f"Goal {o.letter}")
    text = factory.LazyAttribute(lambda o: o.text_en)


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_sv = factory.LazyAttribute(lambda o: f"Strategi {o.number}")
    title_nb = factory.LazyAttribute(lambda o: f"Strategi {o.number}")
    title_en = factory.LazyAttribute(lambda o: f"Strategy {o.number}")
    title = factory.LazyAttribute(lambda o: o.title_en)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    strategy = factory.SubFactory(StrategyFactory)
    letter = factory.Sequence(lambda n: "abcdefghijklmnopqrstuvwxyz"[n % 26] + str(n // 26 or ""))
    text_sv = factory.LazyAttribute(lambda o: f"Åtgärd {o.letter} med extern finansiering")
    text_nb = factory.LazyAttribute(lambda o: f"Tiltak {o.letter} med ekstern finansiering")
    text_en = factory.LazyAttribute(lambda o: f"Measure {o.letter} with external funding")
    text = factory.LazyAttribute(lambda o: o.text_en)


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilAmendment

    document = factory.SubFactory(DocumentFactory)
    decided_on = datetime.date(2010, 1, 28)
    # Zero-padded so that a document's amendments (ordered by item) keep their creation
    # order however many were made before in the session ("4z" < "4a" used to flip them).
    item = factory.Sequence(lambda n: f"4.{n:04d}")
    text_nb = "Nytt punkt f"
    text_sv = "Ny punkt f"
    text_en = "New item f"
    text = "New item f"


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    document = factory.SubFactory(DocumentFactory)
    title_sv = "Handlingsplan"
    title_en = "Action plan"
    title = "Action plan"
    start_year = 2021
    end_year = 2025


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlanActivity

    action_plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_sv = "Aktivitet"
    title_en = "Activity"
    title = "Activity"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    action_plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    name_sv = "Antal EU-projekt"
    name_en = "Number of EU projects"
    name = "Number of EU projects"
    unit = "projekt"
    baseline = 2
    baseline_year = 2021
    target = 10
    target_year = 2025


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2022
    value = 4


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    document = factory.SubFactory(DocumentFactory)
    followed_up_on = datetime.date(2023, 5, 10)
    summary_sv = "Strategin följdes upp av kommunstyrelsen."
    summary = "Strategin följdes upp av kommunstyrelsen."


def full_document(municipality, *, size=1, **kwargs):
    """An adopted document with `size` goal areas/strategies, each with goals/measures."""
    document = DocumentFactory(municipalities=[municipality], **kwargs)
    grow_document(document, size)
    return document


def grow_document(document, size=1):
    start = document.goal_areas.count()
    for n in range(start + 1, start + size + 1):
        area = GoalAreaFactory(document=document, number=n)
        for letter in "abc":
            GoalFactory(goal_area=area, letter=letter)
        strategy = StrategyFactory(document=document, number=n)
        strategy.goal_areas.set([area])
        for letter in "abc":
            measure = MeasureFactory(strategy=strategy, letter=letter)
            measure.goal_areas.set([area])
        AmendmentFactory(document=document, measure=measure)
        Responsibility.objects.create(
            document=document, order=n, body_sv=f"Organ {n}", duties_sv=f"Uppgifter {n}"
        )
    return document
