"""Translated fields and history, registered together."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Relation


@register(Relation)
class RelationTranslationOptions(TranslationOptions):
    fields = ("city", "description")
    required_languages = ()


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


simple_history.register(Relation, inherit=True, m2m_fields=["focus_areas"])
simple_history.register(Organisation, inherit=True)

# The other records keep their text in the language it was written in; their history
# is kept all the same (who regraded, who changed an agreement or a membership).
# Contact persons have no history: removing one must remove the personal data.
from .models import (  # noqa: E402
    Agreement,
    CategoryChange,
    Consulate,
    Evaluation,
    FinancingLine,
    ForumParticipant,
    NetworkMembership,
    RelationActivity,
    Representation,
)

for _model in (
    CategoryChange,
    Evaluation,
    Agreement,
    FinancingLine,
    RelationActivity,
    NetworkMembership,
    Representation,
    Consulate,
    ForumParticipant,
):
    simple_history.register(_model, inherit=True)
