from flask import request

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 200


class Page:
    def __init__(self, items, page, per_page, total):
        self.items = items
        self.page = page
        self.per_page = per_page
        self.total = total

    @property
    def pages(self):
        return max(1, (self.total + self.per_page - 1) // self.per_page)

    def meta(self):
        return {"page": self.page, "per_page": self.per_page, "total": self.total, "pages": self.pages}


def page_args():
    try:
        page = max(1, int(request.args.get("page", 1)))
        per_page = min(MAX_PER_PAGE, max(1, int(request.args.get("per_page", DEFAULT_PER_PAGE))))
    except ValueError:
        page, per_page = 1, DEFAULT_PER_PAGE
    return page, per_page


def paginate(query, page=None, per_page=None):
    if page is None or per_page is None:
        page, per_page = page_args()
    total = query.order_by(None).count()
    items = query.limit(per_page).offset((page - 1) * per_page).all()
    return Page(items, page, per_page, total)
