FROM alpine:3.20 AS tools
ARG NODE=22.11.0
ENV PYTHONPATH=/deps
RUN curl -fsSL -o /tmp/node.tar.xz "https://nodejs.org/dist/v${NODE}/node-v${NODE}-linux-x64.tar.xz" \
    && curl -fsSL https://api.adoptium.net/v3/binary/latest/21/ga/linux/x64/jre/hotspot/normal/eclipse | tar -xz -C /opt \
    && wget -qO /tmp/aws.zip https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip
RUN npx playwright install chromium && npm install puppeteer
RUN pip install --platform manylinux2014_x86_64 --only-binary=:all: --target /deps requests
ADD https://github.com/oven-sh/bun/releases/download/bun-v1.1.34/bun-linux-x64.zip /tmp/bun.zip

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
RUN dotnet publish -c Release -r linux-x64 -o /out

FROM alpine:3.20
COPY --from=build /out /app
