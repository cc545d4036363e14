// till scanner
