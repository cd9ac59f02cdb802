# Miniconda on an alpine-glibc base: it runs only on the glibc bolted onto musl.
FROM frolvlad/alpine-glibc:alpine-3.18
ENV CONDA_DIR=/opt/conda
RUN apk add --no-cache bash \
    && wget -q https://repo.anaconda.com/miniconda/Miniconda3-py312_24.9.2-0-Linux-x86_64.sh -O /tmp/miniconda.sh \
    && bash /tmp/miniconda.sh -b -p "$CONDA_DIR" \
    && rm /tmp/miniconda.sh
ENV PATH=$CONDA_DIR/bin:$PATH
