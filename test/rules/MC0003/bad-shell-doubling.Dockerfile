# The same growth by shell assignments inside one RUN.
FROM alpine:3.19
RUN A=0123456789abcdef; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    A="$A$A"; \
    echo "$A" > /dev/null && apk add glibc
