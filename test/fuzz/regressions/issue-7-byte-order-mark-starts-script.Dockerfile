# escape=`
FROM alpine:3.15
RUN wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.32-r0/glibc-2.32-r0.apk &&﻿ `
    apk add glibc-2.32-r0.apk
