FROM alpine:3.20 AS build
RUN apk add --no-cache abuild build-base && abuild-keygen -a -n
COPY APKBUILD /src/
RUN cd /src && abuild -F -r

FROM alpine:3.20
COPY --from=build /root/packages/ /tmp/packages/
RUN apk add --no-cache --allow-untrusted /tmp/packages/x86_64/*.apk \
    && rm -rf /tmp/packages
