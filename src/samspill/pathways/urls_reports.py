"""The routes of the indicators, the events import and the agreement PDF, added to the ``pathways`` namespace by
pathways/urls.py."""

from django.urls import path

from samspill.pathways import views_reports

urlpatterns = [
    path("pathways/indicators/", views_reports.indicators, name="indicators"),
    path("pathways/events/import/", views_reports.events_import, name="events_import"),
    path("pathways/<uuid:pathway_id>/agreement/pdf/", views_reports.agreement_pdf, name="agreement_pdf"),
]
