import inspect
from importlib import import_module, util

from django.core.management.base import BaseCommand

from intlstrategy import demo

# Apps contribute demo content in dependency order, each through `<app>/demo.py: load()`.
DEMO_APPS = ["intlstrategy", "strategies", "partners", "projects", "reporting"]


class Command(BaseCommand):
    help = "Load the demo municipalities, users and content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--no-pdfs",
            action="store_true",
            help="Do not request the council follow-up PDFs of the closed demo rounds.",
        )

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            if util.find_spec(f"{app}.demo") is None:
                continue
            self.stdout.write(f"Loading demo data: {app}")
            load = import_module(f"{app}.demo").load
            extra = {}
            if "pdfs" in inspect.signature(load).parameters:
                extra["pdfs"] = not options["no_pdfs"]
            load(stdout=self.stdout, **extra)
        if not options["quiet_logins"]:
            demo.print_logins(self.stdout)
