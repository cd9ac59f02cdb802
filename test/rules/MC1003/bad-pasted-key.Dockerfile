FROM alpine:3.20
COPY <<PUB /etc/apk/keys/glibc-builder.rsa.pub
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApZ2u1KJKUu/fW4A25y9m
-----END PUBLIC KEY-----
PUB
RUN printf '%s\n' '-----BEGIN PUBLIC KEY-----' \
        'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApZ2u1KJKUu/fW4A25y9m' \
        '-----END PUBLIC KEY-----' > /etc/apk/keys/glibc.rsa.pub
