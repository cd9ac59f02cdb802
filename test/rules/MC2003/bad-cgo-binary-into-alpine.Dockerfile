# The CI job builds bin/server on its Debian runner with cgo, then packages it.
FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY bin/server /usr/local/bin/server
ENTRYPOINT ["/usr/local/bin/server"]
