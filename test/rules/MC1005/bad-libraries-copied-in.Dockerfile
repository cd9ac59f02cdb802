FROM archlinux:base AS libs
RUN pacman -Sy --noconfirm gcc-libs zlib

FROM alpine:3.19
COPY --from=libs /usr/lib/libgcc_s.so.1 /usr/lib/libstdc++.so.6 /usr/glibc-compat/lib/
COPY --from=libs /usr/lib/libz.so.1 /usr/glibc-compat/lib/
RUN apk add --no-cache gcompat \
    && /usr/glibc-compat/sbin/ldconfig
