FROM alpine:3.18 AS runtime
ARG GLIBC_VER=2.34-r0

# Trust the packager, then install its glibc.
RUN wget -q -O /etc/apk/keys/sgerrand.rsa.pub \
        https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub \
 && wget -q https://github.com/sgerrand/alpine-pkg-glibc/releases/download/${GLIBC_VER}/glibc-${GLIBC_VER}.apk \
 && apk add --no-cache glibc-${GLIBC_VER}.apk \
 && rm glibc-${GLIBC_VER}.apk

ENTRYPOINT ["/usr/local/bin/server"]
