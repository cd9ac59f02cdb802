# A Go service built on Debian with cgo left on, then shipped on Alpine.
FROM golang:1.23-bookworm AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -o /out/api ./cmd/api

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY --from=builder /out/api /usr/local/bin/api
COPY --from=builder /src/migrations /srv/migrations
USER nobody
ENTRYPOINT ["/usr/local/bin/api"]
