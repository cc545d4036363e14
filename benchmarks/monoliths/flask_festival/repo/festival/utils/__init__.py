# utils package -- generic stuff only please (see helpers.py for the rest, sigh)
