# Each vendor's musl or Alpine build, picked by name.
FROM alpine:3.20
ARG NODE=22.11.0
RUN apk add --no-cache curl icu-libs libstdc++ \
    && curl -fsSLO "https://unofficial-builds.nodejs.org/download/release/v${NODE}/node-v${NODE}-linux-x64-musl.tar.xz" \
    && curl -fsSLO https://github.com/adoptium/temurin21-binaries/releases/download/jdk-21.0.5%2B11/OpenJDK21U-jre_x64_alpine-linux_hotspot_21.0.5_11.tar.gz \
    && curl -fsSLO https://dotnetcli.azureedge.net/dotnet/Runtime/8.0.11/dotnet-runtime-8.0.11-linux-musl-x64.tar.gz \
    && curl -fsSLO https://github.com/PowerShell/PowerShell/releases/download/v7.4.6/powershell-7.4.6-linux-musl-x64.tar.gz \
    && curl -fsSLO https://github.com/oven-sh/bun/releases/download/bun-v1.1.34/bun-linux-x64-musl.zip \
    && curl -fsSL -o /usr/local/bin/snyk https://static.snyk.io/cli/latest/snyk-alpine
