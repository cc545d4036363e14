# The monoliths' own tests are part of the analysed code, not of ours.
collect_ignore_glob = ["monoliths/*/repo"]
