FROM alpine:3.20
RUN apk add --no-cache gcompat libstdc++ && adduser -D app
USER app
COPY --chown=app:app dist/ /home/app/
CMD ["/home/app/run"]
