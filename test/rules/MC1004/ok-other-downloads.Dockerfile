FROM alpine:3.20
# Not alpine-pkg-glibc: plain release archives and Alpine's own mirror.
ARG TOOL_URL=https://github.com/example/tool/releases/download/v1.2.3/tool-linux-musl.tar.gz
RUN wget -q -O /tmp/tool.tgz "$TOOL_URL" \
    && tar -xzf /tmp/tool.tgz -C /usr/local/bin \
    && apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/community gcompat
LABEL org.opencontainers.image.source="https://github.com/sgerrand/alpine-pkg-glibc (replaced by gcompat)"

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
    && curl -fsSLO https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk \
    && sha256sum glibc-2.35-r1.apk > /checksums.txt
