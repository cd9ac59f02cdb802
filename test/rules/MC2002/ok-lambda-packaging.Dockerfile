# manylinux wheels packaged for AWS Lambda (glibc), never run in this Alpine stage.
FROM python:3.12-alpine AS package
WORKDIR /build
COPY requirements.txt .
RUN apk add --no-cache zip \
    && pip install --platform manylinux2014_x86_64 --implementation cp --only-binary=:all: --target ./python -r requirements.txt \
    && zip -qr /build/layer.zip python
