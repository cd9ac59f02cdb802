FROM gcr.io/distroless/cc-debian12
COPY bin/server /server
