# muslcheck global ignore=MC1004
FROM alpine:3.20
# muslcheck ignore=MC1006 # built by our CI and checked there
RUN apk add --allow-untrusted /tmp/app-1.0-r0.apk
