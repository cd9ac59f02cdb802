# syntax=docker/dockerfile:1
FROM frolvlad/alpine-glibc:alpine-3.17 AS build
WORKDIR /src
COPY . .
RUN make

FROM frolvlad/alpine-glibc:alpine-3.17
COPY --from=build /src/bin/tool /usr/local/bin/tool
ENTRYPOINT ["tool"]
