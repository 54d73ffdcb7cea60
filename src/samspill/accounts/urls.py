from django.urls import path

from samspill.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<uuid:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("users/", views.users, name="users"),
    path("users/<uuid:user_id>/reset-password/", views.user_password_reset_view, name="user_password_reset"),
]
