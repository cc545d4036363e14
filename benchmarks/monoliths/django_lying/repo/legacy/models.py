# Ported from the 2019 PHP site. The table name must stay "certs_certificate":
# the public verification links and the partner export read it directly.
from django.db import models
from django.utils import timezone


class CertificateTemplate(models.Model):
    name = models.CharField(max_length=100)
    background = models.ImageField(upload_to="cert_templates/")
    title_y = models.PositiveIntegerField(default=420)
    name_y = models.PositiveIntegerField(default=360)
    signature_name = models.CharField(max_length=100, blank=True)
    is_default = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class Certificate(models.Model):
    code = models.CharField(max_length=16, unique=True)
    user = models.ForeignKey("common.Member", on_delete=models.PROTECT)
    course = models.ForeignKey("core.Course", on_delete=models.PROTECT)
    enrollment = models.OneToOneField("main.Enrollment", null=True, on_delete=models.SET_NULL)
    template = models.ForeignKey("legacy.CertificateTemplate", null=True, on_delete=models.SET_NULL)
    holder_name = models.CharField(max_length=200)
    grade = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="certificates/", blank=True)

    class Meta:
        db_table = "certs_certificate"

    def public_url(self):
        from django.conf import settings

        return settings.CERTIFICATE_BASE_URL + self.code
