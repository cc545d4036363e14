from django.urls import path

from main import views

urlpatterns = [
    path("my/", views.my_courses, name="my_courses"),
    path("<slug:slug>/enroll/", views.enroll, name="enroll"),
    path("<slug:slug>/leave/", views.unenroll, name="unenroll"),
    path("<slug:slug>/review/", views.post_review, name="post_review"),
    path("<slug:slug>/lessons/", views.lesson_list, name="lesson_list"),
    path("<slug:slug>/lessons/<slug:lesson_slug>/", views.lesson_view, name="lesson_view"),
    path("lesson/<int:lesson_id>/complete/", views.mark_complete, name="mark_complete"),
    path("lesson/<int:lesson_id>/submit/", views.submit_assignment, name="submit_assignment"),
    path("grading/<int:pk>/", views.grade_submission, name="grade_submission"),
    path("<slug:slug>/gradebook/", views.gradebook, name="gradebook"),
]
