"""Translated fields and history, registered together."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    DepartmentReport,
    ReportActivity,
    ReportingRound,
    ReportProgress,
    ReportProject,
    ReportResult,
    Trip,
)


@register(ReportingRound)
class ReportingRoundTranslationOptions(TranslationOptions):
    fields = ("instructions",)
    required_languages = ()


simple_history.register(ReportingRound, inherit=True, m2m_fields=["departments"])
# History of the report row names who saved last, for the optimistic-locking message.
simple_history.register(DepartmentReport, inherit=True)
# Every part of a report the department writes is in history too.
simple_history.register(ReportProject, inherit=True)
simple_history.register(ReportActivity, inherit=True)
simple_history.register(ReportResult, inherit=True)
simple_history.register(Trip, inherit=True)
simple_history.register(ReportProgress, inherit=True)
