FROM alpine:3.17
ENV LANG=en_US.UTF-8 \
    LD_LIBRARY_PATH=/usr/glibc-compat/lib:/opt/jre/lib/amd64/server
# Locale data for the JRE, generated with glibc's own localedef.
RUN apk add --no-cache --virtual .locale-deps glibc-i18n && \
    /usr/glibc-compat/bin/localedef --force --inputfile POSIX --charmap UTF-8 "$LANG" || true && \
    echo "export LANG=$LANG" > /etc/profile.d/locale.sh && \
    apk del .locale-deps
