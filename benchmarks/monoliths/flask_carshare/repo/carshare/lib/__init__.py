# generic helpers. nothing in here should know about cars.
