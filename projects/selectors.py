"""Reads for the register's pages: aggregated in the database, a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from .models import (
    RUNNING_STATUSES,
    ExchangeRate,
    ProjectStatus,
    base_currency,
)
from .services import Total, convert_total

MONEY_FIELDS = ("total_budget", "municipality_budget", "grant")
# Amounts are converted at the rate of the year the project starts (else: was submitted).
RATE_YEAR = ExtractYear(Coalesce("start_date", "submitted_on"))


def rates_for(municipality) -> dict:
    return {
        (r.year, r.currency): r.rate for r in ExchangeRate.objects.for_municipality(municipality)
    }


def register(projects, *, status="", programme=None, department=None, year=None, q="", sort=""):
    if status:
        projects = projects.filter(status=status)
    if programme is not None:
        projects = projects.filter(Q(programme=programme) | Q(programme__parent=programme))
    if department is not None:
        projects = projects.filter(
            Q(lead_department=department) | Q(participating_departments=department)
        ).distinct()
    if year:
        projects = projects.in_year(year)
    if q:
        projects = projects.filter(
            Q(title_sv__icontains=q)
            | Q(title_nb__icontains=q)
            | Q(title_en__icontains=q)
            | Q(title__icontains=q)
            | Q(acronym__icontains=q)
        )
    order = {
        "start_date": ["start_date", "title"],
        "-start_date": ["-start_date", "title"],
        "title": ["title"],
        "status": ["status", "title"],
        "-total_budget": ["-total_budget", "title"],
        "-grant": ["-grant", "title"],
    }.get(sort, ["-start_date", "title"])
    from django.db.models import F

    ordering = [
        (F(o[1:]).desc(nulls_last=True) if o.startswith("-") else F(o).asc(nulls_last=True))
        for o in order
    ]
    return projects.with_related().order_by(*ordering)


def _years_and_sums(projects, group: str, field: str = "grant"):
    """[(group value, currency, rate year, count, sum of field)] aggregated in the database."""
    return (
        projects.annotate(rate_year=RATE_YEAR)
        .values_list(group, "currency", "rate_year")
        .annotate(n=Count("id", distinct=True), amount=Sum(field))
        .order_by()
    )


def _convert(municipality, currency, rows, rates) -> Total:
    today = timezone.localdate().year
    return convert_total(
        municipality=municipality,
        currency=currency,
        rates=rates,
        rows=[(amount, cur, year or today) for amount, cur, year in rows],
    )


def pipeline(projects, *, municipality, currency: str) -> dict:
    """Counts and sums per status, converted into `currency` with the rates used named."""
    rates = rates_for(municipality)
    by_status = defaultdict(lambda: {"count": 0, "total_budget": [], "grant": []})
    rows = (
        projects.annotate(rate_year=RATE_YEAR)
        .values_list("status", "currency", "rate_year")
        .annotate(n=Count("id"), total=Sum("total_budget"), grant=Sum("grant"))
        .order_by()
    )
    for status, cur, year, n, total, grant in rows:
        by_status[status]["count"] += n
        by_status[status]["total_budget"].append((total, cur, year))
        by_status[status]["grant"].append((grant, cur, year))
    result, all_total, all_grant = [], [], []
    for status in ProjectStatus:
        data = by_status.get(status.value)
        count = data["count"] if data else 0
        total = _convert(municipality, currency, data["total_budget"] if data else [], rates)
        grant = _convert(municipality, currency, data["grant"] if data else [], rates)
        if data:
            all_total += data["total_budget"]
            all_grant += data["grant"]
        result.append({"status": status, "count": count, "total_budget": total, "grant": grant})
    grand_total = _convert(municipality, currency, all_total, rates)
    grand_grant = _convert(municipality, currency, all_grant, rates)
    used, missing = {}, set()
    for t in [r["total_budget"] for r in result] + [r["grant"] for r in result]:
        used.update(t.rates_used)
        missing |= t.missing
    return {
        "rows": result,
        "total_budget": grand_total,
        "grant": grand_grant,
        "count": sum(r["count"] for r in result),
        "rates_used": sorted((y, c, r) for (y, c), r in used.items()),
        "missing": sorted(missing),
        "currency": currency,
        "base": base_currency(municipality),
    }


def funding_by_programme(projects, *, municipality, currency: str):
    """Grants of approved, ongoing and completed projects per main programme."""
    rates = rates_for(municipality)
    rows = (
        projects.filter(status__in=RUNNING_STATUSES)
        .annotate(rate_year=RATE_YEAR, main=Coalesce("programme__parent_id", "programme_id"))
        .values_list("main", "currency", "rate_year")
        .annotate(amount=Sum("grant"))
        .order_by()
    )
    grouped = defaultdict(list)
    for main, cur, year, amount in rows:
        grouped[main].append((amount, cur, year))
    from .models import FundingProgramme

    names = {
        p.pk: str(p) for p in FundingProgramme.objects.filter(pk__in=[k for k in grouped if k])
    }
    totals = {
        names.get(k, None) or "–": _convert(municipality, currency, v, rates)
        for k, v in grouped.items()
    }
    return dict(sorted(totals.items(), key=lambda item: -item[1].amount))


def funding_by_year(projects, *, municipality, currency: str):
    rates = rates_for(municipality)
    rows = (
        projects.filter(status__in=RUNNING_STATUSES, start_date__isnull=False)
        .annotate(start_year=ExtractYear("start_date"))
        .values_list("start_year", "currency")
        .annotate(amount=Sum("grant"))
        .order_by()
    )
    grouped = defaultdict(list)
    for year, cur, amount in rows:
        grouped[year].append((amount, cur, year))
    return {
        year: _convert(municipality, currency, grouped[year], rates) for year in sorted(grouped)
    }


def application_outcomes(projects) -> dict:
    """Submitted applications by outcome: approved (incl. ongoing/completed), rejected,
    withdrawn after submission, still awaiting a decision."""
    submitted = projects.filter(submitted_on__isnull=False)
    counts = submitted.aggregate(
        approved=Count("id", filter=Q(status__in=RUNNING_STATUSES)),
        rejected=Count("id", filter=Q(status=ProjectStatus.REJECTED)),
        withdrawn=Count("id", filter=Q(status=ProjectStatus.WITHDRAWN)),
        pending=Count("id", filter=Q(status=ProjectStatus.SUBMITTED)),
    )
    decided = counts["approved"] + counts["rejected"]
    counts["success_rate"] = (
        (Decimal(counts["approved"]) * 100 / decided).quantize(Decimal("0.1")) if decided else None
    )
    return counts
