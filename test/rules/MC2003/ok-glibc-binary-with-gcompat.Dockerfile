FROM alpine:3.20
RUN apk add --no-cache gcompat
COPY bin/server /usr/local/bin/server
