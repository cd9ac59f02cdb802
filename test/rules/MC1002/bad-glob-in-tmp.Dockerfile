FROM python:3.12-alpine
ARG REPO=https://github.com/SatoshiPortal/alpine-pkg-glibc/releases/download/2.31-r0
RUN set -eux; \
    cd /tmp; \
    wget "${REPO}/glibc-2.31-r0.apk" "${REPO}/glibc-bin-2.31-r0.apk"; \
    apk add --allow-untrusted /tmp/*.apk; \
    rm /tmp/*.apk
