module catalog-units-service

go 1.19

require (
	github.com/gin-gonic/gin v1.8.1
	github.com/golang/protobuf v1.5.2
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)
