# We used to start FROM frolvlad/alpine-glibc; gcompat does the job now.
FROM alpine:3.20
LABEL org.opencontainers.image.description="runs a glibc-built binary through gcompat, no glibc apks"
RUN apk add --no-cache gcompat libc6-compat
COPY tool /usr/local/bin/tool
CMD ["tool"]
