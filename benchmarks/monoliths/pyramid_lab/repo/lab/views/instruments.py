from pyramid.view import view_config, view_defaults

from lab.lib.dates import parse_date
from lab.lib.decorators import json_errors
from lab.repositories import instruments as instrument_repo
from lab.schemas import load_or_raise
from lab.schemas.results import CalibrationSchema, MaintenanceSchema
from lab.services.calibration_service import CalibrationService, calibration_status
from lab.views.base import BaseView, json_body


@view_defaults(permission="instruments")
class InstrumentViews(BaseView):

    @view_config(route_name="instruments", renderer="lab:templates/instruments/list.jinja2", permission="view")
    def list(self):
        repo = instrument_repo.InstrumentRepository(self.conn)
        rows = repo.all(order_by=instrument_repo.instruments.c.name)
        return {"instruments": [(i, calibration_status(self.conn, i.id)) for i in rows]}

    @view_config(route_name="instrument_detail", renderer="lab:templates/instruments/detail.jinja2",
                 permission="view")
    def detail(self):
        repo = instrument_repo.InstrumentRepository(self.conn)
        inst = repo.get_or_404(self.matchdict_int("instrument_id"))
        return {
            "instrument": inst,
            "status": calibration_status(self.conn, inst.id),
            "calibrations": instrument_repo.calibration_history(self.conn, inst.id),
            "maintenance": instrument_repo.maintenance_history(self.conn, inst.id),
            "lots": instrument_repo.reagent_lots_for_instrument(self.conn, inst.id, usable_only=False),
            "methods": repo.methods(inst.id),
        }

    @view_config(route_name="instrument_save", request_method="POST", renderer="json")
    @json_errors
    def save(self):
        body = json_body(self.request)
        repo = instrument_repo.InstrumentRepository(self.conn)
        fields = {k: body.get(k) for k in ("asset_tag", "name", "manufacturer", "model", "serial_no",
                                            "department", "location", "calibration_interval_days")
                  if k in body}
        iid = self.matchdict_int("instrument_id")
        if iid:
            repo.update(iid, **fields)
        else:
            fields["purchased_on"] = parse_date(body.get("purchased_on"))
            iid = repo.insert(**fields)
        for aid in body.get("add_methods", []):
            repo.add_method(iid, aid)
        return {"id": iid}


@view_config(route_name="instrument_calibrate", request_method="POST", renderer="json", permission="instruments")
@json_errors
def calibration_submit(request):
    data = load_or_raise(CalibrationSchema(), json_body(request))
    svc = CalibrationService(request.db, request.user.id)
    iid = int(request.matchdict["instrument_id"])
    if data["cal_type"] == "external":
        cal_id = svc.record_external(iid, data.get("certificate_no"), data["passed"], data.get("performed_on"),
                                     data.get("notes"))
        return {"id": cal_id}
    cal_id, curve = svc.record_internal(iid, [tuple(p) for p in data["points"]], data.get("notes"))
    return {"id": cal_id, "slope": curve.slope, "intercept": curve.intercept, "r2": curve.r_squared,
            "passed": curve.acceptable}


@view_config(route_name="instrument_maintenance", request_method="POST", renderer="json",
             permission="instruments")
@json_errors
def maintenance_submit(request):
    data = load_or_raise(MaintenanceSchema(), json_body(request))
    log_id = CalibrationService(request.db, request.user.id).log_maintenance(
        int(request.matchdict["instrument_id"]), data["kind"], data["description"], data.get("downtime_hours"),
        take_out=data["take_out_of_service"])
    return {"id": log_id}


@view_config(route_name="reagent_lots", renderer="lab:templates/instruments/reagents.jinja2", permission="view")
def reagent_lots_view(request):
    return {"expiring": instrument_repo.reagent_lots_expiring(request.db, within_days=60)}


@view_config(route_name="reagent_lot_add", request_method="POST", renderer="json", permission="instruments")
@json_errors
def reagent_lot_add(request):
    body = json_body(request)
    lot_id = instrument_repo.insert_reagent_lot(
        request.db, reagent_name=body["reagent_name"], lot_number=body["lot_number"],
        supplier=body.get("supplier"), instrument_id=body.get("instrument_id"),
        received_on=parse_date(body.get("received_on")), expires_on=parse_date(body.get("expires_on")),
        status="in_use")
    return {"id": lot_id}


@view_config(route_name="calibrations_due", renderer="lab:templates/instruments/due.jinja2", permission="view")
def calibration_due_view(request):
    return {"due": instrument_repo.calibrations_due(request.db, within_days=int(request.params.get("days", 30)))}
