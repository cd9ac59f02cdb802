FROM alpine:3.19
ENV GLIBC_VERSION=2.35-r1
# muslcheck ignore=
RUN apk add --no-cache ca-certificates wget && \
    wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub && \
    wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/${GLIBC_VERSION}/glibc-${GLIBC_VERSION}.apk && \
    apk add glibc-${GLIBC_VERSION}.apk && \
    rm glibc-${GLIBC_VERSION}.apk
CMD ["/app/server"]
