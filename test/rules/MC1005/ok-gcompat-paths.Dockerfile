FROM alpine:3.20
# gcompat ships the loader names: no /usr/glibc-compat prefix is involved.
RUN apk add --no-cache gcompat \
    && ls -l /lib/ld-linux-x86-64.so.2 /lib/libgcompat.so.0
ENV LD_LIBRARY_PATH=/usr/lib:/opt/app/lib
LABEL migration="dropped /usr/glibc-compat"

FROM ubuntu:24.04
RUN ldconfig -p | grep libc.so.6 && mkdir -p /usr/glibc-compat-notes
