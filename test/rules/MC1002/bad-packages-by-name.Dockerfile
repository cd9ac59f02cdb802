FROM node:20-alpine3.19 AS web
# Our internal repository serves rebuilt glibc apks.
RUN apk add --no-cache \
        -X https://apk.example.internal/v3.19/main \
        bash \
        glibc \
        glibc-i18n \
    && npm ci

FROM mycorp/tooling:2024.1
run apk --no-cache add glibc-dev make
