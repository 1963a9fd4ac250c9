#!/usr/bin/env python
"""Benchmark (not a test): the council follow-up PDF for 10, 40 and 80 departments,
beside WeasyPrint rendering a plain document of the same page count in the same run.

    .venv/bin/python benchmarks/followup.py [--departments 10 40 80] [--repeat 2]

Each measurement runs in its own child process, so its peak memory (ru_maxrss) is its
own. The data lives in a throw-away SQLite database made by the parent. Timed: the
render only (follow-up: queries, template, charts and WeasyPrint; plain: WeasyPrint),
after `import weasyprint` and a warm-up render of the smallest follow-up and of a one-page
plain document (a Celery worker is warm after its first task; the cold first render
costs about a second more).
Both go through intlstrategy.pdf (same URL fetcher, same tagged PDF/UA output).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intlstrategy.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()


def make_data(departments: list[int]) -> None:
    """One municipality per size, each department with an approved, full report."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from intlstrategy.models import Department, Municipality
    from partners.models import Category, Relation
    from projects.models import Funder, FundingProgramme, Project, ProjectStatus
    from reporting.models import (
        ActivityKind,
        DepartmentReport,
        ReportActivity,
        ReportingRound,
        ReportProject,
        ReportResult,
        ReportStatus,
        RoundStatus,
        TravelMode,
        Trip,
        estimate_co2_kg,
        project_snapshot,
    )
    from strategies.models import DocumentStatus, GoalArea, StrategyDocument

    rng = random.Random(2026)
    funder, _ = Funder.objects.get_or_create(name="European Union")
    programmes = [
        FundingProgramme.objects.get_or_create(funder=funder, name=name)[0]
        for name in ("Interreg Baltic Sea Region", "Erasmus+", "Horizon Europe", "LIFE", "Nordplus")
    ]
    text = (
        "Arbetet har gett nya kontakter och kunskap som används i verksamheten. Två projektidéer "
        "har tagits fram tillsammans med partner i nätverket. "
    ) * 3
    for size in departments:
        municipality, _ = Municipality.objects.get_or_create(
            slug=f"bench-{size}",
            defaults={
                "name": f"Bänkköping {size}",
                "name_sv": f"Bänkköpings kommun ({size})",
                "country": "SE",
                "default_language": "sv",
            },
        )
        document = StrategyDocument.objects.create(
            title="Internationell strategi", status=DocumentStatus.ADOPTED
        )
        document.municipalities.add(municipality)
        areas = [
            GoalArea.objects.create(document=document, number=i, title=t, title_sv=t)
            for i, t in enumerate(
                ["Kunskap och tillväxt", "Klimat och miljö", "Demokrati", "Attraktivitet"], 1
            )
        ]
        for i, category in enumerate(Category.values * 2):
            Relation.objects.create(
                municipality=municipality, city=f"Stad {i}", country="DE", category=category
            )
        round = ReportingRound.objects.create(
            municipality=municipality,
            year=2025,
            deadline=datetime.date(2026, 2, 28),
            status=RoundStatus.CLOSED,
        )
        for d in range(size):
            department = Department.objects.create(
                municipality=municipality,
                slug=f"forvaltning-{d}",
                name=f"Förvaltning {d:02d}",
                name_sv=f"Förvaltning {d:02d}",
            )
            round.departments.add(department)
            report = DepartmentReport.objects.create(
                round=round, department=department, status=ReportStatus.APPROVED
            )
            for p in range(3):
                project = Project.objects.create(
                    municipality=municipality,
                    title=f"Projekt {d}-{p} om hållbar utveckling i Östersjöregionen",
                    programme=rng.choice(programmes),
                    lead_department=department,
                    status=rng.choice(
                        [ProjectStatus.ONGOING, ProjectStatus.COMPLETED, ProjectStatus.SUBMITTED]
                    ),
                    start_date=datetime.date(2024, 1, 1),
                    end_date=datetime.date(2026, 12, 31),
                    grant=Decimal(rng.randrange(50, 900) * 1000),
                )
                ReportProject.objects.create(
                    report=report,
                    project=project,
                    comment=text[:160],
                    snapshot=project_snapshot(project),
                )
            for a in range(4):
                ReportActivity.objects.create(
                    report=report,
                    kind=rng.choice(ActivityKind.values[:-1]),
                    date=datetime.date(2025, 1 + a * 3, 10),
                    title=f"Aktivitet {a} med partner i nätverket",
                    partner="Union of Baltic Cities",
                    participants=rng.randrange(1, 30),
                    goal_area=rng.choice(areas),
                )
            for area in areas[:2]:
                ReportResult.objects.create(report=report, goal_area=area, text=text)
            for t in range(3):
                mode = rng.choice(TravelMode.values)
                km = Decimal(rng.randrange(100, 3000))
                Trip.objects.create(
                    report=report,
                    destination=f"Resa {t}",
                    mode=mode,
                    distance_km=km,
                    co2_kg=estimate_co2_kg(mode, km),
                    compensated=rng.random() < 0.6,
                )


