FROM alpine:3.20
# Our packages are signed with our own key, not sgerrand.rsa.pub.
COPY keys/ci-builder.rsa.pub /etc/apk/keys/
RUN wget -q -O /etc/apk/keys/packages@example.com.rsa.pub https://packages.example.com/keys/packages@example.com.rsa.pub \
    && echo "https://packages.example.com/alpine/v3.20/main" >> /etc/apk/repositories \
    && apk add --no-cache our-agent
LABEL signing.key="not the sgerrand.rsa.pub of alpine-pkg-glibc"
