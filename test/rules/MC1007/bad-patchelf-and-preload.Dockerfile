FROM alpine:3.20
COPY vendor/agent /opt/agent/bin/agent
# Make the glibc build start on musl, and preload glibc's threads library copied from Debian.
RUN apk add --no-cache patchelf \
 && patchelf --set-interpreter /lib/ld-musl-x86_64.so.1 /opt/agent/bin/agent
ENV LD_PRELOAD=/opt/agent/lib/x86_64-linux-gnu/libpthread.so.0
CMD ["/opt/agent/bin/agent"]
