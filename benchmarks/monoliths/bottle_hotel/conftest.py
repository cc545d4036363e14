# The monolith's own tests need Bottle and requests and are analysed, never run here.
collect_ignore = ["repo"]
