from django.urls import path

from api import views

urlpatterns = [
    path("auth/token/", views.issue_token),
    path("auth/revoke/", views.revoke_token),
    path("me/", views.me),
    path("me/enrollments/", views.my_enrollments),
    path("courses/", views.courses),
    path("courses/<slug:slug>/", views.course),
    path("lessons/<int:lesson_id>/", views.lesson),
    path("quizzes/<int:quiz_id>/", views.quiz_detail),
    path("quizzes/<int:quiz_id>/attempts/", views.start_attempt),
    path("quizzes/<int:quiz_id>/leaderboard/", views.leaderboard),
    path("attempts/<int:attempt_id>/submit/", views.submit_attempt),
    path("certificates/<str:code>/", views.verify_certificate),
]
