FROM alpine:3.18 AS runtime
ARG GLIBC_VER=2.34-r0
RUN set -eux; \
    apk add --no-cache curl; \
    curl -fsSL -o /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub; \
    curl -fsSLO https://github.com/sgerrand/alpine-pkg-glibc/releases/download/${GLIBC_VER}/glibc-${GLIBC_VER}.apk; \
    curl -fsSLO https://github.com/sgerrand/alpine-pkg-glibc/releases/download/${GLIBC_VER}/glibc-bin-${GLIBC_VER}.apk; \
    apk add --force-overwrite glibc-${GLIBC_VER}.apk glibc-bin-${GLIBC_VER}.apk; \
    /usr/glibc-compat/bin/localedef -i en_US -f UTF-8 en_US.UTF-8; \
    /usr/glibc-compat/sbin/ldconfig /lib /usr/glibc-compat/lib
ENV LANG=en_US.UTF-8
