FROM golang:1.22-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/server ./cmd/server

FROM alpine:3.20
# The binary wants /lib64/ld-linux-x86-64.so.2: fake it with musl's loader.
RUN mkdir -p /lib64 \
 && ln -s /lib/ld-musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2
COPY --from=build /out/server /usr/local/bin/server
ENV LD_PRELOAD=/usr/local/lib/libc.so.6
CMD ["server"]
