FROM debian:12-slim
COPY bin/musl-server /usr/local/bin/server
