import json

from django.http import JsonResponse


def json_error(message, status=400):
    return JsonResponse({"error": message}, status=status)


def read_json(request):
    try:
        return json.loads(request.body or b"{}")
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc}") from exc


def paginate(queryset, request, default_size=50):
    size = min(int(request.GET.get("page_size", default_size)), 200)
    page = max(int(request.GET.get("page", 1)), 1)
    return queryset[(page - 1) * size: page * size]
