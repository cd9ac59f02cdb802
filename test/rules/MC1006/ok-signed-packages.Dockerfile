FROM alpine:3.20
# Signed with our key, so no --allow-untrusted is needed.
COPY keys/builder.rsa.pub /etc/apk/keys/
COPY packages/ /tmp/packages/
RUN apk add --no-cache /tmp/packages/x86_64/our-tool-1.4-r0.apk \
    && rm -rf /tmp/packages
LABEL apk.note="installed without --allow-untrusted"
