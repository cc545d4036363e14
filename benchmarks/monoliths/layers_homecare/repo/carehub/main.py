import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from carehub.core.config import settings
from carehub.core.exceptions import CareHubError, carehub_error_handler
from carehub.routers import (admin, assessments, auth, care_plans, carer_app, clients, incidents,
                             invoices, reports, staff, timesheets, visits)


def create_app():
    app = FastAPI(title=settings.APP_NAME, version="3")
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"])
    app.add_exception_handler(CareHubError, carehub_error_handler)
    for module in (auth, clients, assessments, care_plans, visits, carer_app, timesheets, invoices,
                   staff, incidents, reports, admin):
        app.include_router(module.router)

    @app.get("/health")
    def health():
        return {"status": "ok", "env": settings.ENVIRONMENT}

    return app


logging.basicConfig(level=logging.DEBUG if settings.ENVIRONMENT == "development" else logging.INFO,
                    format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app()
