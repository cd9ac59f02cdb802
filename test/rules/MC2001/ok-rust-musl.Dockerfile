# A Rust tool built for the musl target on Debian and copied to Alpine.
FROM rust:1.82-slim AS build
RUN rustup target add x86_64-unknown-linux-musl
WORKDIR /src
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM alpine:3.20
COPY --from=build /src/target/x86_64-unknown-linux-musl/release/tool /usr/local/bin/tool
CMD ["tool"]
