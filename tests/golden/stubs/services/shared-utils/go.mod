module shared-utils

go 1.19
