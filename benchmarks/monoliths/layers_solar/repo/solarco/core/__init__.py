# core package: config, database, security and assorted helpers
