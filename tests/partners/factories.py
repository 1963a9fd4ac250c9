import datetime
from decimal import Decimal

import factory

from partners.models import (
    Agreement,
    Category,
    CategoryChange,
    Consulate,
    ContactPerson,
    Direction,
    Evaluation,
    FinancingLine,
    ForumParticipant,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    PersonKind,
    Recommendation,
    Relation,
    RelationActivity,
    Representation,
)
from tests.factories import MunicipalityFactory


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    municipality = factory.SubFactory(MunicipalityFactory)
    city_en = factory.Sequence(lambda n: f"Partnerstadt {n}")
    city_sv = factory.LazyAttribute(lambda o: o.city_en)
    city_nb = factory.LazyAttribute(lambda o: o.city_en)
    city = factory.LazyAttribute(lambda o: o.city_en)
    country = "DE"
    latitude = Decimal("50.97870")
    longitude = Decimal("11.03280")
    category = Category.PROJECT_AGREEMENT
    established_year = 1991


class CategoryChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryChange

    relation = factory.SubFactory(RelationFactory)
    date = datetime.date(2015, 1, 1)
    from_category = ""
    to_category = factory.LazyAttribute(lambda o: o.relation.category)
    reason = "First grading"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelationActivity

    relation = factory.SubFactory(RelationFactory)
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    direction = Direction.OUTGOING
    participants = 5
    description = "Study visit"


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    relation = factory.SubFactory(RelationFactory)
    date = datetime.date(2025, 5, 1)
    evaluated_by = "International office"
    assessment = "CONFIDENTIAL-ASSESSMENT works well"
    recommendation = Recommendation.KEEP


class FinancingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingLine

    relation = factory.SubFactory(RelationFactory)
    year = 2026
    amount = Decimal("10000.00")
    currency = "SEK"
    source = "Municipal budget"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    relation = factory.SubFactory(RelationFactory)
    name = "Greta Geheim"
    email = "greta.geheim@example.org"
    phone = "+46 70 123 45 67"
    role = "Partner city contact"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    relation = factory.SubFactory(RelationFactory)
    title = "Cooperation agreement"
    signed_on = datetime.date(2020, 1, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Network {n}")
    name = factory.LazyAttribute(lambda o: o.name_en)
    kind = OrganisationKind.CITY_NETWORK
    country = "BE"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    since = 2005
    yearly_fee = Decimal("3000")
    currency = "EUR"
    value_note = "Climate cooperation"


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representation

    membership = factory.SubFactory(MembershipFactory)
    person_name = "Ragnar Representant"
    person_kind = PersonKind.POLITICIAN
    body = "Executive board"
    from_date = datetime.date(2023, 1, 1)


class ConsulateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consulate

    municipality = factory.SubFactory(MunicipalityFactory)
    country = "FR"
    consul_name = "Claude Konsul"
    address = "Storgatan 1"


class ForumParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumParticipant

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation_name = "NTNU"
    representative = "Rita Representant"
    role = "University"
