# A self-contained .NET app published for linux-x64 (glibc) into Alpine.
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -r linux-x64 --self-contained -o /app

FROM alpine:3.20
RUN apk add --no-cache icu-libs libstdc++
COPY --from=build /app /app
ENTRYPOINT ["/app/Api"]
