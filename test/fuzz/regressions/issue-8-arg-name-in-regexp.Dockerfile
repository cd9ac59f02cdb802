ARG T(=1
ARG IMAGE=frolvlad/alpine-glibc
FROM $IMAGE
