"""The council follow-up as a Word document, from the same context as the PDF.

`followup_context` (reporting/followup.py) gathers the data once; the PDF template
(`reporting/pdf/followup.html`) and this builder set it out. The two keep the same
sections, headings and tables, in the same order, so a council member finds the same
thing in either file; the labels are the same catalogue entries.
"""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from intlstrategy.docx import WordDocument


def _title(context) -> str:
    return _("Follow-up of the international strategy %(period)s – %(name)s") % {
        "period": context["period"],
        "name": context["municipality"].name,
    }


def followup_docx(context: dict, *, language: str) -> bytes:
    with translation.override(language):
        return _build(context, language).save()


def _build(context: dict, language: str) -> WordDocument:
    municipality = context["municipality"]
    period = context["period"]
    doc = WordDocument(title=_title(context), language=language, author=municipality.name)
    doc.title_page(
        title=_("Follow-up of the international strategy"),
        subtitle=(
            _("Term of office %(period)s") % {"period": period}
            if context["is_term"]
            else _("Report year %(period)s") % {"period": period}
        ),
        lines=[municipality.name, _("Compiled from the departments' approved yearly reports.")],
    )
    doc.contents(_("Contents"), _("Update the field (F9) to show the contents with page numbers."))

    if context["summary"]:
        doc.heading(pgettext("follow-up", "Summary"), 1)
        doc.paragraphs(context["summary"])

    doc.heading(_("Key figures"), 1, new_page=True)
    key = context["key"]
    doc.table(
        caption=_("The year in figures"),
        # The period over the figures: an empty header cell reads as a missing heading.
        columns=[_("Key figures"), period],
        rows=[
            (_("Departments with an approved report"), key["departments"]),
            (_("Projects and applications"), key["projects"]),
            (_("Activities"), key["activities"]),
            (_("Participants in activities"), key["participants"]),
            (_("Flights"), key["flights"]["count"]),
            (_("Flights climate-compensated"), key["flights"]["compensated"]),
            (_("Estimated CO2 from flights (kg)"), round(key["flights"]["co2"])),
            (_("of which climate-compensated (kg)"), round(key["flights"]["co2_compensated"])),
            (_("Estimated CO2 from travel (kg)"), round(key["trip_co2"])),
        ],
        numeric=(1,),
        row_headers=True,
    )
    if not context["indicators_any"]:
        doc.paragraph(
            _("Indicator status: the adopted action plan has no indicators in the portal.")
        )
    if context["not_included"]:
        doc.paragraph(
            ", ".join(context["not_included"]), bold_lead=_("Not included (no approved report):")
        )
    for chart in context["charts"]:
        doc.chart(
            chart,
            alt=_("Chart: %(title)s. The figures are in the table below.") % {"title": chart.title},
        )
    if not context["charts"]:
        doc.paragraph(_("No approved reports yet: there are no figures to show."))
    if context["trips_by_mode"]:
        doc.table(
            caption=_("Travel by mode"),
            columns=[_("mode of travel"), _("trips"), _("distance (km)"), _("estimated CO2 (kg)")],
            rows=[
                (label, totals["count"], round(totals["km"]), round(totals["co2"]))
                for label, totals in context["trips_by_mode"]
            ],
            numeric=(1, 2, 3),
            row_headers=True,
        )

    _progress(doc, context["progress"])

    for section in context["sections"]:
        doc.heading(section["department"].name, 1, new_page=True)
        for item in section["reports"]:
            level = 2
            if context["is_term"]:
                doc.heading(str(item["report"].round.year), 2)
                level = 3
            _report(doc, item, level)
    return doc


