FROM alpine:3.20
COPY vendor/legacy-tool /opt/legacy/tool
CMD ["/opt/legacy/tool"]
