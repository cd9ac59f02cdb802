FROM alpine:3.12
RUN wget -q https://github.com/andyshinn/alpine-pkg-glibc/releases/download/2.23-r1/glibc-2.23-r1.apk \
 && apk add --allow-untrusted glibc-2.23-r1.apk \
 && rm -f glibc-2.23-r1.apk
