# The monolith under repo/ is analysed, never run: keep pytest from collecting its own tests.
collect_ignore = ["repo"]
