"""Export everything the portal holds about one person as JSON (GDPR art. 15 and 20)."""

import json
import sys

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from intlstrategy.privacy import export_person

from ._person import find_user


class Command(BaseCommand):
    help = "Writes everything about one person (history rows included) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The person's user name.")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, **options):
        data = export_person(find_user(options["user"]))
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"Wrote {options['output']}")
        else:
            (self.stdout if self.stdout else sys.stdout).write(text)
