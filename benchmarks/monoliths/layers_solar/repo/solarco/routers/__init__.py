"""API routers.  Registered in solarco.main."""
