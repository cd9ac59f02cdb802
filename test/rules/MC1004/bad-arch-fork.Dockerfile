# An arm64 image that borrows a community glibc build.
FROM arm64v8/alpine:3.16
ARG GLIBC_RELEASE=2.30-r0
ENV GLIBC_BASE=https://github.com/Rjerk/alpine-pkg-glibc/releases/download/${GLIBC_RELEASE}-arm64
RUN apk add --no-cache wget \
    && wget -q "${GLIBC_BASE}/glibc-${GLIBC_RELEASE}.apk" \
    && apk add --no-cache --allow-untrusted "glibc-${GLIBC_RELEASE}.apk" \
    && rm -f "glibc-${GLIBC_RELEASE}.apk"
