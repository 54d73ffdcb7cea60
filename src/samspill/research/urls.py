from django.urls import path

from samspill.research import views

app_name = "research"

urlpatterns = [
    path("", views.projects, name="projects"),
    path("<uuid:project_id>/", views.project, name="project"),
    path("<uuid:project_id>/cohorts/new/", views.cohort_new, name="cohort_new"),
    path("<uuid:project_id>/context/new/", views.context_new, name="context_new"),
    path("<uuid:project_id>/runs/new/", views.run_new, name="run_new"),
    path("<uuid:project_id>/runs/<uuid:run_id>/", views.run_detail, name="run_detail"),
    path("<uuid:project_id>/runs/<uuid:run_id>/status/", views.run_status, name="run_status"),
    path("<uuid:project_id>/runs/<uuid:run_id>/figures/<str:name>", views.run_figure, name="run_figure"),
    path("<uuid:project_id>/runs/<uuid:run_id>/download/<str:what>", views.run_download, name="run_download"),
]
