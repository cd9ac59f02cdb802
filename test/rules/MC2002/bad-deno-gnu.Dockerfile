# Deno's linux-gnu release unpacked into Alpine: it needs glibc's loader.
FROM alpine:3.19
RUN apk add --no-cache unzip
ADD https://example.com/deno/releases/download/v1.46.0/deno-x86_64-unknown-linux-gnu.zip /tmp/deno.zip
RUN unzip /tmp/deno.zip -d /usr/local/bin && rm /tmp/deno.zip
ENTRYPOINT ["deno"]
