"""Remove a person's name, e-mail and phone everywhere (GDPR art. 17)."""

from django.core.management.base import BaseCommand, CommandError

from intlstrategy.privacy import anonymise_person

from ._person import find_user


class Command(BaseCommand):
    help = (
        "Removes one person's name, e-mail address and phone number from every table, "
        "every language column and every history row, deactivates the account, and "
        "records that it happened (without the personal data)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The person's user name.")
        parser.add_argument(
            "--reason", default="", help="Why (e.g. a case number); no personal data."
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        user = find_user(options["user"])
        if not options["yes"] and options.get("interactive", True):
            answer = input(
                f"Anonymise account #{user.pk} ({user.username})? This cannot be undone. [y/N] "
            )
            if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
                raise CommandError("Nothing was changed.")
        record = anonymise_person(user, reason=options["reason"])
        self.stdout.write(
            f"Anonymised account #{record.user_id_reference}; rows changed: "
            + ", ".join(f"{k} {v}" for k, v in sorted(record.rows_changed.items()))
        )
