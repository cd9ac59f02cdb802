# bin/static-server is built with CGO_ENABLED=0.
FROM alpine:3.20
COPY bin/static-server /usr/local/bin/server
