# Temurin's Linux archive is the glibc build; its alpine-linux archive is the musl one.
FROM alpine:3.20 AS runtime
ARG JAVA_MAJOR=21
ARG JAVA_VERSION=21.0.5_11
RUN apk add --no-cache curl \
    && mkdir -p /opt/java \
    && curl -fsSL "https://github.com/adoptium/temurin${JAVA_MAJOR}-binaries/releases/download/jdk-21.0.5%2B11/OpenJDK${JAVA_MAJOR}U-jre_x64_linux_hotspot_${JAVA_VERSION}.tar.gz" \
       | tar -xz -C /opt/java --strip-components=1
ENV PATH=/opt/java/bin:$PATH
COPY app.jar /app/app.jar
CMD ["java", "-jar", "/app/app.jar"]
