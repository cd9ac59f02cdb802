# A jlink runtime made with Temurin's glibc JDK, copied into Alpine.
FROM eclipse-temurin:21-jdk AS jre
RUN jlink --add-modules java.base,java.logging --strip-debug --no-header-files --no-man-pages --output /javaruntime

FROM alpine:3.20
COPY --from=jre /javaruntime /opt/java
COPY target/app.jar /app/app.jar
CMD ["/opt/java/bin/java", "-jar", "/app/app.jar"]
