# The linux-x64 .NET archive is for glibc; Microsoft publishes linux-musl-x64 for Alpine.
FROM alpine:3.20
ENV DOTNET_VERSION=8.0.11
RUN apk add --no-cache icu-libs krb5-libs libgcc libintl libssl3 libstdc++ zlib \
    && wget -q -O /tmp/dotnet.tar.gz "https://dotnetcli.azureedge.net/dotnet/Runtime/${DOTNET_VERSION}/dotnet-runtime-${DOTNET_VERSION}-linux-x64.tar.gz" \
    && mkdir -p /usr/share/dotnet \
    && tar -xzf /tmp/dotnet.tar.gz -C /usr/share/dotnet \
    && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
