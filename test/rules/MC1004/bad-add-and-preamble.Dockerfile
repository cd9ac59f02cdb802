ARG SGERRAND=https://alpine-pkgs.sgerrand.com
ARG VERSION=2.28-r0

FROM alpine:3.12
ADD ${SGERRAND}/sgerrand.rsa.pub /etc/apk/keys/
ADD https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.28-r0/glibc-2.28-r0.apk /tmp/glibc.apk
RUN apk add /tmp/glibc.apk
