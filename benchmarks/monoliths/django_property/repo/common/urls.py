from django.urls import path

from common import views

urlpatterns = [
    path("screening/", views.screening_queue, name="screening-queue"),
    path("screening/<int:pk>/decide/", views.screening_decide, name="screening-decide"),
]
