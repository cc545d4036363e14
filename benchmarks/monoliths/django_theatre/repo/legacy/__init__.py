# "legacy" = the tables we inherited from the 2012 PHP system (tbl_*, vol_*, mail_*).
# Kept their names so the nightly export to the finance package still works.
