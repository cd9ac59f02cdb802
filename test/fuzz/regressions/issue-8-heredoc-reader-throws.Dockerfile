FROM alpine:3.19
RUN apk add glibc \# x
RUN echo b
