# escape=`
FROM --platform=$BUILDPLATFORM registry.internal:5000/mirror/alpine-glibc:3.19 AS tools
RUN apk add --no-cache `
    curl `
    jq
from docker.io/jeanblanchard/alpine-glibc
copy --from=tools /usr/bin/jq /usr/bin/jq
