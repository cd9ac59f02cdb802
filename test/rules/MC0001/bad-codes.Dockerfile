FROM alpine:3.20
# muslcheck ignore=MC1006,MC9998,mc12 # two codes are wrong, each is reported
RUN apk add --allow-untrusted /tmp/app.apk
# muslcheck global ignore=MC9997, MC9996
RUN apk add --no-cache curl
