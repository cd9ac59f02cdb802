# syntax=docker/dockerfile:1.4
FROM alpine:3.19
RUN <<EOF
wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub
wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk
apk add glibc-2.35-r1.apk
EOF
COPY <<'CONF' /etc/app.conf
key = "value"
CONF
