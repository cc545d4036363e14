# utility helpers - keep these free of business logic please
