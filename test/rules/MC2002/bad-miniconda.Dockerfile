# conda is built for glibc: the installer's own conda.exe is "not found" on Alpine.
FROM alpine:3.19
ENV CONDA_VERSION=py312_24.9.2-0
RUN apk add --no-cache bash wget \
    && wget -q "https://repo.anaconda.com/miniconda/Miniconda3-${CONDA_VERSION}-Linux-x86_64.sh" -O /tmp/miniconda.sh \
    && bash /tmp/miniconda.sh -b -p /opt/conda \
    && rm /tmp/miniconda.sh
ENV PATH=/opt/conda/bin:$PATH
