from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from legacy.models import Certificate


@login_required
def my_certificates(request):
    certs = (
        Certificate.objects.filter(user=request.user, revoked_at__isnull=True)
        .select_related("course")
        .order_by("-issued_at")
    )
    return render(request, "certs/list.html", {"certificates": certs})


def certificate_page(request, code):
    cert = get_object_or_404(Certificate.objects.select_related("course", "user"), code=code.upper())
    return render(request, "certs/public.html", {"cert": cert, "revoked": cert.revoked_at is not None})


@login_required
def download_certificate(request, code):
    cert = get_object_or_404(Certificate, code=code.upper(), user=request.user)
    if not cert.pdf:
        raise Http404("The PDF is being generated, try again in a few minutes.")
    return FileResponse(cert.pdf.open("rb"), as_attachment=True, filename="%s.pdf" % cert.code)
