# Static builds run on any C library: kubectl, helm, terraform and plain Hugo.
FROM alpine:3.20
ARG HUGO=0.139.3
RUN apk add --no-cache curl unzip \
    && curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.3/bin/linux/amd64/kubectl \
    && curl -fsSL https://get.helm.sh/helm-v3.16.3-linux-amd64.tar.gz | tar -xz -C /tmp \
    && curl -fsSLO https://releases.hashicorp.com/terraform/1.10.0/terraform_1.10.0_linux_amd64.zip \
    && curl -fsSL "https://github.com/gohugoio/hugo/releases/download/v${HUGO}/hugo_${HUGO}_linux-amd64.tar.gz" | tar -xz -C /usr/local/bin hugo
