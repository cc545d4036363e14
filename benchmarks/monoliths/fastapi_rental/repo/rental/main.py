import logging

from apscheduler.schedulers.background import BackgroundScheduler
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from rental import tasks
from rental.routers import admin, claims, customers, maintenance, payments, reservations, vehicles
from rental.utils import get_engine

log = logging.getLogger("rental")


def create_app(with_scheduler=True):
    app = FastAPI(title="RentWheels back office", version="3.4")
    for module in (vehicles, customers, reservations, payments, maintenance, claims, admin):
        app.include_router(module.router)

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError):
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.get("/health")
    def health():
        get_engine()
        return {"status": "ok"}

    if with_scheduler:
        scheduler = BackgroundScheduler(timezone="UTC")
        tasks.register_jobs(scheduler)
        app.add_event_handler("startup", scheduler.start)
        app.add_event_handler("shutdown", scheduler.shutdown)
    return app


app = create_app()
