# muslcheck global ignore=MC1004
FROM alpine:3.20
RUN apk add --no-cache gcompat
