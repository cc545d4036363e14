from django.urls import path

from legacy import views

urlpatterns = [
    path("", views.my_certificates, name="my_certificates"),
    path("<str:code>", views.certificate_page, name="certificate_page"),
    path("<str:code>/download/", views.download_certificate, name="download_certificate"),
]
