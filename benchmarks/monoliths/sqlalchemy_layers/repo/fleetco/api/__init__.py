from fastapi import FastAPI
from fastapi.responses import JSONResponse

from fleetco.common.errors import FleetcoError


def create_app():
    from fleetco.api import admin, billing, customers, fleet, quotes, shipments, warehouse

    app = FastAPI(title="FleetCo API", version="3")
    for module in (customers, quotes, shipments, fleet, warehouse, billing, admin):
        app.include_router(module.router)

    @app.exception_handler(FleetcoError)
    def handle_domain_error(request, exc):
        return JSONResponse(
            status_code=exc.status_code, content={"error": exc.message, **exc.details}
        )

    return app
