# The AWS CLI v2 installer on Alpine: ./aws/install reports success, then `aws` is "not found".
FROM alpine:3.20
ARG AWS_CLI_VERSION=2.22.4
RUN apk add --no-cache curl unzip \
    && curl -fsSL "https://awscli.amazonaws.com/awscli-exe-linux-x86_64-${AWS_CLI_VERSION}.zip" -o /tmp/awscliv2.zip \
    && unzip -q /tmp/awscliv2.zip -d /tmp \
    && /tmp/aws/install \
    && rm -rf /tmp/aws /tmp/awscliv2.zip
ENTRYPOINT ["aws"]
