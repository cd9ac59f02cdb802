FROM alpine:3.20
COPY keys/sgerrand.rsa.pub /etc/apk/keys/sgerrand.rsa.pub
ADD https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk /tmp/glibc.apk
RUN apk add /tmp/glibc.apk
ENV LD_LIBRARY_PATH=/usr/glibc-compat/lib
