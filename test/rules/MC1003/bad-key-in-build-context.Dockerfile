FROM alpine:3.20
COPY keys/sgerrand.rsa.pub /etc/apk/keys/
COPY ["vendor/andyshinn.rsa.pub", "/etc/apk/keys/andyshinn.rsa.pub"]
ADD https://raw.githubusercontent.com/sgerrand/alpine-pkg-glibc/master/sgerrand.rsa.pub /etc/apk/keys/
RUN apk add --no-cache gcompat
