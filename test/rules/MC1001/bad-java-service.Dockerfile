# A small Java service on an Alpine image that carries glibc.
FROM anapsix/alpine-java:8_jdk AS build
WORKDIR /src
COPY . .
RUN ./gradlew --no-daemon shadowJar

FROM anapsix/alpine-java:8_server-jre_unlimited
COPY --from=build /src/build/libs/service.jar /opt/service.jar
EXPOSE 8080
CMD ["java", "-jar", "/opt/service.jar"]
