"""Mechanics every app shares, written once (as Healthchecks' `hc/lib/`).

- `services`: the one write contract (`model_update`, who is recorded, versions).
- `forms`: a service's `ValidationError` put on a form, messages for a page.
- `languages`: the languages texts are kept in and the names of their columns.
- `choices`: choice labels built once per field (`get_<field>_display()` without the rebuild).
"""
