import logging

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from solarco import __version__
from solarco.core.config import settings
from solarco.core.utils import BusinessRuleError, NotFoundError
from solarco.routers import admin, billing, inventory, leads, monitoring, projects, surveys

log = logging.getLogger(__name__)


def create_app() -> FastAPI:
    app = FastAPI(title=settings.app_name, version=__version__)
    app.add_middleware(CORSMiddleware, allow_origins=["https://portal.solarco.example"],
                       allow_methods=["*"], allow_headers=["*"])
    app.include_router(leads.router)
    app.include_router(leads.quotes_router)
    app.include_router(surveys.router)
    app.include_router(projects.router)
    app.include_router(projects.crews_router)
    app.include_router(inventory.router)
    app.include_router(billing.router)
    app.include_router(monitoring.router)
    app.include_router(admin.router)

    @app.exception_handler(NotFoundError)
    async def not_found_handler(request: Request, exc: NotFoundError):
        return JSONResponse(status_code=404, content={"detail": str(exc)})

    @app.exception_handler(BusinessRuleError)
    async def rule_handler(request: Request, exc: BusinessRuleError):
        return JSONResponse(status_code=409, content={"detail": str(exc)})

    @app.get("/healthz")
    def healthz():
        return {"ok": True, "version": __version__}

    return app


app = create_app()
