from django.urls import path

from samspill.pathways import views
from samspill.pathways.urls_reports import urlpatterns as report_urlpatterns

app_name = "pathways"
P = "pathways/<uuid:pathway_id>"
A = f"{P}/activities/<uuid:activity_id>"
urlpatterns = [
    path("pathways/", views.board, name="board"),
    path("pathways/mine/", views.mine, name="mine"),
    path("participants/<uuid:participant_id>/pathways/", views.participant_pathways, name="participant_pathways"),
    path(f"{P}/", views.detail, name="detail"),
    path(f"{P}/move/", views.move, name="move"),
    path(f"{P}/benefit-periods/", views.benefit_period, name="benefit_period"),
    path(f"{P}/stages/<slug:stage>/", views.stage_note, name="stage_note"),
    path(f"{P}/team/add/", views.member_add, name="member_add"),
    path(f"{P}/team/<uuid:member_id>/remove/", views.member_remove, name="member_remove"),
    path(f"{P}/agreement/", views.agreement, name="agreement"),
    path(f"{P}/agreement/new/", views.agreement_new, name="agreement_new"),
    path(f"{P}/agreement/sign/", views.agreement_sign, name="agreement_sign"),
    path(f"{P}/confidentiality/", views.confidentiality, name="confidentiality"),
    path(f"{P}/plan/", views.plan, name="plan"),
    path(f"{P}/plan/goals/add/", views.goal_add, name="goal_add"),
    path(f"{P}/plan/activities/add/", views.activity_add, name="activity_add"),
    path(f"{A}/edit/", views.activity_edit, name="activity_edit"),
    path(f"{A}/status/", views.activity_status, name="activity_status"),
    path(f"{A}/agree/", views.activity_agree, name="activity_agree"),
    path(f"{A}/comment/", views.activity_comment, name="activity_comment"),
]
urlpatterns += report_urlpatterns
