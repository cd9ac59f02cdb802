FROM alpine:3.20
# Near misses: ln -s of ordinary libraries, patchelf --set-rpath, jemalloc preloaded.
# (ln -s /lib/ld-musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2 would be the workaround.)
RUN apk add --no-cache jemalloc patchelf gcompat \
 && ln -s /usr/lib/libz.so.1 /usr/lib/libz.so \
 && patchelf --set-rpath /opt/app/lib /usr/bin/patchelf
ENV LD_PRELOAD=/usr/lib/libjemalloc.so.2
CMD ["sh"]
