import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.decorators import instructor_required, staff_required
from common.utils import json_error, json_ok, paginate, unique_slug
from core import services
from core.models import Category, Course, Payment, Plan, PublishedCourse, Subscription, Tag

log = logging.getLogger(__name__)


def home(request):
    featured = PublishedCourse.objects.order_by("-rating_avg")[:6]
    categories = Category.objects.filter(parent__isnull=True)
    return render(request, "home.html", {"featured": featured, "categories": categories})


def course_list(request):
    courses = services.search_courses(
        query=request.GET.get("q"),
        category=request.GET.get("category"),
        level=request.GET.get("level"),
        tag=request.GET.get("tag"),
    )
    page = paginate(courses, request.GET.get("page"))
    return render(request, "catalog/list.html", {"page": page, "q": request.GET.get("q", "")})


def course_detail(request, slug):
    course = get_object_or_404(
        Course.objects.select_related("instructor", "category").prefetch_related("tags"), slug=slug
    )
    if course.status != Course.PUBLISHED and course.instructor_id != request.user.id:
        raise Http404
    return render(
        request,
        "catalog/detail.html",
        {"course": course, "stats": services.course_stats(course)},
    )


def category_courses(request, slug):
    category = get_object_or_404(Category, slug=slug)
    courses = PublishedCourse.objects.filter(category=category).select_related("instructor")
    return render(request, "catalog/category.html", {"category": category, "courses": courses})


@instructor_required
def instructor_course_create(request):
    if request.method != "POST":
        return render(request, "catalog/edit.html", {"categories": Category.objects.all()})
    course = Course.objects.create(
        title=request.POST["title"],
        slug=unique_slug(Course, request.POST["title"]),
        summary=request.POST.get("summary", ""),
        description=request.POST.get("description", ""),
        category_id=request.POST.get("category") or None,
        instructor=request.user,
        price_cents=int(request.POST.get("price_cents") or 0),
    )
    _save_tags(course, request.POST.get("tags", ""))
    messages.success(request, "Course created as draft.")
    return redirect("course_detail", slug=course.slug)


@instructor_required
def instructor_course_update(request, slug):
    course = get_object_or_404(Course, slug=slug, instructor=request.user)
    if request.method == "POST":
        for field in ("title", "summary", "description", "level"):
            if field in request.POST:
                setattr(course, field, request.POST[field])
        if "price_cents" in request.POST:
            course.price_cents = int(request.POST["price_cents"] or 0)
        course.save()
        _save_tags(course, request.POST.get("tags", ""))
        if request.POST.get("publish"):
            course.publish()
        return redirect("course_detail", slug=course.slug)
    return render(request, "catalog/edit.html", {"course": course})


def _save_tags(course, raw):
    names = [t.strip().lower() for t in raw.split(",") if t.strip()]
    tags = [Tag.objects.get_or_create(name=n)[0] for n in names]
    course.tags.set(tags)


@login_required
def checkout(request, slug):
    course = get_object_or_404(Course, slug=slug, status=Course.PUBLISHED)
    if request.method != "POST":
        net, vat = services.compute_price(course)
        return render(request, "billing/checkout.html", {"course": course, "net": net, "vat": vat})
    try:
        payment, client_secret = services.start_checkout(
            request.user, course, coupon_code=request.POST.get("coupon") or None
        )
    except services.CheckoutError as exc:
        messages.error(request, str(exc))
        return redirect("checkout", slug=slug)
    if client_secret is None:
        return redirect("lesson_list", slug=course.slug)
    return render(
        request,
        "billing/pay.html",
        {"payment": payment, "client_secret": client_secret, "course": course},
    )


@require_POST
def apply_coupon(request, slug):
    course = get_object_or_404(Course, slug=slug)
    try:
        coupon = services.validate_coupon(request.POST.get("code", ""), course)
    except services.CheckoutError as exc:
        return json_error(str(exc))
    net, vat = services.compute_price(course, coupon)
    return json_ok({"net_cents": net, "vat_cents": vat})


@csrf_exempt
@require_POST
def payment_webhook(request):
    try:
        event = services.StripeClient().construct_event(
            request.body, request.META.get("HTTP_STRIPE_SIGNATURE", "")
        )
    except Exception:
        log.warning("bad stripe signature")
        return HttpResponseBadRequest()
    data = event["data"]["object"]
    if event["type"] in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        payment = Payment.objects.filter(stripe_intent_id=data["id"]).select_related(
            "user", "course"
        ).first()
        if payment is None:
            log.error("webhook for unknown intent %s", data["id"])
            return HttpResponse(status=200)
        if event["type"] == "payment_intent.succeeded":
            services.mark_payment_succeeded(payment)
        else:
            error = data.get("last_payment_error") or {}
            services.mark_payment_failed(payment, error.get("message", ""))
    elif event["type"] == "customer.subscription.deleted":
        Subscription.objects.filter(stripe_subscription_id=data["id"]).update(
            status=Subscription.CANCELED
        )
    return HttpResponse(status=200)


def pricing(request):
    plans = Plan.objects.filter(is_active=True).order_by("price_cents")
    return render(request, "billing/pricing.html", {"plans": plans})


@login_required
@require_POST
def subscribe(request, plan_code):
    sub = services.start_subscription(request.user, plan_code)
    messages.success(request, "Welcome aboard! Your plan renews on %s." % sub.current_period_end.date())
    return redirect("dashboard")


@login_required
@require_POST
def cancel_subscription(request, pk):
    sub = get_object_or_404(Subscription, pk=pk, user=request.user)
    services.cancel_subscription(sub, at_period_end=True)
    messages.info(request, "Your subscription will end on %s." % sub.current_period_end.date())
    return redirect("billing_history")


@login_required
def billing_history(request):
    payments = Payment.objects.filter(user=request.user).select_related("course", "subscription__plan")
    subs = Subscription.objects.filter(user=request.user).select_related("plan")
    return render(request, "billing/history.html", {"payments": payments, "subscriptions": subs})


@staff_required
def revenue_export(request):
    rows = services.revenue_report(request.GET["start"], request.GET["end"])
    response = HttpResponse(json.dumps(rows, default=str), content_type="application/json")
    response["Content-Disposition"] = "attachment; filename=revenue.json"
    return response
