"""Import and export a review's assessments: one pipeline for spreadsheets and the committee document.

    upload (CSV, XLSX, JSON, committee document) --reading--> Table of cells
    Table --plan--> Preview: each row new, changed, unchanged or in error (nothing written)
    Preview, confirmed by its fingerprint --apply--> assessments written in bulk, with history
    review --exports--> CSV, XLSX or JSON that reads back with no changes

The web import keeps an upload in `pending` between its preview and its confirmation; `manage.py
import_scorecard` reads a committee document into the same table and runs the same plan and apply.
"""
