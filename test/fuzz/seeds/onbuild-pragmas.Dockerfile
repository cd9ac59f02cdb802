# muslcheck ignore=MC1004
ARG BASE=alpine:3.19
FROM ${BASE}
# muslcheck ignore=MC1005
ENV PATH=/usr/glibc-compat/bin:$PATH
ONBUILD RUN apk add glibc glibc-bin
RUN echo "$(uname -m)" > /arch && apk add --no-cache gcompat