def _report(doc: WordDocument, item: dict, level: int) -> None:
    doc.heading(_("Projects and applications"), level)
    if item["projects"]:
        doc.table(
            columns=[_("project"), _("status"), _("programme"), _("comment")],
            rows=[
                (
                    row["data"]["title"]
                    + (f" ({row['data']['acronym']})" if row["data"].get("acronym") else ""),
                    row["status_label"],
                    row["data"].get("programme") or "",
                    row["comment"],
                )
                for row in item["projects"]
            ],
        )
    else:
        doc.paragraph(_("No projects or applications this year."))

    doc.heading(_("Other international work"), level)
    if item["activities"]:
        lines = []
        for activity in item["activities"]:
            parts = [str(activity.get_kind_display())]
            if activity.goal_area:
                parts.append(str(activity.goal_area))
            partner = ", ".join(str(p) for p in (activity.partner, activity.relation) if p)
            if partner:
                parts.append(partner)
            parts.append(
                ngettext(
                    "%(counter)s participant", "%(counter)s participants", activity.participants
                )
                % {"counter": activity.participants}
            )
            date = formats.date_format(activity.date, "SHORT_DATE_FORMAT")
            lines.append(f"{date} {activity.title} – " + " · ".join(parts))
        doc.bullets(lines)
    else:
        doc.paragraph(_("No other international work reported."))

    doc.heading(_("Results"), level)
    if item["results"]:
        for result in item["results"]:
            if result.goal_area:
                doc.heading(str(result.goal_area), level + 1)
            doc.paragraphs(result.text)
    else:
        doc.paragraph(_("No results described."))

    doc.heading(_("Travel"), level)
    trips = item["trips"]
    if trips:
        doc.paragraph(
            ngettext(
                "%(counter)s trip, %(km)s km, estimated %(co2)s kg CO2; "
                "climate-compensated: %(compensated)s.",
                "%(counter)s trips, %(km)s km, estimated %(co2)s kg CO2; "
                "climate-compensated: %(compensated)s.",
                len(trips),
            )
            % {
                "counter": len(trips),
                "km": doc.format(round(item["trip_km"])),
                "co2": doc.format(round(item["trip_co2"])),
                "compensated": item["trips_compensated"],
            }
        )
        doc.bullets(
            f"{trip.destination} – {trip.get_mode_display()}, "
            f"{doc.format(round(trip.distance_km))} km, {doc.format(round(trip.co2_kg))} kg CO2"
            + (f" ({_('climate-compensated')})" if trip.compensated else "")
            for trip in trips
        )
    else:
        doc.paragraph(_("No trips reported."))


def _progress(doc: WordDocument, progress: dict) -> None:
    """As the PDF's progress chapter: per goal area, then what is delayed or unreported."""
    if not progress["any"]:
        return
    year = progress["year"]
    doc.heading(_("Progress of measures and activities"), 1)
    doc.paragraph(
        _("The status each department reported for %(year)s in its approved report, per goal area.")
        % {"year": year}
    )
    for group in progress["groups"]:
        area = group["goal_area"]
        doc.heading(f"{area.number}. {area.title}" if area else _("No goal area"), 2)
        doc.table(
            columns=[_("Measure or activity"), _("Status"), _("Progress note")],
            rows=[
                (
                    f"{item['kind']} {item['number']}: {item['title']}",
                    item["status_label"][:1].upper() + item["status_label"][1:],
                    item["note"],
                )
                for item in group["items"]
            ],
            row_headers=True,
        )
    doc.heading(_("Delayed"), 2)
    if progress["delayed"]:
        doc.bullets(
            f"{item['kind']} {item['number']}: {item['title']}"
            + (f" – {item['note']}" if item["note"] else "")
            for item in progress["delayed"]
        )
    else:
        doc.paragraph(_("Nothing is delayed."))
    doc.heading(_("Not reported on for %(year)s") % {"year": year}, 2)
    if progress["unreported"]:
        doc.bullets(
            f"{item['kind']} {item['number']}: {item['title']}" for item in progress["unreported"]
        )
    else:
        doc.paragraph(_("Every measure and activity has a status for %(year)s.") % {"year": year})
