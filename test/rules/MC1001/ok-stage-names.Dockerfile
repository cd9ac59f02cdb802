ARG BASE=alpine:3.20
FROM ${BASE} AS alpine-glibc
RUN apk add --no-cache musl-dev gcc
FROM alpine-glibc AS java
FROM eclipse-temurin:21-jre-alpine
COPY --from=java /etc/os-release /tmp/os-release
