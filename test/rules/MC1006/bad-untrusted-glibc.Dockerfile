FROM alpine:3.14
RUN wget https://github.com/andyshinn/alpine-pkg-glibc/releases/download/2.25-r0/glibc-2.25-r0.apk && \
    apk --no-cache --allow-untrusted add glibc-2.25-r0.apk && \
    rm glibc-2.25-r0.apk
