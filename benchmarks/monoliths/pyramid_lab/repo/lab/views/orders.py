from pyramid.view import view_config, view_defaults

from lab.db import paginate
from lab.lib.decorators import json_errors
from lab.lib.formatting import format_money
from lab.repositories import orders as order_repo
from lab.repositories import clients as client_repo
from lab.schemas import load_or_raise
from lab.schemas.orders import OrderSchema, AddAnalysesSchema, PanelSchema, AnalysisSchema
from lab.services import order_service
from lab.services.order_service import PanelService
from lab.views.base import BaseView, paginate_params, json_body


@view_defaults(permission="orders")
class OrderViews(BaseView):

    @view_config(route_name="orders", renderer="lab:templates/orders/list.jinja2", permission="view")
    def list(self):
        page, per_page = paginate_params(self.request)
        q = order_repo.open_orders_query(status=self.request.params.get("status"),
                                         overdue_only=bool(self.request.params.get("overdue")))
        rows, total = paginate(self.conn, q, page, per_page)
        return {"orders": rows, "total": total, "page": page}

    @view_config(route_name="order_detail", renderer="lab:templates/orders/detail.jinja2", permission="view")
    def detail(self):
        order = order_repo.get_order(self.conn, self.matchdict_int("order_id"))
        client = client_repo.ClientRepository(self.conn).get(order.client_id)
        estimate, missing = order_service.estimate_order_value(self.conn, order.id,
                                                               client.price_list_code or "STD")
        return {
            "order": order,
            "client": client,
            "items": order_repo.list_order_items(self.conn, order.id, include_cancelled=True),
            "counts": order_repo.order_item_counts(self.conn, order.id),
            "estimate": format_money(estimate),
            "unpriced": missing,
        }

    @view_config(route_name="order_new", request_method="POST", renderer="json")
    @json_errors
    def create(self):
        data = load_or_raise(OrderSchema(), json_body(self.request))
        order_id, number = order_service.create_order(self.conn, data.pop("client_id"), self.user_id, **data)
        return {"id": order_id, "order_number": number}

    @view_config(route_name="order_add_tests", request_method="POST", renderer="json")
    @json_errors
    def add_tests(self):
        data = load_or_raise(AddAnalysesSchema(), json_body(self.request))
        added = order_service.add_analyses(self.conn, self.matchdict_int("order_id"), data["sample_id"],
                                           data["analyses"], data["panels"])
        return {"added": added}

    @view_config(route_name="order_cancel", request_method="POST", renderer="json")
    @json_errors
    def cancel(self):
        order_service.cancel_order(self.conn, self.matchdict_int("order_id"),
                                   json_body(self.request).get("reason"))
        return {"ok": True}


@view_config(route_name="analyses", renderer="lab:templates/orders/analyses.jinja2", permission="view")
def analyses_catalog(request):
    return {"analyses": order_repo.list_analyses(request.db, department=request.params.get("department"),
                                                 active_only=not request.params.get("all"))}


@view_config(route_name="analysis_save", request_method="POST", renderer="json", permission="catalogue")
@json_errors
def analysis_save(request):
    data = load_or_raise(AnalysisSchema(), json_body(request))
    aid = order_repo.save_analysis(request.db, data, analysis_id=request.matchdict.get("analysis_id"))
    return {"id": aid}


@view_config(route_name="panels", renderer="lab:templates/orders/panels.jinja2", permission="view")
def panels_list(request):
    panels = order_repo.list_panels(request.db, active_only=False)
    return {"panels": [(p, order_repo.panel_members(request.db, p.id)) for p in panels]}


@view_config(route_name="panel_save", request_method="POST", renderer="json", permission="catalogue")
@json_errors
def panel_save(request):
    data = load_or_raise(PanelSchema(), json_body(request))
    svc = PanelService(request.db, request.user.id)
    return {"id": svc.save_panel(data, panel_id=request.matchdict.get("panel_id"))}


@view_config(route_name="orders_overdue", renderer="lab:templates/orders/overdue.jinja2", permission="view")
def overdue_orders_view(request):
    return {"orders": order_service.overdue_orders(request.db)}
