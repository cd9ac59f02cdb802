ARG RUNTIME_IMAGE=frolvlad/alpine-glibc:alpine-3.17
ARG RUNTIME_TAG

FROM ${RUNTIME_IMAGE} AS runtime
RUN apk add --no-cache ca-certificates

FROM runtime AS app
COPY app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
