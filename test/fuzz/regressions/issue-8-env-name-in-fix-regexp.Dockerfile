FROM alpine:3.19
ENV GLIBC_VERSION(=2.35-r1 GLIBC_VERSION=2.35-r1
RUN wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/${GLIBC_VERSION}/glibc-${GLIBC_VERSION}.apk && apk add glibc-${GLIBC_VERSION}.apk
