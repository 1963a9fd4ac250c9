"""Render the council follow-up synchronously (for operators), through the same service."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intlstrategy.models import Municipality
from reporting import services


class Command(BaseCommand):
    help = "Render the council follow-up PDF of a municipality for a year (or a term) to a file."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True, help="The municipality's slug.")
        parser.add_argument(
            "--year", type=int, required=True, help="Report year (or first year of the term)."
        )
        parser.add_argument(
            "--lang", required=True, choices=[code for code, _ in settings.LANGUAGES]
        )
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--term", action="store_true", help="The four years of a term of office."
        )
        parser.add_argument("--summary", default="", help="Summary text for the council.")

    def handle(self, *args, **options):
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"No municipality with the slug {options['municipality']!r}.")
        year = options["year"]
        years = list(range(year, year + 4)) if options["term"] else [year]
        pdf = services.followup_pdf(
            municipality=municipality,
            years=years,
            language=options["lang"],
            summary=options["summary"],
        )
        Path(options["output"]).write_bytes(pdf)
        self.stdout.write(f"Wrote {len(pdf)} bytes to {options['output']}")
