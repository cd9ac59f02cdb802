FROM alpine:3.20
# muslcheck ignroe=MC1006
RUN apk add --no-cache curl
# muslcheck ignore=MC100
RUN apk add --no-cache bash
