# The bundled monolith is analysed, never run: keep pytest out of its own tests.
collect_ignore = ["repo"]
