FROM alpine:3.20
# muslcheck ignore=MC1006 # signed in CI
RUN apk add --allow-untrusted /tmp/app.apk
