# The monolith's own tests need Flask and psycopg2 and are analysed, never run here.
collect_ignore = ["repo"]
