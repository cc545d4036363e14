from flask import request, current_app


def page_args():
    page = request.args.get("page", 1, type=int)
    size = request.args.get("per_page", current_app.config.get("PAGE_SIZE", 50), type=int)
    return max(page, 1), min(size, 500)


def paginate_query(query, serializer):
    page, size = page_args()
    p = query.paginate(page=page, per_page=size, error_out=False)
    return {"items": [serializer(i) for i in p.items], "page": page, "total": p.total}
