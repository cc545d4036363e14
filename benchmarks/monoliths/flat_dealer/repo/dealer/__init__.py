# Harrow Motors dealer management system
# (c) 2009-2019 Harrow Motors Ltd. Internal use only.
__version__ = '4.7.2'
