# A Rust release built on Debian links glibc; the musl target would run on Alpine.
FROM rust:1.82-slim-bookworm AS builder
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM alpine:3.20
COPY --from=builder /src/target/release/server /usr/local/bin/server
ENTRYPOINT ["server"]
