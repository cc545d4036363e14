# Old one-off scripts from the 2018 -> 2019 migration off the spreadsheet system.
# Nothing imports these any more AFAIK. -- jb
