from pyramid.view import view_config, view_defaults
from pyramid.httpexceptions import HTTPFound

from lab.db import paginate, rows_to_dicts
from lab.lib.decorators import json_errors
from lab.lib.formatting import format_money
from lab.repositories import clients as client_repo
from lab.repositories import billing as billing_repo
from lab.repositories import samples as sample_repo
from lab.schemas import load_or_raise
from lab.schemas.samples import ClientSchema, ContactSchema
from lab.views.base import BaseView, paginate_params, json_body


@view_defaults(permission="clients")
class ClientViews(BaseView):

    @view_config(route_name="clients", renderer="lab:templates/clients/list.jinja2")
    def list(self):
        term = self.request.params.get("q")
        if term:
            rows = client_repo.find_clients_by_name(self.conn, term, limit=200)
        else:
            rows = client_repo.ClientRepository(self.conn).active()
        return {"clients": rows, "q": term}

    @view_config(route_name="client_detail", renderer="lab:templates/clients/detail.jinja2")
    def detail(self):
        repo = client_repo.ClientRepository(self.conn)
        client = repo.get_or_404(self.matchdict_int("client_id"))
        return {
            "client": client,
            "contacts": client_repo.get_client_contacts(self.conn, client.id, active_only=False),
            "sites": repo.sites(client.id, include_inactive=True),
            "balance": format_money(client_repo.client_outstanding_balance(self.conn, client.id)),
        }

    @view_config(route_name="client_new", request_method="POST", renderer="json")
    @json_errors
    def create(self):
        data = load_or_raise(ClientSchema(), json_body(self.request))
        code = data.pop("code")
        name = data.pop("name")
        client_id = client_repo.ClientRepository(self.conn).create(code, name, **data)
        return {"id": client_id}

    @view_config(route_name="client_edit", request_method="POST", renderer="json")
    @json_errors
    def edit(self):
        data = load_or_raise(ClientSchema(partial=True), json_body(self.request))
        data.pop("code", None)  # codes are printed on labels, never change them
        client_repo.ClientRepository(self.conn).update(self.matchdict_int("client_id"), **data)
        return {"ok": True}

    @view_config(route_name="client_archive", request_method="POST")
    def archive(self):
        client_repo.ClientRepository(self.conn).archive(self.matchdict_int("client_id"))
        self.flash("Client archived")
        return self.redirect("clients")

    @view_config(route_name="client_site_add", request_method="POST", renderer="json")
    @json_errors
    def add_site(self):
        body = json_body(self.request)
        site_id = client_repo.ClientRepository(self.conn).add_site(
            self.matchdict_int("client_id"), body["name"], address=body.get("address"),
            postcode=body.get("postcode"), site_type=body.get("site_type"), grid_ref=body.get("grid_ref"))
        return {"id": site_id}


@view_config(route_name="client_contacts_json", renderer="json", permission="view")
def contacts_json(request):
    rows = client_repo.get_client_contacts(request.db, int(request.matchdict["client_id"]))
    return {"contacts": rows_to_dicts(rows)}


@view_config(route_name="client_contact_save", request_method="POST", renderer="json", permission="clients")
@json_errors
def contact_save(request):
    data = load_or_raise(ContactSchema(), json_body(request))
    contact_id = client_repo.save_contact(request.db, int(request.matchdict["client_id"]), data,
                                          contact_id=request.params.get("contact_id"))
    return {"id": contact_id}


@view_config(route_name="client_samples", renderer="lab:templates/clients/samples.jinja2", permission="view")
def client_samples(request):
    client_id = int(request.matchdict["client_id"])
    page, per_page = paginate_params(request)
    q = sample_repo.list_samples(request.db, client_id=client_id, status=request.params.get("status"))
    rows, total = paginate(request.db, q, page, per_page)
    return {"samples": rows, "total": total, "page": page, "client_id": client_id}


@view_config(route_name="client_statement", renderer="lab:templates/clients/statement.jinja2",
             permission="finance")
def client_statement(request):
    client_id = int(request.matchdict["client_id"])
    client = client_repo.ClientRepository(request.db).get_or_404(client_id)
    rows = request.db.execute(billing_repo.list_invoices(request.db, client_id=client_id)).fetchall()
    lines = []
    for inv in rows:
        if inv.status in ("draft", "void"):
            continue
        paid = billing_repo.amount_paid(request.db, inv.id)
        lines.append({"invoice": inv, "paid": paid, "outstanding": inv.gross_total - paid})
    return {"client": client, "lines": lines,
            "balance": client_repo.client_outstanding_balance(request.db, client_id)}
