FROM alpine:3.20 AS build
# No glibc here: gcompat runs the vendor binary, musl-dev builds our own code.
RUN apk add --no-cache musl-dev gcc gcompat libc6-compat \
    && apk info -L musl
LABEL runtime.libc="musl, not glibc"

FROM debian:bookworm-slim AS debian
RUN apt-get update \
    && apt-get install -y --no-install-recommends libc6 libc6-dev \
    && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20
COPY --from=build /etc/os-release /etc/os-release
RUN apk add --no-cache tzdata
