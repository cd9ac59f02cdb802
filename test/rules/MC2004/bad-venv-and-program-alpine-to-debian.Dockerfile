# Built on Alpine, run on Debian: the venv's wheels and the C helper are linked against musl.
FROM python:3.12-alpine AS build
RUN apk add --no-cache build-base
RUN python -m venv /opt/venv && /opt/venv/bin/pip install psycopg2
COPY helper.c /src/helper.c
RUN gcc -O2 -o /out/helper /src/helper.c

FROM python:3.12-slim
COPY --from=build /opt/venv /opt/venv
COPY --from=build /out/helper /usr/local/bin/helper
CMD ["/opt/venv/bin/python", "-m", "app"]
