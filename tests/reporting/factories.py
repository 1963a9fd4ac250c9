"""Factories for the reporting tests (and the projects/strategies rows they read)."""

import datetime

import factory

from projects.models import Funder, FundingProgramme, Project, ProjectStatus
from reporting.models import DepartmentReport, ReportingRound, RoundStatus
from strategies.models import DocumentStatus, GoalArea, StrategyDocument


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Project {n}")
    title_en = factory.LazyAttribute(lambda o: o.title)
    title_sv = factory.LazyAttribute(lambda o: f"Projekt {o.title}")
    title_nb = factory.LazyAttribute(lambda o: f"Prosjekt {o.title}")
    status = ProjectStatus.ONGOING
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    currency = "EUR"
    grant = 100000


def programme(name="Interreg Baltic Sea Region"):
    funder, _ = Funder.objects.get_or_create(name="European Union")
    found, _ = FundingProgramme.objects.get_or_create(
        funder=funder, name=name, defaults={"name_en": name}
    )
    return found


def adopted_goal_areas(municipality, titles=("Knowledge and growth", "Climate and environment")):
    document = StrategyDocument.objects.create(
        title="International strategy", status=DocumentStatus.ADOPTED
    )
    document.municipalities.add(municipality)
    return [
        GoalArea.objects.create(
            document=document,
            number=i,
            title=t,
            title_en=t,
            title_sv=f"Målområde {t}",
            title_nb=f"Målområde {t}",
        )
        for i, t in enumerate(titles, start=1)
    ]


def make_round(municipality, departments, *, year=2025, deadline=None, status=RoundStatus.OPEN):
    round = ReportingRound.objects.create(
        municipality=municipality,
        year=year,
        deadline=deadline or datetime.date(year + 1, 2, 28),
        status=status,
        instructions_en="Report your international work.",
    )
    round.departments.set(departments)
    return round


def make_report(round, department, **fields):
    return DepartmentReport.objects.create(round=round, department=department, **fields)
