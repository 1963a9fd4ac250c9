"""factory_boy factories for the organisation; each app adds its own in tests/<app>/factories.py."""

import factory
from django.contrib.auth import get_user_model

from intlstrategy.models import Department, Membership, Municipality, Role

PASSWORD = "test-password-for-everyone"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kommun-{n}")
    name_sv = factory.LazyAttribute(lambda o: f"{o.slug.capitalize()} kommun")
    name_nb = factory.LazyAttribute(lambda o: f"{o.slug.capitalize()} kommune")
    name_en = factory.LazyAttribute(lambda o: f"{o.slug.capitalize()} Municipality")
    name = factory.LazyAttribute(lambda o: o.name_en)
    country = "SE"
    default_language = "sv"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("municipality", "slug")

    municipality = factory.SubFactory(MunicipalityFactory)
    slug = factory.Sequence(lambda n: f"avdelning-{n}")
    name_sv = factory.LazyAttribute(lambda o: f"Förvaltning {o.slug}")
    name_nb = factory.LazyAttribute(lambda o: f"Forvaltning {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Department {o.slug}")
    name = factory.LazyAttribute(lambda o: o.name_en)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def _member(role, municipality, departments=(), **user_kwargs):
    user = UserFactory(**user_kwargs)
    membership = Membership.objects.create(user=user, municipality=municipality, role=role)
    if departments:
        membership.departments.set(departments)
    return user


def CoordinatorFactory(*, municipality, **kwargs):  # noqa: N802 - reads like a factory
    return _member(Role.COORDINATOR, municipality, **kwargs)


def DepartmentContactFactory(*, department, **kwargs):  # noqa: N802
    return _member(Role.DEPARTMENT_CONTACT, department.municipality, [department], **kwargs)


def CouncilMemberFactory(*, municipality, **kwargs):  # noqa: N802
    return _member(Role.COUNCIL_MEMBER, municipality, **kwargs)
