import datetime
from decimal import Decimal

import factory

from projects.models import Call, Funder, FundingProgramme, Project, ProjectStatus
from tests.factories import DepartmentFactory, MunicipalityFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("name",)

    name = "European Union"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    funder = factory.SubFactory(FunderFactory)
    name = factory.Sequence(lambda n: f"Programme {n}")
    name_en = factory.LazyAttribute(lambda o: o.name)
    name_sv = factory.LazyAttribute(lambda o: f"Programmet {o.name}")
    name_nb = factory.LazyAttribute(lambda o: f"Programmet {o.name}")
    short_name = factory.Sequence(lambda n: f"P{n}")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    identifier = factory.Sequence(lambda n: f"CALL-{n}")
    title = "Call for proposals"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    lead_department = factory.SubFactory(
        DepartmentFactory, municipality=factory.SelfAttribute("..municipality")
    )
    title = factory.Sequence(lambda n: f"Project {n}")
    title_sv = factory.LazyAttribute(lambda o: f"Projektet {o.title}")
    title_nb = factory.LazyAttribute(lambda o: f"Prosjektet {o.title}")
    title_en = factory.LazyAttribute(lambda o: o.title)
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    status = ProjectStatus.ONGOING
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    currency = "EUR"
    total_budget = Decimal("100000.00")
    municipality_budget = Decimal("40000.00")
    grant = Decimal("60000.00")
    co_financing = Decimal("10000.00")