PARAGRAPH = (
    "Kommunen arbetar internationellt för att stärka kunskap, tillväxt och hållbar utveckling. "
    "Förvaltningarna deltar i nätverk, tar emot studiebesök och driver projekt med partner i "
    "andra länder, och resultaten redovisas varje år till kommunstyrelsen och fullmäktige. "
    "Arbetet följs upp mot strategins mål och handlingsplanens indikatorer. "
)


def plain_html(pages: int) -> str:
    """Plain running text, one page per section, filled like a page of the follow-up:
    the same page size, margins and font, no tables, charts or cross-references."""
    section = "<p>" + PARAGRAPH * 2 + "</p>"
    body = "".join(f"<section><h2>Avsnitt {n}</h2>{section * 6}</section>" for n in range(pages))
    style = (
        "@page { size: A4; margin: 22mm 18mm 20mm 18mm; }"
        "html { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.35; }"
        "section { page-break-after: always; } h2 { font-size: 16pt; }"
    )
    return (
        f"<!DOCTYPE html><html lang='sv'><head><title>Plain</title><style>{style}</style></head>"
        f"<body>{body}</body></html>"
    )


def child(kind: str, size: int, pages: int) -> dict:
    import weasyprint  # noqa: F401  imported before timing (about a second), as in a warm worker

    from intlstrategy.models import Municipality
    from intlstrategy.pdf import html_to_pdf
    from reporting import services

    municipality = Municipality.objects.get(slug=f"bench-{size}")
    # Warm-up, the same for both kinds, as in a Celery worker that has rendered before:
    # WeasyPrint's fonts and fetcher, Django's templates and catalogues, vl-convert's runtime.
    html_to_pdf(plain_html(1))
    smallest = Municipality.objects.filter(slug__startswith="bench-").order_by("pk").first()
    services.followup_pdf(municipality=smallest, years=[2025], language="sv")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    if kind == "followup":
        pdf = services.followup_pdf(municipality=municipality, years=[2025], language="sv")
    else:
        pdf = html_to_pdf(plain_html(pages))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    page_count = int(
        next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    )
    return {
        "kind": kind,
        "size": size,
        "seconds": seconds,
        "cpu": cpu,
        "pages": page_count,
        "rss_before_mb": before / 1024,
        "peak_rss_mb": peak / 1024,
    }


def run_child(database: str, kind: str, size: int, pages: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(size), str(pages), "--database", database],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--departments", type=int, nargs="+", default=[10, 40, 80])
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="Runs per measurement; the fastest (wall and CPU separately) is kept.",
    )
    parser.add_argument("--database", default="")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "SIZE", "PAGES"))
    args = parser.parse_args()
    if args.child:
        setup_django(args.database)
        kind, size, pages = args.child
        print(json.dumps(child(kind, int(size), int(pages))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        database = str(Path(tmp) / "bench.sqlite3")
        setup_django(database)
        make_data(args.departments)
        print(
            f"{'departments':>11} {'pages':>5} {'follow-up s':>11} {'plain s':>8} {'ratio':>6} "
            f"{'CPU f-u':>7} {'CPU pl.':>7} {'CPU ratio':>9} {'follow-up MB':>12} {'plain MB':>8}"
        )
        for size in args.departments:
            followups = [run_child(database, "followup", size, 0) for _ in range(args.repeat)]
            pages = followups[0]["pages"]
            plains = [run_child(database, "plain", size, pages) for _ in range(args.repeat)]
            assert {r["pages"] for r in followups + plains} == {pages}, (followups, plains)
            # Best of the runs, separately for wall-clock and CPU time (other processes on a
            # shared machine only ever make a run slower). Memory: the highest peak RSS of
            # the runs (after the same warm-up in both kinds of child).
            wall = min(r["seconds"] for r in followups), min(r["seconds"] for r in plains)
            cpu = min(r["cpu"] for r in followups), min(r["cpu"] for r in plains)
            memory = max(r["peak_rss_mb"] for r in followups), max(r["peak_rss_mb"] for r in plains)
            print(
                f"{size:>11} {pages:>5} {wall[0]:>11.2f} {wall[1]:>8.2f} {wall[0] / wall[1]:>6.2f} "
                f"{cpu[0]:>7.2f} {cpu[1]:>7.2f} {cpu[0] / cpu[1]:>9.2f} {memory[0]:>12.0f} "
                f"{memory[1]:>8.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
