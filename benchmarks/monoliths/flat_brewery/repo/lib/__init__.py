# shared helpers (db, formatting, web bits).  keep this folder small.
