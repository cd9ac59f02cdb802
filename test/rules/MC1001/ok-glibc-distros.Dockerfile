FROM debian:bookworm-slim AS debian
RUN apt-get update && apt-get install -y --no-install-recommends libc6 libc6-dev \
    && rm -rf /var/lib/apt/lists/*

FROM fedora:40 AS fedora
RUN dnf install -y glibc glibc-langpack-en && dnf clean all

FROM centos:7
RUN yum install -y glibc-common && localedef -i en_US -f UTF-8 en_US.UTF-8
